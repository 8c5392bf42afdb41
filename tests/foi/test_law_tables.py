"""Issue 13, "Done when": a table per jurisdiction (and Bosnia and Herzegovina's levels, and
the law versions in force) of at least ten receipt dates, each with its answer, extended and
urgent due dates, the day a complaint about silence may be lodged from and its closing date
(None: the law sets none), and the appeal body's decision date for a complaint lodged that
first day — every row with the `source` it rests on. The public API answers the same.

The dates were computed by the rules and checked by hand against the statutes' periods and the
pinned 2026–2028 holiday calendars (tests/foi/test_holidays_pinned.py); the rows marked in the
sources exercise holidays, observed days, year ends and the change of law versions."""

from datetime import date

import pytest

from procurement.foi.rules import deadlines as deadline_rules
from tests.foi.reference import calendar, rule

# What each table rests on (tests/fixtures/reference/foi-laws.md, "Corrections", and the
# statutes cited there). Every row carries its table's source.
SOURCES = {
    "RS": (
        "FOI Law of Serbia Art. 16(1) 15 days, 16(2) 48 hours, 16(3) 40 days from receipt, "
        '22(1) silence: no closing date (Commissioner, "Kome se žaliti"), 24(1) Commissioner '
        "decides in 30 days; ZUP Art. 80 roll forward"
    ),
    "BA": (
        "BiH FOI Law 2023 (Sl. glasnik BiH 61/23), article not confirmed: 15 days (L), no "
        "extension; no source gives a silence closing date; religious feasts count as working "
        "days (L–M)"
    ),
    "BA@2000": (
        "BiH FOI Act 2000 (Sl. glasnik BiH 28/00) Art. 14(4): 15 days, until 2023-09-12; no "
        "source gives a silence closing date"
    ),
    "BA-BIH": (
        "FOI Act of FBiH Art. 14(4): 15 days; objection window 8 days after a decision; no "
        "source gives a silence closing date; religious feasts count as working days (L–M)"
    ),
    "BA-SRP": (
        "FOI Act of Republika Srpska Art. 14(4): 15 days (L); no source gives a silence closing "
        "date; religious feasts (Orthodox New Year, Eid…) count as working days (L–M)"
    ),
    "ME": (
        "FOI Law of Montenegro 2012 (Sl. list CG 44/12, 30/17) Art. 31: 15 working days, 48 "
        "hours, +8 days; Agency decides in 15 days (M); no source gives a silence closing date"
    ),
    "ME@2025": (
        "FOI Law of Montenegro 2025 (Sl. list CG 160/2025), applies from 2026-07-07: periods "
        "not confirmed, so provisionally the 2012 law's (Art. 31); Agency 15 days (M)"
    ),
    "MK": (
        "FOI Law of North Macedonia 2019 Art. 21(1): 20 days; 30 days from receipt when extended "
        "(aspi.mk); no source gives a silence closing date; no appeal-body period known"
    ),
    "AL": (
        "Law 119/2014 Art. 15: 10 working days, +5 working days; Art. 24: 30 working days after "
        "the deadline passes; the Commissioner decides in 15 working days"
    ),
    "XK": (
        "Law 06/L-081 Art. 13: 7 days, or 15 days in total when announced; 48 hours urgent; 15 "
        "days from silence (the Information and Privacy Agency's page)"
    ),
}

