"""Who may see and edit FOI requests, a published request's page, and the states derived from
their dates.

Overdue and "appeal window open" are never stored: they follow from the stored deadlines
and today's date, here, so that every list, filter and badge agrees.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When

from procurement.awards.selectors.public import citations_prefetch, published_awards
from procurement.core import permissions
from procurement.core.permissions import published_requests
from procurement.foi.reference.letters import LANGUAGES as LETTER_LANGUAGES
from procurement.foi.reference.letters import law_key
from procurement.foi.rules import letters
from procurement.foi.rules.workflow import APPEALABLE_DECISIONS, AWAITING, OPEN, S
from procurement.models import (
    DatePrecision,
    Document,
    InfoRequest,
    Membership,
    Notification,
    RequestEvent,
    User,
)


def visible_requests(user: User | None) -> QuerySet[InfoRequest]:
    """Requests a person may see: published ones, plus every request of the organisations
    they are a member of; staff are not members (the one rule: core.permissions)."""
    return permissions.readable_requests(user)


def can_edit_request(user: User | None, info_request: InfoRequest) -> bool:
    """Editors and admins of the requesting organisation record what happens."""
    return permissions.can_edit_request(user, info_request)


def is_member_view(user: User | None, request_id: int) -> bool:
    """Members of the requesting organisation see the whole timeline: reminder events and
    who recorded each step."""
    organisation_id = (
        InfoRequest.objects.filter(pk=request_id)
        .values_list("requester_organisation_id", flat=True)
        .first()
    )
    return organisation_id is not None and permissions.can_read_organisation(user, organisation_id)


def can_see_request(user: User | None, info_request: InfoRequest) -> bool:
    return permissions.can_read_request(user, info_request)


def followers_to_notify(info_request: InfoRequest) -> QuerySet[User]:
    """Followers who may still see the request: active members of its organisation. Someone
    who left the organisation is never told about its private requests."""
    members = Membership.objects.filter(
        user=OuterRef("pk"), organisation_id=info_request.requester_organisation_id
    )
    return info_request.followers.filter(is_active=True).filter(Exists(members)).order_by("pk")


def overdue_q(today: date) -> Q:
    """No answer and the deadline (extended where extended) has passed."""
    return Q(status__in=AWAITING) & (
        Q(extended_due_on__lt=today) | Q(extended_due_on__isnull=True, due_on__lt=today)
    )


def stored_appeal_window(info_request: InfoRequest) -> tuple[date | None, date | None]:
    """(opens on, closes on) of the request's appeal window, as computed from the law by
    `rules.request_schedule.appeal_window`: closes on None with an opening date means the law
    sets no closing date (a complaint about silence in RS, BA, MK, ME) — the window then
    stays open. (None, None): no window (answered, withdrawn, or not computed)."""
    return info_request.appeal_opens_on, info_request.appeal_due_on


def _window_not_closed_q(today: date) -> Q:
    return Q(appeal_due_on__gte=today) | Q(appeal_due_on__isnull=True, appeal_opens_on__lte=today)


def appeal_window_open_q(today: date) -> Q:
    """A complaint can still be lodged: after silence (the deadline passed) or an appealable
    decision, no appeal recorded, and the window has not closed (or has no closing date)."""
    return (
        _window_not_closed_q(today)
        & Q(appealed_on__isnull=True)
        & (Q(status__in=APPEALABLE_DECISIONS) | overdue_q(today))
    )


def appeal_decision_overdue_q(today: date) -> Q:
    return Q(status=S.APPEALED, appeal_decision_due_on__lt=today)


def with_derived_states(requests: QuerySet[InfoRequest], today: date) -> QuerySet[InfoRequest]:
    """Annotate `is_overdue` and `is_appeal_window_open` (booleans) for list pages."""
    return requests.annotate(
        is_overdue=Case(When(overdue_q(today), then=Value(True)), default=Value(False)),
        is_appeal_window_open=Case(
            When(appeal_window_open_q(today), then=Value(True)), default=Value(False)
        ),
    )


@dataclass(frozen=True)
class DeadlineState:
    """A request's deadlines as the request page shows them, with the derived states."""

    effective_due_on: date | None
    is_open: bool
    is_overdue: bool
    appeal_window_open: bool
    appeal_window_closed: bool
    appeal_decision_overdue: bool
    days_left: int | None


