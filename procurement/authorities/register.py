"""Reading a register of public authorities (one CSV per jurisdiction) into checked rows.

Pure: no database. A file that cannot be read as a register at all (not UTF-8, not CSV, a
missing or unknown column, no rows, a level where the jurisdiction has none) raises
`RegisterFileError` and nothing is written; a row that cannot be used is returned as a
`Problem` with its line number and the reason, and the other rows still load.
The columns are those of `procurement/authorities/reference/*.csv` (see SOURCES.md there).
"""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from procurement.awards.names import name_key
from procurement.models import AuthorityType

COLUMNS = (
    "name",
    "other_script_name",
    "aliases",
    "kind",
    "parent",
    "registry_id",
    "foi_email",
    "postal_address",
    "website",
    "source",
    "level",
)
REQUIRED_COLUMNS = ("name", "kind", "source")
ALIAS_SEPARATOR = "|"
# Bosnia and Herzegovina: each level has its own FOI law (README, "FOI requests").
LEVELS = {"state": "BA", "BIH": "BA-BIH", "SRP": "BA-SRP", "BRC": "BA-BRC"}
LEVELLED_COUNTRY = "BA"
MAX_LENGTHS = {
    "name": 300,
    "other_script_name": 300,
    "alias": 300,
    "parent": 300,
    "registry_id": 100,
    "foi_email": 254,
    "postal_address": 500,
    "website": 300,
    "source": 500,
}
_REGISTRY_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]*$")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


class RegisterFileError(Exception):
    """The file as a whole cannot be read as a register; nothing of it is used."""


@dataclass(frozen=True)
class RegisterRow:
    """One authority of a register, checked."""

    line: int
    name: str
    other_script_name: str
    aliases: tuple[str, ...]
    kind: str
    parent: str
    registry_id: str
    foi_email: str
    postal_address: str
    website: str
    source: str
    jurisdiction: str  # a Jurisdiction code: RS, BA, BA-BIH, …

    @property
    def names(self) -> tuple[str, ...]:
        """Its name, its name in the other script, then its aliases, each once."""
        return tuple(
            dict.fromkeys(n for n in (self.name, self.other_script_name, *self.aliases) if n)
        )


