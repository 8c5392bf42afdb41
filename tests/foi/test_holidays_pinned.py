"""The non-working days of 2026 per jurisdiction, pinned: an upgrade of the `holidays`
package (or a change to a jurisdiction's calendar settings) that would move a statutory
deadline fails here first. Admins correct estimates (Eid) with overrides, not by upgrading."""

from datetime import date

import pytest

from procurement.foi.reference.foi_laws import JURISDICTIONS
from procurement.foi.rules import calendars
from procurement.foi.selectors.deadlines import work_calendar
from procurement.models import Jurisdiction

# Dates and names as `holidays` 0.109 gives them for the "public" category.
PINNED_2026 = {
    "RS": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-01-07": "Orthodox Christmas Day",
        "2026-02-15": "Statehood Day",
        "2026-02-16": "Statehood Day",
        "2026-02-17": "Statehood Day (observed)",
        "2026-04-10": "Good Friday",
        "2026-04-11": "Holy Saturday",
        "2026-04-12": "Easter Sunday",
        "2026-04-13": "Easter Monday",
        "2026-05-01": "Labor Day",
        "2026-05-02": "Labor Day",
        "2026-11-11": "Armistice Day",
    },
    "BA": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-01-07": "Orthodox Christmas Day",
        "2026-03-20": "Eid al-Fitr (estimated)",
        "2026-04-06": "Catholic Easter Monday",
        "2026-04-10": "Orthodox Good Friday",
        "2026-05-01": "International Labor Day",
        "2026-05-02": "International Labor Day",
        "2026-05-27": "Eid al-Adha (estimated)",
        "2026-12-25": "Catholic Christmas Day",
    },
    "BA-BIH": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-01-06": "Orthodox Christmas Eve",
        "2026-01-07": "Orthodox Christmas Day",
        "2026-03-01": "Independence Day",
        "2026-03-20": "Eid al-Fitr (estimated)",
        "2026-03-21": "Eid al-Fitr (estimated)",
        "2026-04-03": "Catholic Good Friday",
        "2026-04-05": "Catholic Easter Sunday",
        "2026-04-06": "Catholic Easter Monday",
        "2026-04-10": "Orthodox Good Friday",
        "2026-04-12": "Orthodox Easter Sunday",
        "2026-04-13": "Orthodox Easter Monday",
        "2026-05-01": "International Labor Day",
        "2026-05-02": "International Labor Day",
        "2026-05-09": "Victory Day",
        "2026-05-27": "Eid al-Adha (estimated)",
        "2026-05-28": "Eid al-Adha (estimated)",
        "2026-11-25": "Statehood Day",
        "2026-12-24": "Catholic Christmas Eve",
        "2026-12-25": "Catholic Christmas Day",
    },
    "BA-SRP": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-01-06": "Orthodox Christmas Eve",
        "2026-01-07": "Orthodox Christmas Day",
        "2026-01-14": "Orthodox New Year",
        "2026-03-20": "Eid al-Fitr (estimated)",
        "2026-03-21": "Eid al-Fitr (estimated)",
        "2026-04-03": "Catholic Good Friday",
        "2026-04-05": "Catholic Easter Sunday",
        "2026-04-06": "Catholic Easter Monday",
        "2026-04-10": "Orthodox Good Friday",
        "2026-04-12": "Orthodox Easter Sunday",
        "2026-04-13": "Orthodox Easter Monday",
        "2026-05-01": "International Labor Day",
        "2026-05-02": "International Labor Day",
        "2026-05-09": "Victory Day",
        "2026-05-27": "Eid al-Adha (estimated)",
        "2026-05-28": "Eid al-Adha (estimated)",
        "2026-11-21": "Dayton Agreement Day",
        "2026-12-24": "Catholic Christmas Eve",
        "2026-12-25": "Catholic Christmas Day",
    },
    "BA-BRC": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-01-07": "Orthodox Christmas Day",
        "2026-03-08": "Day of establishment of Brčko District",
        "2026-03-09": "Day of establishment of Brčko District (observed)",
        "2026-03-20": "Eid al-Fitr (estimated)",
        "2026-04-06": "Catholic Easter Monday",
        "2026-04-10": "Orthodox Good Friday",
        "2026-05-01": "International Labor Day",
        "2026-05-02": "International Labor Day",
        "2026-05-27": "Eid al-Adha (estimated)",
        "2026-12-25": "Catholic Christmas Day",
    },
    "ME": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-05-01": "Labor Day",
        "2026-05-02": "Labor Day",
        "2026-05-21": "Independence Day",
        "2026-05-22": "Independence Day",
        "2026-07-13": "Statehood Day",
        "2026-07-14": "Statehood Day",
        "2026-11-13": "Njegos Day",
    },
    "MK": {
        "2026-01-01": "New Year's Day",
        "2026-01-07": "Christmas Day",
        "2026-03-20": "Eid al-Fitr (estimated)",
        "2026-04-13": "Easter Monday",
        "2026-05-01": "Labor Day",
        "2026-05-24": "Saints Cyril and Methodius Day",
        "2026-05-25": "Saints Cyril and Methodius Day (observed)",
        "2026-08-02": "Republic Day",
        "2026-08-03": "Republic Day (observed)",
        "2026-09-08": "Independence Day",
        "2026-10-11": "National Uprising Day",
        "2026-10-12": "National Uprising Day (observed)",
        "2026-10-23": "Macedonian Revolutionary Struggle Day",
        "2026-12-08": "Saint Clement of Ohrid Day",
    },
    "AL": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-03-14": "Summer Day",
        "2026-03-16": "Summer Day (observed)",
        "2026-03-20": "Eid al-Fitr",
        "2026-03-22": "Nowruz Day",
        "2026-03-23": "Nowruz Day (observed)",
        "2026-04-05": "Catholic Easter Sunday",
        "2026-04-06": "Catholic Easter Sunday (observed)",
        "2026-04-12": "Orthodox Easter Sunday",
        "2026-04-13": "Orthodox Easter Sunday (observed)",
        "2026-05-01": "International Workers' Day",
        "2026-05-27": "Eid al-Adha",
        "2026-09-05": "Mother Teresa Canonization Day",
        "2026-09-07": "Mother Teresa Canonization Day (observed)",
        "2026-11-22": "Alphabet Day",
        "2026-11-23": "Alphabet Day (observed)",
        "2026-11-28": "Flag and Independence Day",
        "2026-11-29": "Liberation Day",
        "2026-11-30": "Flag and Independence Day (observed)",
        "2026-12-01": "Liberation Day (observed)",
        "2026-12-08": "National Youth Day",
        "2026-12-25": "Christmas Day",
    },
    "XK": {
        "2026-01-01": "New Year's Day",
        "2026-01-02": "New Year's Day",
        "2026-01-07": "Orthodox Christmas Day",
        "2026-02-17": "Independence Day",
        "2026-03-20": "Eid al-Fitr (estimated)",
        "2026-04-05": "Catholic Easter",
        "2026-04-06": "Catholic Easter (observed)",
        "2026-04-09": "Constitution Day",
        "2026-04-12": "Orthodox Easter",
        "2026-04-13": "Orthodox Easter (observed)",
        "2026-05-01": "International Labor Day",
        "2026-05-09": "Europe Day",
        "2026-05-11": "Europe Day (observed)",
        "2026-05-27": "Eid al-Adha (estimated)",
        "2026-12-25": "Catholic Christmas Day",
    },
}


