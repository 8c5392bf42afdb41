"""iCalendar text: escaping, folding at 75 octets, all-day events (no database)."""

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from procurement.foi.rules.ics import AllDayEvent, calendar, escape_text, fold


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_escape_text():
    assert escape_text("a, b; c\\d\nnext") == "a\\, b\\; c\\\\d\\nnext"
    assert escape_text("one\r\ntwo") == "one\\ntwo"


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=400))
def test_folding_keeps_every_line_within_75_octets_and_unfolds_to_the_original(text):
    line = "SUMMARY:" + escape_text(text)
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_folding_never_splits_a_cyrillic_letter():
    line = "SUMMARY:" + "Министарство унутрашњих послова " * 5
    for part in fold(line).split("\r\n"):
        part.encode().decode()  # would fail on half a character
        assert len(part.encode()) <= 75


def test_calendar_of_all_day_events():
    text = calendar(
        [
            AllDayEvent(
                uid="request-7-due@tracker.example.org",
                day=date(2025, 2, 28),
                summary="Answer due: Camera locations, Novi Sad",
                description="SHARE Foundation → Ministry of Interior\nReference: 12/25",
                url="https://tracker.example.org/organisations/1/calendar/?month=2025-02",
            )
        ],
        name="FOI deadlines — share",
        generated_at=datetime(2025, 2, 1, 9, 30, tzinfo=UTC),
    )
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF line ends only
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert "DTSTART;VALUE=DATE:20250228" in lines
    assert "DTEND;VALUE=DATE:20250301" in lines  # the next day: an all-day event
    assert "DTSTAMP:20250201T093000Z" in lines
    assert "SUMMARY:Answer due: Camera locations\\, Novi Sad" in lines
    assert "DESCRIPTION:SHARE Foundation → Ministry of Interior\\nReference: 12/25" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


def test_empty_calendar_is_still_valid():
    lines = unfold(calendar([], name="x", generated_at=datetime(2025, 1, 1, tzinfo=UTC)))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" not in lines
