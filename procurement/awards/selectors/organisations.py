"""An organisation's public record: as buyer, as supplier (with its group), its red flags, and
its FOI record."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear

from procurement.awards.selectors.groups import group_supplier_links
from procurement.awards.selectors.public import (
    award_cards,
    organisations_visible_to,
    published_awards,
)
from procurement.core.collation import by_name
from procurement.core.permissions import published_requests
from procurement.models import Award, AwardSupplier, Organisation, RedFlag, RequestStatus
from procurement.redflags.selectors.flags import FlagPanel, flag_panel, public_flags

LATEST = 10
TOP = 8
OPEN_STATUSES = (RequestStatus.SENT, RequestStatus.ACKNOWLEDGED, RequestStatus.EXTENDED)
ANSWERED = (RequestStatus.ANSWERED, RequestStatus.PARTIALLY_ANSWERED, RequestStatus.COMPLIED)


@dataclass
class Side:
    """The organisation on one side of its awards (buyer or supplier)."""

    count: int = 0
    undisclosed: int = 0
    totals: list[dict] = field(default_factory=list)  # per currency and year
    latest: list[Award] = field(default_factory=list)
    counterparts: list[dict] = field(default_factory=list)


def organisation_for_page(pk: int, user=None) -> Organisation:
    """An organisation the user may see (Organisation.DoesNotExist otherwise), with its group
    and the companies of its group that the user may see too."""
    visible = organisations_visible_to(user)
    organisation = (
        visible.select_related("parent", "jurisdiction")
        .annotate(parent_is_visible=Exists(visible.filter(pk=OuterRef("parent_id"))))
        .prefetch_related(
            "aliases",
            "identifiers",
            Prefetch("subsidiaries", queryset=visible.order_by(by_name(), "pk")),
        )
        .get(pk=pk)
    )
    if not organisation.parent_is_visible:
        organisation.parent = None  # a group known only from an unpublished import
    return organisation


def awards_supplied_by(organisation: Organisation) -> QuerySet[Award]:
    """Published awards to the organisation or to a company of its group."""
    return published_awards().filter(pk__in=group_supplier_links(organisation).values("award"))


def _side(awards: QuerySet[Award], counterparts: QuerySet) -> Side:
    summary = awards.aggregate(
        count=Count("pk"), undisclosed=Count("pk", filter=Q(value_status="undisclosed"))
    )
    totals = list(
        awards.filter(value_status="disclosed")
        .annotate(year=ExtractYear("award_date"))
        .values("value_currency", "year")
        .annotate(total=Sum("value_amount"), n=Count("pk"))
        .order_by("value_currency", F("year").desc(nulls_last=True))
    )
    latest = list(
        award_cards(awards).order_by(F("award_date").desc(nulls_last=True), "-pk")[:LATEST]
    )
    return Side(summary["count"], summary["undisclosed"], totals, latest, list(counterparts[:TOP]))


def as_buyer(organisation: Organisation) -> Side:
    """Awards it made; its suppliers, most frequent first."""
    awards = published_awards().filter(buyer=organisation)
    suppliers = (
        AwardSupplier.objects.filter(award__in=awards.values("pk"))
        .values(pk=F("organisation"), name=F("organisation__name"))
        .annotate(n=Count("award"))
        .order_by("-n", "name")
    )
    return _side(awards, suppliers)


def as_supplier(organisation: Organisation) -> Side:
    """Awards it (or its group) received; its buyers, most frequent first."""
    awards = awards_supplied_by(organisation)
    buyers = (
        awards.filter(buyer__isnull=False)
        .values(pk=F("buyer"), name=F("buyer__name"))
        .annotate(n=Count("id"))
        .order_by("-n", "name")
    )
    return _side(awards, buyers)


def foi_record(organisation: Organisation, today: date) -> dict:
    """How the authority handled the published FOI requests it received: answered on time,
    overdue (no decision after the due date), refused as classified."""
    requests = published_requests().filter(authority=organisation)
    dated = requests.annotate(due=Coalesce("extended_due_on", "due_on"))
    record = dated.aggregate(
        total=Count("pk"),
        on_time=Count(
            "pk",
            filter=Q(status__in=ANSWERED, decision_delivered_on__isnull=False)
            & (Q(due__isnull=True) | Q(decision_delivered_on__lte=F("due"))),
        ),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__lt=today)),
        classified=Count("pk", filter=Q(status=RequestStatus.CLASSIFIED)),
        refused=Count("pk", filter=Q(status=RequestStatus.REFUSED)),
    )
    record["latest"] = list(
        requests.select_related("requester_organisation").order_by("-sent_on", "-pk")[:LATEST]
    )
    return record


def flags_for_buyer(organisation_id: int) -> QuerySet[RedFlag]:
    """Public flags of a buyer page: its R013 years and the flags of its processes."""
    return public_flags().filter(Q(buyer=organisation_id) | Q(process__buyer=organisation_id))


def flags_for_supplier(organisation_id: int) -> QuerySet[RedFlag]:
    """Public flags of a supplier page: those of the awards it (or a company of its group)
    won, their contracts and their processes."""
    won = group_supplier_links(organisation_id).values("award")
    processes = Award.objects.filter(pk__in=won).values("process")
    of_process = Q(process__in=processes, award__isnull=True, buyer__isnull=True)
    return public_flags().filter(Q(award__in=won) | of_process)


def organisation_panels(organisation: Organisation) -> tuple[FlagPanel, FlagPanel]:
    """(as buyer, as supplier) flag panels of an organisation page."""
    return flag_panel(flags_for_buyer(organisation.pk)), flag_panel(
        flags_for_supplier(organisation.pk)
    )