def deadline_state(info_request: InfoRequest, today: date) -> DeadlineState:
    """The same rules as the query filters above, for one request already loaded."""
    due = info_request.extended_due_on or info_request.due_on
    awaiting = info_request.status in AWAITING
    is_overdue = bool(awaiting and due and due < today)
    opens_on, closes_on = stored_appeal_window(info_request)
    not_closed = (closes_on is not None and closes_on >= today) or (
        closes_on is None and opens_on is not None and opens_on <= today
    )
    window = bool(
        not_closed
        and not info_request.appealed_on
        and (info_request.status in APPEALABLE_DECISIONS or is_overdue)
    )
    return DeadlineState(
        effective_due_on=due,
        is_open=info_request.status in OPEN,
        is_overdue=is_overdue,
        appeal_window_open=window,
        appeal_window_closed=bool(
            info_request.appeal_due_on
            and info_request.appeal_due_on < today
            and not info_request.appealed_on
        ),
        appeal_decision_overdue=bool(
            info_request.status == S.APPEALED
            and info_request.appeal_decision_due_on
            and info_request.appeal_decision_due_on < today
        ),
        days_left=(due - today).days if awaiting and due and due >= today else None,
    )


@dataclass(frozen=True)
class AppealWindow:
    """When a complaint to the appeal body can be lodged: from `opens_on`, until `closes_on`
    (None: the law sets no closing date, e.g. a complaint about silence in some laws)."""

    opens_on: date
    closes_on: date | None

    def state(self, today: date) -> str:
        """ "not_yet", "open", "open_no_limit" or "closed" on `today`."""
        if today < self.opens_on:
            return "not_yet"
        if self.closes_on is None:
            return "open_no_limit"
        return "open" if today <= self.closes_on else "closed"


def appeal_window(info_request: InfoRequest, today: date) -> AppealWindow | None:
    """The one rule every reminder, notification and letter words the appeal window from:
    the requester's complaint window as (opens_on, closes_on-or-None; None: the law sets no
    closing date), or None when no complaint is open to them (nothing appealable was decided
    and no answer is awaited, an appeal is already lodged, the record is known only to the
    year, or the law has no appeal route). While an answer is awaited, the complaint about
    silence opens the day after the deadline; after an appealable decision, on the day it was
    delivered. `today` is the day the wording is for (the rule may depend on it)."""
    law = info_request.law
    if info_request.appealed_on or info_request.sent_on_precision != DatePrecision.DAY:
        return None
    if law is None or not (info_request.appeal_due_on or law.appeal_days or law.appeal_body):
        return None  # no appeal route the tracker knows of
    due = info_request.extended_due_on or info_request.due_on
    if info_request.status in AWAITING:
        if due is None:
            return None
        opens = info_request.appeal_opens_on or due + timedelta(days=1)
        return AppealWindow(opens, info_request.appeal_due_on)
    if info_request.status in APPEALABLE_DECISIONS:
        opens = (
            info_request.appeal_opens_on
            or info_request.decision_delivered_on
            or info_request.sent_on
        )
        return AppealWindow(opens, info_request.appeal_due_on)
    return None


def appeal_addressee(info_request: InfoRequest) -> str:
    """Where a complaint about the request goes: the appeal body, or — where the law sends
    complaints against this authority to a court (Serbia's six top bodies, Art. 22(2)) — the
    court route. Empty when the request has no law."""
    law = info_request.law
    if law is None:
        return ""
    if law.court_route and letters.court_only(law, info_request.authority.name):
        return law.court_route
    body = law.appeal_body_organisation
    return body.name if body else law.appeal_body