# received, due, extended, urgent, silence complaint from, until (None: no closing date),
# the appeal body's decision for a complaint lodged on the first day.
TABLES = {
    "RS": [
        ("2026-01-31", "2026-02-18", "2026-03-12", "2026-02-02", "2026-02-19", None, "2026-03-23"),
        ("2026-04-16", "2026-05-04", "2026-05-26", "2026-04-18", "2026-05-05", None, "2026-06-04"),
        ("2026-01-01", "2026-01-16", "2026-02-10", "2026-01-03", "2026-01-17", None, "2026-02-18"),
        ("2026-02-10", "2026-02-25", "2026-03-23", "2026-02-12", "2026-02-26", None, "2026-03-30"),
        ("2026-03-27", "2026-04-14", "2026-05-06", "2026-03-29", "2026-04-15", None, "2026-05-15"),
        ("2026-04-01", "2026-04-16", "2026-05-11", "2026-04-03", "2026-04-17", None, "2026-05-18"),
        ("2026-06-30", "2026-07-15", "2026-08-10", "2026-07-02", "2026-07-16", None, "2026-08-17"),
        ("2026-10-27", "2026-11-12", "2026-12-07", "2026-10-29", "2026-11-13", None, "2026-12-14"),
        ("2026-12-20", "2027-01-04", "2027-01-29", "2026-12-22", "2027-01-05", None, "2027-02-04"),
        ("2027-02-28", "2027-03-15", "2027-04-09", "2027-03-02", "2027-03-16", None, "2027-04-15"),
        ("2027-12-24", "2028-01-10", "2028-02-02", "2027-12-26", "2028-01-11", None, "2028-02-10"),
    ],
    "BA": [
        ("2026-03-05", "2026-03-20", None, None, "2026-03-21", None, None),
        ("2026-01-01", "2026-01-16", None, None, "2026-01-17", None, None),
        ("2026-02-14", "2026-03-02", None, None, "2026-03-03", None, None),
        ("2026-04-20", "2026-05-05", None, None, "2026-05-06", None, None),
        ("2026-05-20", "2026-06-04", None, None, "2026-06-05", None, None),
        ("2026-07-01", "2026-07-16", None, None, "2026-07-17", None, None),
        ("2026-11-10", "2026-11-25", None, None, "2026-11-26", None, None),
        ("2026-12-17", "2027-01-04", None, None, "2027-01-05", None, None),
        ("2027-02-27", "2027-03-15", None, None, "2027-03-16", None, None),
        ("2027-12-20", "2028-01-04", None, None, "2028-01-05", None, None),
    ],
    "BA@2000": [
        ("2023-09-01", "2023-09-18", None, None, "2023-09-19", None, None),
        ("2023-08-28", "2023-09-12", None, None, "2023-09-13", None, None),
        ("2023-04-10", "2023-04-25", None, None, "2023-04-26", None, None),
        ("2023-01-01", "2023-01-16", None, None, "2023-01-17", None, None),
        ("2022-12-22", "2023-01-06", None, None, "2023-01-07", None, None),
        ("2023-03-01", "2023-03-16", None, None, "2023-03-17", None, None),
        ("2023-05-20", "2023-06-05", None, None, "2023-06-06", None, None),
        ("2023-06-15", "2023-06-30", None, None, "2023-07-01", None, None),
        ("2023-07-31", "2023-08-15", None, None, "2023-08-16", None, None),
        ("2023-09-12", "2023-09-27", None, None, "2023-09-28", None, None),
    ],
    "BA-BIH": [
        ("2026-03-05", "2026-03-20", None, None, "2026-03-21", None, None),
        ("2025-12-30", "2026-01-14", None, None, "2026-01-15", None, None),
        ("2026-02-14", "2026-03-02", None, None, "2026-03-03", None, None),
        ("2026-04-20", "2026-05-05", None, None, "2026-05-06", None, None),
        ("2026-05-20", "2026-06-04", None, None, "2026-06-05", None, None),
        ("2026-07-01", "2026-07-16", None, None, "2026-07-17", None, None),
        ("2026-11-10", "2026-11-26", None, None, "2026-11-27", None, None),
        ("2026-12-17", "2027-01-04", None, None, "2027-01-05", None, None),
        ("2027-02-27", "2027-03-15", None, None, "2027-03-16", None, None),
        ("2027-12-20", "2028-01-04", None, None, "2028-01-05", None, None),
    ],
    "BA-SRP": [
        ("2026-03-05", "2026-03-20", None, None, "2026-03-21", None, None),
        ("2025-12-30", "2026-01-14", None, None, "2026-01-15", None, None),
        ("2026-02-14", "2026-03-02", None, None, "2026-03-03", None, None),
        ("2026-04-20", "2026-05-05", None, None, "2026-05-06", None, None),
        ("2026-05-20", "2026-06-04", None, None, "2026-06-05", None, None),
        ("2026-07-01", "2026-07-16", None, None, "2026-07-17", None, None),
        ("2026-11-06", "2026-11-23", None, None, "2026-11-24", None, None),
        ("2026-12-17", "2027-01-04", None, None, "2027-01-05", None, None),
        ("2027-02-27", "2027-03-15", None, None, "2027-03-16", None, None),
        ("2027-12-20", "2028-01-04", None, None, "2028-01-05", None, None),
    ],
    "ME": [
        ("2026-05-08", "2026-06-02", "2026-06-10", "2026-05-10", "2026-06-03", None, "2026-06-18"),
        ("2026-01-01", "2026-01-23", "2026-02-02", "2026-01-03", "2026-01-24", None, "2026-02-09"),
        ("2026-02-10", "2026-03-03", "2026-03-11", "2026-02-12", "2026-03-04", None, "2026-03-19"),
        ("2026-03-16", "2026-04-06", "2026-04-14", "2026-03-18", "2026-04-07", None, "2026-04-22"),
        ("2026-04-01", "2026-04-22", "2026-04-30", "2026-04-03", "2026-04-23", None, "2026-05-08"),
        ("2026-04-28", "2026-05-20", "2026-05-28", "2026-04-30", "2026-05-21", None, "2026-06-05"),
        ("2026-05-15", "2026-06-09", "2026-06-17", "2026-05-17", "2026-06-10", None, "2026-06-25"),
        ("2026-06-15", "2026-07-06", "2026-07-15", "2026-06-17", "2026-07-07", None, "2026-07-22"),
        ("2026-06-22", "2026-07-15", "2026-07-23", "2026-06-24", "2026-07-16", None, "2026-07-31"),
        ("2026-07-06", "2026-07-29", "2026-08-06", "2026-07-08", "2026-07-30", None, "2026-08-14"),
    ],
    "ME@2025": [
        ("2026-07-07", "2026-07-30", "2026-08-07", "2026-07-09", "2026-07-31", None, "2026-08-17"),
        ("2026-07-08", "2026-07-31", "2026-08-10", "2026-07-10", "2026-08-01", None, "2026-08-17"),
        ("2026-08-20", "2026-09-10", "2026-09-18", "2026-08-22", "2026-09-11", None, "2026-09-28"),
        ("2026-09-30", "2026-10-21", "2026-10-29", "2026-10-02", "2026-10-22", None, "2026-11-06"),
        ("2026-11-02", "2026-11-24", "2026-12-02", "2026-11-04", "2026-11-25", None, "2026-12-10"),
        ("2026-12-20", "2027-01-11", "2027-01-19", "2026-12-22", "2027-01-12", None, "2027-01-27"),
        ("2027-01-04", "2027-01-25", "2027-02-02", "2027-01-06", "2027-01-26", None, "2027-02-10"),
        ("2027-04-20", "2027-05-12", "2027-05-20", "2027-04-22", "2027-05-13", None, "2027-05-28"),
        ("2027-07-02", "2027-07-27", "2027-08-04", "2027-07-04", "2027-07-28", None, "2027-08-12"),
        ("2027-12-22", "2028-01-13", "2028-01-21", "2027-12-24", "2028-01-14", None, "2028-01-31"),
    ],
    "MK": [
        ("2026-05-04", "2026-05-26", "2026-06-03", None, "2026-05-27", None, None),
        ("2026-01-01", "2026-01-21", "2026-02-02", None, "2026-01-22", None, None),
        ("2026-02-27", "2026-03-19", "2026-03-30", None, "2026-03-20", None, None),
        ("2026-03-10", "2026-03-30", "2026-04-09", None, "2026-03-31", None, None),
        ("2026-04-01", "2026-04-21", "2026-05-04", None, "2026-04-22", None, None),
        ("2026-07-13", "2026-08-04", "2026-08-12", None, "2026-08-05", None, None),
        ("2026-08-10", "2026-08-31", "2026-09-09", None, "2026-09-01", None, None),
        ("2026-09-25", "2026-10-15", "2026-10-26", None, "2026-10-16", None, None),
        ("2026-12-20", "2027-01-11", "2027-01-19", None, "2027-01-12", None, None),
        ("2027-02-28", "2027-03-22", "2027-03-30", None, "2027-03-23", None, None),
    ],
    "AL": [
        ("2026-03-10", "2026-03-27", "2026-04-03", None, "2026-03-28", "2026-05-13", "2026-04-21"),
        ("2026-01-01", "2026-01-16", "2026-01-23", None, "2026-01-17", "2026-02-27", "2026-02-06"),
        ("2026-02-26", "2026-03-12", "2026-03-24", None, "2026-03-13", "2026-04-30", "2026-04-09"),
        ("2026-03-26", "2026-04-10", "2026-04-20", None, "2026-04-11", "2026-05-26", "2026-05-05"),
        ("2026-04-30", "2026-05-15", "2026-05-22", None, "2026-05-16", "2026-06-29", "2026-06-08"),
        ("2026-06-10", "2026-06-24", "2026-07-01", None, "2026-06-25", "2026-08-05", "2026-07-16"),
        ("2026-11-20", "2026-12-10", "2026-12-17", None, "2026-12-11", "2027-01-26", "2027-01-06"),
        ("2026-12-10", "2026-12-24", "2027-01-05", None, "2026-12-25", "2027-02-09", "2027-01-19"),
        ("2026-12-21", "2027-01-07", "2027-01-14", None, "2027-01-08", "2027-02-18", "2027-01-29"),
        ("2027-02-26", "2027-03-16", "2027-03-24", None, "2027-03-17", "2027-04-29", "2027-04-09"),
    ],
    "XK": [
        ("2026-02-10", "2026-02-18", "2026-02-25", "2026-02-12", "2026-02-19", "2026-03-05", None),
        ("2026-01-01", "2026-01-08", "2026-01-16", "2026-01-03", "2026-01-09", "2026-01-23", None),
        ("2026-03-30", "2026-04-07", "2026-04-14", "2026-04-01", "2026-04-08", "2026-04-22", None),
        ("2026-04-03", "2026-04-10", "2026-04-20", "2026-04-05", "2026-04-11", "2026-04-27", None),
        ("2026-05-25", "2026-06-01", "2026-06-09", "2026-05-27", "2026-06-02", "2026-06-16", None),
        ("2026-06-08", "2026-06-15", "2026-06-23", "2026-06-10", "2026-06-16", "2026-06-30", None),
        ("2026-12-20", "2026-12-28", "2027-01-05", "2026-12-22", "2026-12-29", "2027-01-12", None),
        ("2026-12-28", "2027-01-05", "2027-01-12", "2026-12-30", "2027-01-06", "2027-01-20", None),
        ("2027-02-26", "2027-03-05", "2027-03-15", "2027-02-28", "2027-03-06", "2027-03-22", None),
        ("2027-12-30", "2028-01-06", "2028-01-14", "2028-01-01", "2028-01-07", "2028-01-21", None),
    ],
}