@dataclass(frozen=True)
class Problem:
    """A row that could not be used, and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return _("line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


def script_of(name: str) -> str:
    """ "cyrl" for a name written in Cyrillic, else "latn" (OrganisationAlias.Script)."""
    return "cyrl" if _CYRILLIC.search(name) else "latn"


def jurisdiction_code(jurisdiction: str, level: str | None) -> str:
    """The jurisdiction a file's rows fall under: the code given, or in Bosnia and Herzegovina
    the code of the level given (`BA` + `SRP` → `BA-SRP`)."""
    jurisdiction = (jurisdiction or "").strip().upper()
    if not level:
        return jurisdiction
    if jurisdiction.split("-")[0] != LEVELLED_COUNTRY:
        raise RegisterFileError(
            _("Only Bosnia and Herzegovina has levels; --level does not apply to %(code)s.")
            % {"code": jurisdiction}
        )
    code = _level_code(level)
    if code is None:
        raise RegisterFileError(_unknown_level(level))
    if jurisdiction != LEVELLED_COUNTRY and jurisdiction != code:
        raise RegisterFileError(
            _("--level %(level)s contradicts --jurisdiction %(code)s.")
            % {"level": level, "code": jurisdiction}
        )
    return code


def read_register(data: bytes, jurisdiction: str) -> tuple[list[RegisterRow], list[Problem]]:
    """The usable rows of a register file and the problems of the others. `jurisdiction` is
    the code the rows fall under (`jurisdiction_code`); in `BA` each row names its level."""
    text = _decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\0extra")
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        raise RegisterFileError(_("Line 1 is not CSV: %(error)s") % {"error": error}) from error
    reader.fieldnames = _check_header(header, jurisdiction)
    rows, problems, seen = [], [], {}
    try:
        for record in reader:
            line = reader.line_num
            try:
                row = _row(record, line, jurisdiction)
            except ValueError as error:
                problems.append(Problem(line, str(error)))
                continue
            key = name_key(row.name)
            if key in seen:
                problems.append(
                    Problem(line, _("same name as line %(line)s") % {"line": seen[key]})
                )
                continue
            seen[key] = line
            rows.append(row)
    except csv.Error as error:
        raise RegisterFileError(
            _("Line %(line)s is not CSV: %(error)s") % {"line": reader.line_num, "error": error}
        ) from error
    if not rows and not problems:
        raise RegisterFileError(_("The file has a header but no rows."))
    return rows, problems


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RegisterFileError(
            _("The file is not UTF-8 text (line %(line)s).") % {"line": line}
        ) from error
    if not text.strip():
        raise RegisterFileError(_("The file is empty."))
    return text


def _check_header(header: list[str], jurisdiction: str) -> list[str]:
    """The column names, checked."""
    names = [(column or "").strip() for column in header]
    unknown = [column for column in names if column not in COLUMNS]
    if unknown:
        raise RegisterFileError(
            _("Unknown column(s) %(unknown)s; a register has %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(COLUMNS)}
        )
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise RegisterFileError(
            _("Missing column(s): %(missing)s.") % {"missing": ", ".join(missing)}
        )
    if len(set(names)) != len(names):
        raise RegisterFileError(_("A column appears twice in the header."))
    if "level" in names and jurisdiction.split("-")[0] != LEVELLED_COUNTRY:
        raise RegisterFileError(_("Only Bosnia and Herzegovina's registers have a level column."))
    return names


def _level_code(level: str) -> str | None:
    level = level.strip()
    if level in LEVELS:
        return LEVELS[level]
    if level.upper() in LEVELS:
        return LEVELS[level.upper()]
    return next((code for code in LEVELS.values() if code == level.upper()), None)


def _unknown_level(level: str) -> str:
    return _("unknown level %(level)r: one of %(levels)s") % {
        "level": level,
        "levels": ", ".join(LEVELS),
    }


def _cell(record: dict, column: str) -> str:
    value = record.get(column)
    return " ".join(value.split()) if value else ""


def _row(record: dict, line: int, jurisdiction: str) -> RegisterRow:
    """One row, checked; ValueError with the reason when it cannot be used."""
    if record.get("\0extra"):
        raise ValueError(_("more cells than the header has columns"))
    if any(value is None for key, value in record.items() if key != "\0extra"):
        raise ValueError(_("fewer cells than the header has columns"))
    cells = {column: _cell(record, column) for column in COLUMNS}
    aliases = tuple(
        dict.fromkeys(
            " ".join(alias.split())
            for alias in (record.get("aliases") or "").split(ALIAS_SEPARATOR)
            if alias.strip()
        )
    )
    if not cells["name"]:
        raise ValueError(_("no name"))
    for column, limit in MAX_LENGTHS.items():
        values = aliases if column == "alias" else (cells[column],)
        if any(len(value) > limit for value in values):
            raise ValueError(
                _("%(column)s longer than %(limit)s characters")
                % {"column": column, "limit": limit}
            )
    if cells["kind"] not in AuthorityType.values:
        raise ValueError(
            _("unknown kind %(kind)r: one of %(kinds)s")
            % {"kind": cells["kind"], "kinds": ", ".join(AuthorityType.values)}
        )
    _check_url(cells["source"], "source", required=True)
    _check_url(cells["website"], "website")
    if cells["foi_email"]:
        try:
            EmailValidator()(cells["foi_email"])
        except ValidationError as error:
            raise ValueError(
                _("foi_email %(value)r is not an e-mail address") % {"value": cells["foi_email"]}
            ) from error
    if cells["registry_id"] and not _REGISTRY_ID.match(cells["registry_id"]):
        raise ValueError(
            _("registry_id %(value)r: letters, digits and hyphens only")
            % {"value": cells["registry_id"]}
        )
    if cells["parent"] and name_key(cells["parent"]) == name_key(cells["name"]):
        raise ValueError(_("its parent is itself"))
    return RegisterRow(
        line=line,
        name=cells["name"],
        other_script_name=cells["other_script_name"],
        aliases=aliases,
        kind=cells["kind"],
        parent=cells["parent"],
        registry_id=cells["registry_id"],
        foi_email=cells["foi_email"].lower(),
        postal_address=cells["postal_address"],
        website=cells["website"],
        source=cells["source"],
        jurisdiction=_row_jurisdiction(cells["level"], jurisdiction),
    )


def _row_jurisdiction(level: str, jurisdiction: str) -> str:
    if jurisdiction != LEVELLED_COUNTRY:
        if level and _level_code(level) != jurisdiction:
            raise ValueError(
                _("level %(level)s, but the file is loaded as %(code)s")
                % {"level": level, "code": jurisdiction}
            )
        return jurisdiction
    if not level:
        raise ValueError(
            _("no level: in Bosnia and Herzegovina each row needs one of %(levels)s (or --level)")
            % {"levels": ", ".join(LEVELS)}
        )
    code = _level_code(level)
    if code is None:
        raise ValueError(_unknown_level(level))
    return code


def _check_url(value: str, column: str, *, required: bool = False) -> None:
    if not value:
        if required:
            raise ValueError(_("no %(column)s") % {"column": column})
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise ValueError(
            _("%(column)s %(value)r is not an http(s) address") % {"column": column, "value": value}
        ) from error