def test_the_holidays_package_is_the_pinned_version():
    import holidays

    assert holidays.__version__ == "0.109"


@pytest.mark.parametrize(
    ("code", "country", "subdivision"), [(row[0], row[2], row[5]) for row in JURISDICTIONS]
)
def test_2026_holidays_per_jurisdiction_are_pinned(code, country, subdivision):
    found = calendars.package_holidays(country, subdivision, ["public"], [2026])
    expected = {date.fromisoformat(day): name for day, name in PINNED_2026[code].items()}
    assert found == expected


def test_every_jurisdiction_is_pinned():
    assert set(PINNED_2026) == {row[0] for row in JURISDICTIONS}


def test_republika_srpska_alias_rs_is_never_serbia():
    # In Bosnia and Herzegovina the package reads "RS" as Republika Srpska (SRP).
    assert calendars.canonical_subdivision("BA", "RS") == "SRP"
    srpska = calendars.package_holidays("BA", "RS", ["public"], [2026])
    serbia = calendars.package_holidays("RS", "", ["public"], [2026])
    assert date(2026, 1, 14) in srpska  # Orthodox New Year: Republika Srpska only
    assert date(2026, 2, 16) in serbia and date(2026, 2, 16) not in srpska


def test_unknown_subdivision_or_year_cannot_compute():
    with pytest.raises(calendars.CannotCompute, match="not a subdivision"):
        calendars.package_holidays("BA", "XX", ["public"], [2026])
    with pytest.raises(calendars.CannotCompute, match="covers 2007–2100"):
        calendars.package_holidays("RS", "", ["public"], [1999])


@pytest.mark.django_db
def test_selector_calendar_of_each_seeded_jurisdiction_matches_the_pin(reference):
    for jurisdiction in Jurisdiction.objects.all():
        cal = work_calendar(jurisdiction, date(2026, 1, 1), date(2026, 12, 31))
        pinned = PINNED_2026[jurisdiction.code]
        # Bosnia and Herzegovina: religious feasts are days off for believers, not closed days
        # for authorities (the seeded calendar setting, issue 13).
        religious_open = not jurisdiction.religious_holidays_closed
        assert religious_open == (jurisdiction.code.startswith("BA")), jurisdiction.code
        expected = {
            date.fromisoformat(day)
            for day, name in pinned.items()
            if not (religious_open and calendars.is_religious(name))
        }
        assert set(cal.closed) == expected, jurisdiction.code
    state = work_calendar(Jurisdiction.objects.get(code="BA"), date(2026, 1, 1), date(2026, 12, 31))
    assert date(2026, 5, 1) in state.closed  # Labour Day closes the authorities
    assert not {date(2026, 1, 7), date(2026, 3, 20), date(2026, 4, 6), date(2026, 12, 25)} & set(
        state.closed
    )  # Orthodox and Catholic Christmas, Eid al-Fitr, Catholic Easter Monday count
