"""The signed-in workspace: the requests of the user's own organisations (private or
published), grouped by urgency for the dashboard, listed with filters, and one request with
everything its members may see. Only members of the requesting organisation read these;
staff are not members (procurement.core.permissions)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from procurement.core import permissions
from procurement.core.collation import by_name
from procurement.foi.rules import urgency
from procurement.foi.rules.urgency import Group
from procurement.foi.rules.workflow import APPEALABLE_DECISIONS, AWAITING
from procurement.foi.selectors.mail import correspondence_prefetch
from procurement.foi.selectors.requests import (
    appeal_window_open_q,
    notifications_for,
    overdue_q,
    timeline_prefetch,
)
from procurement.models import Document, InfoRequest, Organisation, RequestStatus

S = RequestStatus
GROUP_LIMIT = 10  # rows per dashboard group; the rest are one link away
NOTIFICATIONS_SHOWN = 10


def workspace_requests(user) -> QuerySet[InfoRequest]:
    """Every request of the organisations the user is a member of, private or published."""
    return InfoRequest.objects.filter(
        requester_organisation_id__in=permissions.organisation_ids(user)
    )


def request_rows(requests: QuerySet[InfoRequest]) -> QuerySet[InfoRequest]:
    """What a row of a workspace list shows, in one query."""
    return requests.select_related(
        "authority", "requester_organisation", "jurisdiction", "law__appeal_body_organisation"
    )


def appeal_body_name(info_request: InfoRequest) -> str:
    law = info_request.law
    if law is None:
        return ""
    return law.appeal_body_organisation.name if law.appeal_body_organisation else law.appeal_body


def due_within_q(today: date, days: int) -> Q:
    """Awaiting an answer whose deadline (extended where extended) falls in the next `days`."""
    last = today + timedelta(days=days)
    return Q(status__in=AWAITING) & (
        Q(extended_due_on__range=(today, last))
        | Q(extended_due_on__isnull=True, due_on__range=(today, last))
    )


def _group_queries(today: date) -> list[tuple[str, Q, tuple, str]]:
    """(group, condition, order, workspace-list query) — a request is in the first group
    whose condition it meets, so no request shows twice."""
    since = today - timedelta(days=urgency.RECENT_DAYS)
    overdue = overdue_q(today)
    due_soon = due_within_q(today, urgency.WEEK_DAYS)
    appeal = appeal_window_open_q(today) & Q(status__in=APPEALABLE_DECISIONS)
    answered = Q(status=S.ANSWERED, decision_delivered_on__gte=since) | Q(
        status=S.APPEAL_DECIDED, appeal_decided_on__gte=since
    )
    effective = Coalesce("extended_due_on", "due_on")
    return [
        (Group.OVERDUE, overdue, (effective.asc(), "pk"), "overdue=yes"),
        (Group.DUE_THIS_WEEK, due_soon, (effective.asc(), "pk"), f"due_within={urgency.WEEK_DAYS}"),
        (Group.APPEAL_CLOSING, appeal, ("appeal_due_on", "pk"), "appeal_window_open=yes"),
        (
            Group.AWAITING_APPEAL_BODY,
            Q(status=S.APPEALED),
            ("appeal_decision_due_on", "pk"),
            "status=appealed",
        ),
        (
            Group.RECENTLY_ANSWERED,
            answered,
            ("-decision_delivered_on", "-pk"),
            "status=answered&status=appeal_decided",
        ),
        (Group.DRAFTS, Q(status=S.DRAFT), ("-created_at", "-pk"), "status=draft"),
    ]


@dataclass(frozen=True)
class Row:
    request: InfoRequest
    deadline: date | None
    reason: str


@dataclass(frozen=True)
class DashboardGroup:
    group: str
    title: str
    rows: list[Row]
    more: bool  # more requests than shown: the list link has them all
    query: str  # the workspace list's filter for this group


def dashboard(user, today: date) -> list[DashboardGroup]:
    """The user's organisations' requests that need attention, by urgency: overdue, due this
    week, appeal window closing, awaiting the appeal body, recently answered, drafts. One
    query per group, however many requests there are."""
    groups = []
    for group, condition, order, query in _group_queries(today):
        found = list(
            request_rows(workspace_requests(user).filter(condition)).order_by(*order)[
                : GROUP_LIMIT + 1
            ]
        )
        rows = [
            Row(info_request, *_attention(group, info_request, today))
            for info_request in found[:GROUP_LIMIT]
        ]
        groups.append(
            DashboardGroup(group, str(Group(group).label), rows, len(found) > GROUP_LIMIT, query)
        )
    return groups


def _attention(group: str, info_request: InfoRequest, today: date) -> tuple:
    found = urgency.attention(group, info_request, today, appeal_body_name(info_request))
    return found.deadline, found.reason


def dashboard_notifications(user) -> list:
    return list(notifications_for(user)[:NOTIFICATIONS_SHOWN])


def request_for_workspace(user, pk: int) -> InfoRequest | None:
    """One request of the user's organisations with everything its members see: the whole
    timeline with who recorded each step, every document, the followers, what it is about
    and the law's letters (a fixed number of queries). None outside the organisations."""
    documents = Document.objects.select_related("stored_file", "uploaded_by", "event").order_by(
        "created_at", "pk"
    )
    return (
        workspace_requests(user)
        .select_related(
            "authority",
            "requester_organisation",
            "jurisdiction",
            "law__appeal_body_organisation",
            "created_by",
        )
        .prefetch_related(
            timeline_prefetch(public=False),
            Prefetch("documents", queryset=documents, to_attr="all_documents"),
            "followers",
            "awards",
            "processes",
            "agreements",
            "contracts",
            "law__letter_templates",
            *correspondence_prefetch(),
        )
        .filter(pk=pk)
        .first()
    )