ROWS = [
    (key, *(date.fromisoformat(day) if day else None for day in row), SOURCES[key])
    for key, rows in TABLES.items()
    for row in rows
]


def test_every_table_has_ten_rows_and_every_row_a_source():
    assert set(TABLES) == set(SOURCES)
    for key, rows in TABLES.items():
        assert len(rows) >= 10, key
    cited = ("Art.", "page", "article not confirmed")
    assert all(any(word in row[-1] for word in cited) for row in ROWS)


def _law_of(key: str) -> str:
    return key.split("@")[0]


@pytest.mark.parametrize(
    ("key", "received", "due", "extended", "urgent", "opens", "closes", "decision", "source"),
    ROWS,
)
def test_table(key, received, due, extended, urgent, opens, closes, decision, source):
    code = _law_of(key)
    law, cal = rule(code, received), calendar(code, 2022, 2028)
    answer = deadline_rules.due_on(received, law, cal)
    assert answer.on == due, (source, answer.explanation)
    extension = deadline_rules.extended_due_on(received, answer.on, law, cal)
    assert (extension.on if extension else None) == extended, source
    fast = deadline_rules.urgent_due_on(received, law)
    assert (fast.on if fast else None) == urgent, source
    window = deadline_rules.appeal_window_after_silence(answer.on, law, cal)
    assert (window.opens_on, window.closes_on) == (opens, closes), (source, window.explanation)
    body = deadline_rules.appeal_decision_due_on(opens, law, cal)
    assert (body.on if body else None) == decision, source
    assert law.provisional == (key == "ME@2025")


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(TABLES))
def test_the_api_answers_the_same(client, reference, key):
    for _key, received, due, extended, urgent, opens, closes, decision, source in ROWS:
        if _key != key:
            continue
        params = {"jurisdiction": _law_of(key), "received_on": received.isoformat()}
        params["appealed_on"] = opens.isoformat()
        response = client.get("/api/deadlines/", params)
        assert response.status_code == 200, (source, response.content)
        data = response.json()
        iso = lambda day: day.isoformat() if day else None  # noqa: E731
        assert data["due_on"] == iso(due), source
        assert data["extended_due_on"] == iso(extended), source
        assert data.get("urgent_due_on") == iso(urgent), source
        assert (data["appeal_opens_on"], data["appeal_due_on"]) == (iso(opens), iso(closes))
        assert data["appeal_decision_due_on"] == iso(decision), source
        assert data["provisional"] is (key == "ME@2025")
