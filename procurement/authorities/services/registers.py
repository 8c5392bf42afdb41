"""Loading a register of public authorities into the organisations on record, idempotently.

A row is matched to an organisation already known by its registry identifier, then by its
name (or name in the other script) folded, then by its aliases, among the organisations of
the jurisdiction's country; matched organisations keep their name (the register's names
become aliases) and gain the register's facts; the others are created. Loading the same
file again changes nothing. Rows that cannot be used are reported with their line and
reason; a file that cannot be read at all, or `strict` with any such row, writes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from procurement.authorities.register import (
    Problem,
    RegisterFileError,
    RegisterRow,
    jurisdiction_code,
    read_register,
    script_of,
)
from procurement.authorities.selectors import AUTHORITY_KINDS, RegisterIndex
from procurement.awards.names import name_key
from procurement.awards.services.search_keys import refresh_after_organisation_change
from procurement.core.audit import record_audit
from procurement.models import (
    AuthorityProposal,
    AuthorityType,
    Jurisdiction,
    Organisation,
    OrganisationAlias,
    OrganisationIdentifier,
    RegisterStatus,
)

SHIPPED = Path(__file__).resolve().parent.parent / "reference"
SHIPPED_JURISDICTIONS = ("RS", "BA", "ME", "MK", "AL", "XK")
# Serialises register imports (a second one waits): both find, else create, organisations.
_ADVISORY_LOCK = 0x0CD5_0002
COMPANY_TYPES = {AuthorityType.STATE_COMPANY, AuthorityType.PUBLIC_ENTERPRISE}
# The register's facts an organisation takes over when the row gives them.
CONTACT_FIELDS = {"foi_email": "foi_email", "postal_address": "postal_address"}
CONTACT_FIELDS |= {"website": "website", "source_url": "source"}


@dataclass
class RegisterReport:
    """What loading one register did."""

    jurisdiction: str
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def used(self) -> int:
        return len(self.created) + len(self.updated) + self.unchanged


def import_register(
    data: bytes,
    *,
    jurisdiction: str,
    level: str | None = None,
    source_name: str = "",
    actor=None,
    dry_run: bool = False,
    strict: bool = False,
) -> RegisterReport:
    """Load a register file (bytes of a CSV) of `jurisdiction` (in BiH, with `level` or a
    level per row); RegisterFileError when the file cannot be read, and then nothing is written."""
    code = jurisdiction_code(jurisdiction, level)
    jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
    if code not in jurisdictions:
        raise RegisterFileError(
            _("Unknown jurisdiction %(code)s: one of %(codes)s (run seed_reference first).")
            % {"code": code, "codes": ", ".join(sorted(jurisdictions)) or "—"}
        )
    rows, problems = read_register(data, code)
    report = RegisterReport(jurisdiction=code, problems=problems)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
        _Loader(jurisdictions, jurisdictions[code].country.code, report).load(rows)
        report.problems.sort(key=lambda problem: problem.line)
        if dry_run or (strict and report.problems):
            transaction.set_rollback(True)
            return report
        refresh_after_organisation_change([*report.created, *report.updated])
        record_audit(
            "authorities.register_imported",
            actor=actor,
            jurisdiction=code,
            file=source_name,
            created=len(report.created),
            updated=len(report.updated),
            unchanged=report.unchanged,
            problems=len(report.problems),
        )
        report.written = True
    return report


class _Loader:
    def __init__(self, jurisdictions: dict, country: str, report: RegisterReport) -> None:
        self.jurisdictions = jurisdictions
        self.country = country
        self.report = report
        self.index = RegisterIndex(country)
        self.claimed: dict[int, int] = {}  # organisation id → the line that named it

    def load(self, rows: list[RegisterRow]) -> None:
        matched = self._match(rows)
        usable = self._with_parents(rows, matched)
        known = Organisation.objects.in_bulk(matched.values())
        organisations = {}
        new_aliases: list[OrganisationAlias] = []
        for row in usable:
            organisation, changed = self._write(row, known.get(matched.get(row.line)))
            organisations[row.line] = organisation
            aliases = self._aliases(organisation, row)
            identifier = self._identifier(organisation, row)
            new_aliases += aliases
            if organisation.pk in self.report.created:
                continue
            if changed or aliases or identifier:
                self.report.updated.append(organisation.pk)
            else:
                self.report.unchanged += 1
        bulk_create_with_history(new_aliases, OrganisationAlias)
        self._set_parents(usable, organisations)

    def _match(self, rows: list[RegisterRow]) -> dict[int, int]:
        """line → id of the organisation already on record that the row names."""
        matched = {}
        for row in rows:
            own = [n for n in (row.name, row.other_script_name) if n]
            match = self.index.find(row.registry_id, own, row.aliases)
            if match.ambiguous:
                self._problem(
                    row,
                    _("its names match several organisations on record: %(ids)s")
                    % {"ids": ", ".join(f"#{pk}" for pk in match.ambiguous)},
                )
            elif match.conflicting:
                self._problem(
                    row,
                    _("registry id %(id)s belongs to #%(pk)s, but its name to %(ids)s")
                    % {
                        "id": row.registry_id,
                        "pk": self.index.by_identifier[row.registry_id],
                        "ids": ", ".join(f"#{pk}" for pk in match.conflicting),
                    },
                )
            elif match.found is not None:
                self._claim(row, match.found, matched)
        return matched

    def _claim(self, row: RegisterRow, found: int, matched: dict[int, int]) -> None:
        recorded = self.index.jurisdiction.get(found)
        if found in self.claimed:
            self._problem(
                row,
                _("names the same organisation (#%(pk)s) as line %(line)s")
                % {"pk": found, "line": self.claimed[found]},
            )
        elif recorded is not None and recorded != row.jurisdiction:
            self._problem(
                row,
                _("organisation #%(pk)s of this name is on record under %(recorded)s, not %(code)s")
                % {"pk": found, "recorded": recorded, "code": row.jurisdiction},
            )
        elif row.registry_id and self.index.by_identifier.get(row.registry_id, found) != found:
            self._problem(
                row,
                _("registry id %(id)s belongs to another organisation (#%(pk)s)")
                % {"id": row.registry_id, "pk": self.index.by_identifier[row.registry_id]},
            )
        else:
            self.claimed[found] = row.line
            matched[row.line] = found

    def _with_parents(self, rows: list[RegisterRow], matched: dict[int, int]) -> list[RegisterRow]:
        """The rows that can be used: not reported, and their parent is a usable row or an
        organisation on record (a row whose parent was not used is not used either)."""
        failed = {problem.line for problem in self.report.problems}
        usable = [row for row in rows if row.line not in failed]
        while True:
            lines = {name_key(row.name): row.line for row in usable}
            lines |= {
                name_key(row.other_script_name): row.line for row in usable if row.other_script_name
            }
            keep = []
            for row in usable:
                if self._parent_known(row, lines):
                    keep.append(row)
                else:
                    self._problem(
                        row,
                        _("parent %(parent)r is neither a usable row of this file nor on record")
                        % {"parent": row.parent},
                    )
            if len(keep) == len(usable):
                return keep
            usable = keep

    def _parent_known(self, row: RegisterRow, lines: dict[str, int]) -> bool:
        if not row.parent or name_key(row.parent) in lines:
            return True
        return len(self.index.matching([row.parent])) == 1

    def _write(self, row: RegisterRow, organisation: Organisation | None):
        """The row's organisation, created or brought up to date; whether anything changed."""
        jurisdiction = self.jurisdictions[row.jurisdiction]
        kind = (
            Organisation.Kind.STATE_OWNED_COMPANY
            if row.kind in COMPANY_TYPES
            else Organisation.Kind.PUBLIC_AUTHORITY
        )
        if organisation is None:
            organisation = Organisation.objects.create(
                name=row.name,
                kind=kind,
                country=self.country,
                jurisdiction=jurisdiction,
                authority_type=row.kind,
                foi_email=row.foi_email,
                postal_address=row.postal_address,
                website=row.website,
                source_url=row.source,
            )
            self.report.created.append(organisation.pk)
            self.index.add_name(organisation.pk, organisation.name)
            return organisation, True
        changed = []
        updates = {"authority_type": row.kind}
        updates |= {attr: getattr(row, column) for attr, column in CONTACT_FIELDS.items()}
        for attr, value in updates.items():
            if value and getattr(organisation, attr) != value:
                setattr(organisation, attr, value)
                changed.append(attr)
        if "foi_email" in changed and organisation.foi_email_suspect:
            organisation.foi_email_suspect, organisation.foi_email_suspect_reason = False, ""
            changed += ["foi_email_suspect", "foi_email_suspect_reason"]
        if organisation.jurisdiction_id is None:
            organisation.jurisdiction = jurisdiction
            changed.append("jurisdiction")
        if not organisation.country:
            organisation.country = self.country
            changed.append("country")
        if organisation.kind not in AUTHORITY_KINDS:
            organisation.kind = kind
            changed.append("kind")
        if organisation.register_status != RegisterStatus.CONFIRMED:
            organisation.register_status = RegisterStatus.CONFIRMED
            changed.append("register_status")
            AuthorityProposal.objects.filter(organisation=organisation).update(
                state=AuthorityProposal.State.CONFIRMED,
                decided_at=timezone.now(),
                reason=_("Listed in the register of %(code)s.") % {"code": row.jurisdiction},
            )
        if changed:
            organisation.save(update_fields=[*changed, "updated_at"])
        return organisation, bool(changed)

    def _aliases(self, organisation: Organisation, row: RegisterRow) -> list[OrganisationAlias]:
        known = self.index.names[organisation.pk]
        new = [name for name in row.names if name not in known]
        for name in new:
            known.add(name)
        return [
            OrganisationAlias(organisation=organisation, name=name, script=script_of(name))
            for name in new
        ]

    def _identifier(self, organisation: Organisation, row: RegisterRow) -> bool:
        if not row.registry_id or row.registry_id in self.index.by_identifier:
            return False
        OrganisationIdentifier.objects.create(
            organisation=organisation,
            scheme=self.index.scheme,
            identifier=row.registry_id,
            legal_name=row.name,
        )
        self.index.by_identifier[row.registry_id] = organisation.pk
        return True

    def _set_parents(self, rows: list[RegisterRow], organisations: dict[int, Organisation]) -> None:
        """A row's parent is a row of the file, else the organisation on record of that name;
        an organisation that already has a parent keeps it."""
        by_key = {}
        for row in rows:
            for name in (row.name, row.other_script_name):
                if name:
                    by_key.setdefault(name_key(name), organisations[row.line].pk)
        for row in rows:
            organisation = organisations[row.line]
            if not row.parent or organisation.parent_id is not None:
                continue
            parent = by_key.get(name_key(row.parent))
            if parent is None:
                parent = next(iter(self.index.matching([row.parent])))
            organisation.parent_id = parent
            organisation.save(update_fields=["parent", "updated_at"])
            if (
                organisation.pk not in self.report.created
                and organisation.pk not in self.report.updated
            ):
                self.report.updated.append(organisation.pk)
                self.report.unchanged -= 1

    def _problem(self, row: RegisterRow, reason: str) -> None:
        self.report.problems.append(Problem(row.line, reason))


def import_shipped_registers(actor=None) -> list[RegisterReport]:
    """Load the starter register of every jurisdiction shipped in
    procurement/authorities/reference/ (see SOURCES.md there)."""
    return [
        import_register(
            (SHIPPED / f"{code}.csv").read_bytes(),
            jurisdiction=code,
            source_name=f"{code}.csv",
            actor=actor,
        )
        for code in SHIPPED_JURISDICTIONS
    ]
