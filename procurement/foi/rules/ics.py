"""iCalendar (RFC 5545) text for deadline feeds: all-day events, escaped and folded (pure)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

PRODUCT_ID = "-//Procurement Transparency Tracker//FOI deadlines//EN"
# RFC 5545 § 3.1: lines longer than 75 octets are folded.
MAX_LINE_OCTETS = 75


@dataclass(frozen=True)
class AllDayEvent:
    uid: str
    day: date
    summary: str
    description: str = ""
    url: str = ""


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 § 3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets joined by CRLF + space, never
    inside a UTF-8 sequence."""
    if len(line.encode()) <= MAX_LINE_OCTETS:
        return line
    chunks, current, size = [], [], 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            chunks.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: Iterable[AllDayEvent], *, name: str, generated_at: datetime) -> str:
    """A VCALENDAR of all-day events, CRLF-terminated, ready to serve as text/calendar."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    stamp = _stamp(generated_at)
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
