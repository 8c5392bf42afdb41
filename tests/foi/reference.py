"""Pure helpers: the shipped FOI laws and the holiday calendars, without a database."""

from datetime import date

from procurement.foi.reference.foi_laws import JURISDICTIONS, LAWS
from procurement.foi.rules import calendars
from procurement.foi.rules import deadlines as deadline_rules
from procurement.models import FoiLaw


def law(code: str, on: date | None = None) -> FoiLaw:
    """The shipped law version of `code` in force on `on` (an unsaved FoiLaw with defaults)."""
    for spec in LAWS:
        if spec["jurisdiction"] != code:
            continue
        fields = {k: v for k, v in spec.items() if k != "jurisdiction"}
        candidate = FoiLaw(**fields)
        starts, ends = candidate.effective_from, candidate.effective_to
        if on is None or ((starts is None or starts <= on) and (ends is None or ends >= on)):
            return candidate
    raise LookupError(f"no shipped law of {code} in force on {on}")


def rule(code: str, on: date | None = None) -> deadline_rules.LawRule:
    return deadline_rules.rule_from_law(law(code, on))


def holiday_settings(code: str) -> tuple[str, str]:
    for jurisdiction, _name, country, _level, _parent, subdivision in JURISDICTIONS:
        if jurisdiction == code:
            return country, subdivision
    raise LookupError(code)


def calendar(
    code: str,
    first: int = 2025,
    last: int = 2027,
    overrides=(),
    suspensions=(),
    religious_closed: bool | None = None,
):
    """The package calendar of a jurisdiction for whole years, as the selector builds it with
    the seeded settings (in Bosnia and Herzegovina religious feasts count as working days)."""
    country, subdivision = holiday_settings(code)
    package = calendars.package_holidays(country, subdivision, ["public"], range(first, last + 1))
    closed = country != "BA" if religious_closed is None else religious_closed
    note = calendars.religious_note(closed) if country == "BA" or not closed else ""
    if not closed:
        package = calendars.without_religious(package)
    return calendars.build_calendar(
        package, overrides, suspensions, date(first, 1, 1), date(last, 12, 31), note
    )