def editable_organisations(user) -> QuerySet[Organisation]:
    """The organisations in which the user may log requests (editor or admin)."""
    ids = permissions.organisation_ids(user, permissions.Role.EDITOR)
    return Organisation.objects.filter(pk__in=ids).order_by(by_name(), "pk")


def member_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=permissions.organisation_ids(user)).order_by(
        by_name(), "pk"
    )


@dataclass(frozen=True)
class FailedDeliveries:
    """What the workspace shows as given up: the user's organisations' reminders and e-mails
    about their requests, and (to their admins) invitations whose e-mail never went out."""

    reminders: list
    emails: list
    invitations: list

    def __bool__(self) -> bool:
        return bool(self.reminders or self.emails or self.invitations)


def failed_deliveries(user, limit: int = NOTIFICATIONS_SHOWN) -> FailedDeliveries:
    """Deliveries given up after DELIVERY_MAX_ATTEMPTS, newest first, with their last error."""
    from procurement.models import Invitation, Notification, Reminder

    organisations = permissions.organisation_ids(user)
    if not organisations:
        return FailedDeliveries([], [], [])
    reminders = (
        Reminder.objects.filter(
            state=Reminder.State.FAILED, request__requester_organisation_id__in=organisations
        )
        .select_related("request")
        .order_by("-failed_at", "-pk")[:limit]
    )
    emails = (
        Notification.objects.filter(
            failed_at__isnull=False,
            emailed_at__isnull=True,
            request__requester_organisation_id__in=organisations,
        )
        .select_related("user", "request")
        .order_by("-failed_at", "-pk")[:limit]
    )
    administered = permissions.organisation_ids(user, permissions.Role.ADMIN)
    invitations = (
        Invitation.objects.filter(
            failed_at__isnull=False,
            sent_at__isnull=True,
            organisation_id__in=administered,
        ).order_by("-failed_at", "-pk")[:limit]
        if administered
        else []
    )
    return FailedDeliveries(list(reminders), list(emails), list(invitations))
