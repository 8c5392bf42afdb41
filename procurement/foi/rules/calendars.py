"""Non-working days of a jurisdiction: the pinned `holidays` package plus admins' overrides.

Pure: no database (the selector `procurement.foi.selectors.deadlines.work_calendar` reads the
overrides and suspensions and passes them in). The package version is pinned in
requirements.lock and the 2026 dates are pinned in tests/foi/test_holidays_pinned.py, so an
upgrade cannot move a legal deadline silently. Islamic holidays are the package's estimates
until an admin confirms or moves them with an override.
"""

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import holidays
from django.utils.translation import gettext as _

from procurement.foi.rules.deadlines import CannotCompute, Suspension, WorkCalendar

CLOSED = "closed"
OPEN = "open"


def _holiday_class(country: str):
    try:
        return holidays.country_holidays(country)
    except NotImplementedError as error:
        raise CannotCompute(
            _("No holiday calendar is known for the country “%(country)s”.") % {"country": country}
        ) from error


def canonical_subdivision(country: str, subdivision: str) -> str:
    """The package's own code for a subdivision. In Bosnia and Herzegovina the alias "RS"
    means Republika Srpska (SRP), not Serbia: aliases are resolved, never stored."""
    if not subdivision:
        return ""
    calendar = _holiday_class(country)
    canonical = calendar.subdivisions_aliases.get(subdivision, subdivision)
    if canonical not in calendar.subdivisions:
        raise CannotCompute(
            _("“%(subdivision)s” is not a subdivision of %(country)s in the holiday calendar.")
            % {"subdivision": subdivision, "country": country}
        )
    return canonical


def supported_years(country: str) -> range:
    """The years the package has rules for in `country`."""
    calendar = _holiday_class(country)
    return range(calendar.start_year, calendar.end_year + 1)


@lru_cache(maxsize=1024)
def _package_year(
    country: str, subdivision: str, categories: tuple[str, ...], year: int
) -> tuple[tuple[date, str], ...]:
    try:
        found = holidays.country_holidays(
            country, subdiv=subdivision or None, years=year, categories=categories
        )
    except NotImplementedError as error:
        raise CannotCompute(
            _("The holiday calendar of %(country)s has no category among %(categories)s.")
            % {"country": country, "categories": ", ".join(categories)}
        ) from error
    return tuple(sorted(found.items()))


def package_holidays(
    country: str, subdivision: str, categories: Iterable[str], years: Iterable[int]
) -> dict[date, str]:
    """Holidays of the package for `years`, with their names (cached per year: the package's
    rules are fixed for a pinned version)."""
    subdivision = canonical_subdivision(country, subdivision)
    wanted = tuple(sorted(set(categories) or {"public"}))
    allowed = supported_years(country)
    closed: dict[date, str] = {}
    for year in years:
        if year not in allowed:
            raise CannotCompute(
                _("The holiday calendar of %(country)s covers %(first)d–%(last)d, not %(year)d.")
                % {"country": country, "first": allowed[0], "last": allowed[-1], "year": year}
            )
        closed.update(_package_year(country, subdivision, wanted, year))
    return closed


# Names the holidays package gives to religious feasts (Catholic, Orthodox, Islamic).
RELIGIOUS_MARKERS = ("Catholic", "Orthodox", "Eid", "Christmas", "Easter", "Good Friday")


def is_religious(name: str) -> bool:
    return any(marker in name for marker in RELIGIOUS_MARKERS)


def without_religious(package: dict[date, str]) -> dict[date, str]:
    """The package's holidays without the religious feasts: in Bosnia and Herzegovina they
    are days off for believers, not closed days for authorities (confidence L–M), so they
    count as working days unless a level's calendar says otherwise."""
    return {day: name for day, name in package.items() if not is_religious(name)}


def religious_note(closed: bool) -> str:
    if closed:
        return _(
            "Catholic, Orthodox and Islamic holidays are counted as days the authorities are "
            "closed (this calendar's setting; confidence L–M)."
        )
    return _(
        "Catholic, Orthodox and Islamic holidays are counted as working days: they are days "
        "off for believers, not closed days for authorities (this calendar's setting; "
        "confidence L–M)."
    )


def build_calendar(
    package: dict[date, str],
    overrides: Iterable[tuple[date, str, str]],
    suspensions: Iterable[Suspension],
    first: date,
    last: date,
    note: str = "",
) -> WorkCalendar:
    """The package's holidays corrected by overrides (date, "closed" or "open", name):
    "closed" adds a day off (a confirmed Eid date, a one-off holiday), "open" makes a day a
    working day (a package estimate that proved wrong, a working Saturday)."""
    closed = dict(package)
    opened = set()
    for day, kind, name in overrides:
        if kind == OPEN:
            closed.pop(day, None)
            opened.add(day)
        else:
            closed[day] = name
            opened.discard(day)
    return WorkCalendar(
        closed=closed,
        opened=frozenset(opened),
        suspensions=tuple(sorted(suspensions, key=lambda s: s.starts_on)),
        first=first,
        last=last,
        note=note,
    )
