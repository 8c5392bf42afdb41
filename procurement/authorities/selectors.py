"""Reads of the authorities on record: matching a register's rows to organisations already
known, whether a proposed authority may be used, and the reviewers' queue of proposals."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from procurement.awards.filters import OrganisationFilterSet
from procurement.awards.names import name_key
from procurement.models import (
    AuthorityProposal,
    Organisation,
    OrganisationAlias,
    OrganisationIdentifier,
    RegisterStatus,
)

# Bodies an FOI request can be sent to (FOI laws cover state-owned companies too).
AUTHORITY_KINDS = (
    Organisation.Kind.PUBLIC_AUTHORITY,
    Organisation.Kind.STATE_OWNED_COMPANY,
    Organisation.Kind.GOVERNMENT,
)
# Registry identifiers per country: RS matični broj (APR); elsewhere the national business
# register's number (none filled yet in the shipped registers, see reference/SOURCES.md).
REGISTRY_SCHEMES = {
    "RS": "RS-MB",
    "BA": "BA-JIB",
    "ME": "ME-CRPS",
    "MK": "MK-EMBS",
    "AL": "AL-NIPT",
    "XK": "XK-ARBK",
}
CANDIDATES_SHOWN = 10


def matching_scope(country: str) -> QuerySet[Organisation]:
    """The organisations a register of `country` may match: those of that country or of none,
    never a civil-society organisation."""
    return Organisation.objects.filter(Q(country=country) | Q(country="")).exclude(
        kind=Organisation.Kind.CIVIL_SOCIETY
    )


@dataclass(frozen=True)
class Match:
    """What a register row names among the organisations on record."""

    found: int | None = None
    ambiguous: list[int] = field(default_factory=list)
    conflicting: list[int] = field(default_factory=list)


class RegisterIndex:
    """The organisations a register may match, by registry identifier and by name key
    (folded, legal form stripped) of their names and aliases; loaded in three queries."""

    def __init__(self, country: str) -> None:
        self.scheme = REGISTRY_SCHEMES.get(country, f"{country}-ID")
        scope = matching_scope(country)
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.names: dict[int, set[str]] = defaultdict(set)
        self.jurisdiction: dict[int, str | None] = {}
        rows = scope.values_list("pk", "name", "jurisdiction__code")
        for pk, name, code in rows:
            self.add_name(pk, name)
            self.jurisdiction[pk] = code
        aliases = OrganisationAlias.objects.filter(organisation__in=scope.values("pk"))
        for pk, name in aliases.values_list("organisation_id", "name"):
            self.add_name(pk, name)
        self.by_identifier = dict(
            OrganisationIdentifier.objects.filter(scheme=self.scheme).values_list(
                "identifier", "organisation_id"
            )
        )

    def add_name(self, organisation_id: int, name: str) -> None:
        self.names[organisation_id].add(name)
        self.by_key[name_key(name)].add(organisation_id)

    def matching(self, names: Iterable[str]) -> set[int]:
        """The organisations one of these names (folded) names."""
        return set().union(*(self.by_key.get(name_key(name), set()) for name in names))

    def find(self, registry_id: str, own_names: Iterable[str], aliases: Iterable[str]) -> Match:
        """The organisation a row names: by registry identifier, then by the row's own names,
        then by its aliases; ambiguous when several, in conflict when its identifier names
        one organisation and its own names another."""
        named = self.matching(own_names)
        if registry_id and registry_id in self.by_identifier:
            found = self.by_identifier[registry_id]
            if named and found not in named:
                return Match(conflicting=sorted(named))
            return Match(found=found)
        for found in (named, self.matching(aliases)):
            if len(found) == 1:
                return Match(found=found.pop())
            if len(found) > 1:
                return Match(ambiguous=sorted(found))
        return Match()


def authority_named(names: Iterable[str], country: str) -> Organisation | None:
    """The one public body of `country` (or of no country) known by any of these names,
    folded; None when there is none or more than one."""
    keys = {name_key(name) for name in names if name}
    found = {
        pk
        for pk, name in matching_scope(country)
        .filter(kind__in=AUTHORITY_KINDS)
        .values_list("pk", "name")
        .iterator()
        if name_key(name) in keys
    }
    aliases = OrganisationAlias.objects.filter(
        organisation__in=matching_scope(country).filter(kind__in=AUTHORITY_KINDS).values("pk")
    )
    found |= {
        pk for pk, name in aliases.values_list("organisation_id", "name") if name_key(name) in keys
    }
    return Organisation.objects.get(pk=found.pop()) if len(found) == 1 else None


def usable_by(authority: Organisation, organisation_id: int | None) -> bool:
    """A confirmed authority can be written to by anyone; a proposed one only by the
    organisation that proposed it, until a reviewer confirms it; a rejected one by nobody."""
    if authority.register_status == RegisterStatus.CONFIRMED:
        return True  # a confirmed authority never goes back to proposed
    status = (
        Organisation.objects.filter(pk=authority.pk)
        .values_list("register_status", flat=True)
        .first()
    )
    if status != RegisterStatus.PROPOSED:
        return status == RegisterStatus.CONFIRMED
    return AuthorityProposal.objects.filter(
        organisation=authority, proposed_by_organisation_id=organisation_id
    ).exists()


def proposal_of(organisation: Organisation) -> AuthorityProposal | None:
    """The proposal that put this organisation on record, if an editor proposed it."""
    if organisation.register_status == RegisterStatus.CONFIRMED:
        return None
    return AuthorityProposal.objects.filter(organisation=organisation).first()


def proposals(state: str = AuthorityProposal.State.PENDING) -> QuerySet[AuthorityProposal]:
    """The reviewers' queue: proposals in `state`, oldest first for those awaiting review,
    with what a row shows (two joins, no further query)."""
    order = ["created_at", "pk"] if state == AuthorityProposal.State.PENDING else ["-decided_at"]
    return (
        AuthorityProposal.objects.filter(state=state)
        .select_related("jurisdiction", "proposed_by_organisation", "organisation", "merged_into")
        .order_by(*order)
    )


def pending_count() -> int:
    return AuthorityProposal.objects.filter(state=AuthorityProposal.State.PENDING).count()


def proposal_for_review(pk: int) -> AuthorityProposal:
    """One proposal with its provisional authority (AuthorityProposal.DoesNotExist if none)."""
    return AuthorityProposal.objects.select_related(
        "jurisdiction",
        "proposed_by_organisation",
        "organisation__jurisdiction",
        "merged_into",
        "decided_by",
    ).get(pk=pk)


def merge_candidates(proposal: AuthorityProposal, text: str = "") -> list[Organisation]:
    """Confirmed authorities a proposal may be merged into: those whose name or alias has
    words starting with each word of `text` (by default the proposed name), its country's first."""
    queryset = Organisation.objects.filter(
        register_status=RegisterStatus.CONFIRMED, kind__in=AUTHORITY_KINDS
    ).select_related("jurisdiction")
    filterset = OrganisationFilterSet({"q": text or proposal.name}, queryset=queryset)
    if not filterset.is_valid():
        return []
    found = list(filterset.qs.order_by("name", "pk")[: CANDIDATES_SHOWN * 3])
    country = proposal.jurisdiction.country
    found.sort(key=lambda o: o.jurisdiction is None or o.jurisdiction.country != country)
    return found[:CANDIDATES_SHOWN]