def letter_languages_of(law, info_request: InfoRequest | None = None) -> list[str]:
    """The languages of a law's letters in the order offered: its official languages (the
    first is the default), then English, then any other an admin added. The request's
    jurisdiction (already loaded) stands for the law's when they are the same."""
    if info_request is not None and info_request.jurisdiction_id == law.jurisdiction_id:
        code = info_request.jurisdiction.code
    else:
        code = law.jurisdiction.code
    official = LETTER_LANGUAGES.get(law_key(code, law.name), [])
    return [*official, "en"]


def _language_rank(order: list[str], language: str) -> tuple[int, str]:
    return (order.index(language) if language in order else len(order), language)


def letters_for(info_request: InfoRequest, today: date) -> list[letters.Letter]:
    """The filled-in letters that fit the request now, in every language seeded for its law
    (the official ones first, English beside them; none for a historical record known only to
    the year), each complaint by the route it takes — Serbia's six top bodies to the
    Administrative Court, the Federation of BiH's objection before the Ombudsman. Uses
    `law.letter_templates.all()`, so prefetch it for a fixed number of queries."""
    law = info_request.law
    if law is None or info_request.sent_on_precision != DatePrecision.DAY:
        return []  # a historical record known to the year: no letter can cite its dates
    kinds = letters.relevant_kinds(
        info_request.status,
        info_request.extended_due_on or info_request.due_on,
        today,
        law.classified_outside_law,
    )
    templates = list(law.letter_templates.all())
    routes = letters.routes(
        law,
        info_request.authority.name,
        {t.route for t in templates if t.kind != letters.Kind.REMINDER},
    )
    chosen = [
        t
        for t in templates
        if t.kind in kinds and (t.kind == letters.Kind.REMINDER or t.route in routes)
    ]
    order = letter_languages_of(law, info_request)
    chosen.sort(
        key=lambda t: (
            kinds.index(t.kind),
            routes.index(t.route) if t.route in routes else 0,
            _language_rank(order, t.language),
        )
    )
    return [letters.render(template, info_request, law, today) for template in chosen]


def letter_for(info_request: InfoRequest, key: str, language: str, today: date):
    """One of the letters that fit the request now (by its `key`: the kind, with the route
    where a law has several), filled in; None if it does not fit."""
    return next(
        (
            letter
            for letter in letters_for(info_request, today)
            if (letter.key, letter.language) == (key, language)
        ),
        None,
    )


def timeline_prefetch(*, public: bool) -> Prefetch:
    """`events` in order, with the documents the viewer may see as `shown_documents`: the
    public sees neither reminders nor when the tracker's record was created, and only the
    documents published with the request."""
    events = RequestEvent.objects.order_by("occurred_on", "created_at", "id")
    documents = Document.objects.order_by("date_published", "id")
    if public:
        # E-mails name officials and addresses: their text stays in the workspace.
        events = events.exclude(
            kind__in=[
                RequestEvent.Kind.REMINDER,
                RequestEvent.Kind.CREATED,
                RequestEvent.Kind.MAIL_OUT,
                RequestEvent.Kind.MAIL_IN,
            ]
        )
        documents = documents.filter(is_published=True)
    else:
        events = events.select_related("actor")  # members see who recorded each step
    return Prefetch(
        "events",
        queryset=events.prefetch_related(
            Prefetch("documents", queryset=documents, to_attr="shown_documents")
        ),
    )


def notifications_for(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """A user's in-app notifications, newest first (the dashboard shows them); those about a
    request they can no longer see (they left its organisation) are hidden."""
    notifications = (
        Notification.objects.filter(user=user)
        .filter(Q(request__isnull=True) | Q(request__in=visible_requests(user)))
        .select_related("request")
    )
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def request_for_page(pk: int) -> InfoRequest:
    """A published request with its timeline (no reminder events), its law and letter
    templates; only documents chosen for publication."""
    return (
        published_requests()
        .select_related(
            "authority",
            "requester_organisation",
            "jurisdiction",
            "law__appeal_body_organisation",
        )
        .prefetch_related(
            timeline_prefetch(public=True),
            Prefetch("documents", queryset=Document.objects.filter(is_published=True)),
            Prefetch("awards", queryset=published_awards()),
            "agreements",
            "law__letter_templates",
            citations_prefetch(),
        )
        .get(pk=pk)
    )
