"""Public authorities as the request form offers them: found by typing a name or alias in
either script, with their jurisdiction, and the records a request to them may be about."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from procurement.authorities.selectors import AUTHORITY_KINDS
from procurement.awards.filters import OrganisationFilterSet
from procurement.awards.selectors.browse import awards_visible_to
from procurement.awards.selectors.public import organisations_visible_to, published_processes
from procurement.core import permissions
from procurement.core.bounds import IdField
from procurement.core.collation import by_name
from procurement.models import Agreement, Award, Organisation, ProcurementProcess, RegisterStatus

MATCHES_SHOWN = 20
SUGGESTED_RECORDS = 25


def authorities(user=None) -> QuerySet[Organisation]:
    """Bodies an FOI request can go to, among the organisations the user may see (one known
    only from an unpublished import is not offered; one its organisation proposed is, marked
    unconfirmed; a rejected proposal is not)."""
    return (
        organisations_visible_to(user)
        .filter(kind__in=AUTHORITY_KINDS)
        .exclude(register_status=RegisterStatus.REJECTED)
    )


def authorities_matching(text: str, user=None, limit: int = MATCHES_SHOWN) -> list[Organisation]:
    """Authorities whose name or alias has words starting with each typed word, folded
    (Министарство / Ministarstvo / ministarstvo find the same); none for an empty text."""
    if not (text or "").strip():
        return []
    filterset = OrganisationFilterSet(
        {"q": text}, queryset=authorities(user).select_related("jurisdiction")
    )
    if not filterset.is_valid():
        return []
    return list(filterset.qs.prefetch_related("aliases").order_by(by_name(), "pk")[:limit])


def authority(pk, user=None) -> Organisation | None:
    """The authority with this id, or None (also for a company, an NGO, or one the user may
    not see)."""
    try:
        pk = IdField().clean(pk)
    except ValidationError:
        return None
    return authorities(user).select_related("jurisdiction").filter(pk=pk).first()


def visible_processes(user) -> QuerySet[ProcurementProcess]:
    """Processes the user may see: published ones; reviewers see every state."""
    if permissions.is_reviewer(user):
        return ProcurementProcess.objects.all()
    return published_processes()


@dataclass
class Suggested:
    """The records a request to an authority is most likely about: its newest awards and
    processes as buyer, and the agreements it is a party to or its awards were made under."""

    awards: list[Award] = field(default_factory=list)
    processes: list[ProcurementProcess] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


def suggested_records(authority: Organisation, user) -> Suggested:
    awards = list(
        awards_visible_to(user)
        .filter(buyer=authority)
        .order_by("-award_date", "-pk")[:SUGGESTED_RECORDS]
    )
    processes = list(
        visible_processes(user).filter(buyer=authority).order_by("-pk")[:SUGGESTED_RECORDS]
    )
    agreements = list(
        Agreement.objects.filter(
            Q(parties__organisation=authority) | Q(pk__in=[a.agreement_id for a in awards])
        )
        .distinct()
        .order_by("title")[:SUGGESTED_RECORDS]
    )
    return Suggested(awards, processes, agreements)


def linkable(user, kind: str, ids: list[int]) -> tuple[QuerySet, list[int]]:
    """The records of `kind` (award, process, agreement) with these ids that the user may
    link a request to, and the ids that are unknown or not visible to them."""
    queryset = {
        "award": awards_visible_to(user),
        "process": visible_processes(user),
        "agreement": Agreement.objects.all(),
    }[kind].filter(pk__in=ids)
    found = set(queryset.values_list("pk", flat=True))
    return queryset, [pk for pk in ids if pk not in found]
