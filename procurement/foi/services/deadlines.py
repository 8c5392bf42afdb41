"""Computes and stores requests' statutory deadlines, and recomputes the open ones when an
admin edits a holiday override, a suspension, a jurisdiction's calendar or a law."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.foi.rules import deadlines as deadline_rules
from procurement.foi.rules import request_schedule, workflow
from procurement.foi.selectors.deadlines import calendar_span, work_calendar
from procurement.foi.services.reminders import publish_due_reminders, sync_reminders
from procurement.models import (
    DatePrecision,
    FoiLaw,
    InfoRequest,
    Jurisdiction,
    RequestEvent,
    RequestStatus,
    Visibility,
)
from procurement.redflags.services import recompute_red_flags_on_commit

DATE_FIELDS = (
    "due_on",
    "extended_due_on",
    "appeal_opens_on",
    "appeal_due_on",
    "appeal_decision_due_on",
)
STORED_FIELDS = ("law", *DATE_FIELDS, "deadline_explanation")


@dataclass(frozen=True)
class Computed:
    law: FoiLaw | None
    schedule: request_schedule.Schedule
    calendar: deadline_rules.WorkCalendar | None


def law_in_force(laws: Iterable[FoiLaw], on: date) -> FoiLaw | None:
    """Of a jurisdiction's law versions, the one in force on `on`."""
    in_force = [
        law
        for law in laws
        if (law.effective_from is None or law.effective_from <= on)
        and (law.effective_to is None or law.effective_to >= on)
    ]
    return max(in_force, key=lambda law: law.effective_from or date.min, default=None)


def receipt_day(info_request: InfoRequest) -> date | None:
    """The day the deadline runs from: receipt, else the day sent (known to the day only)."""
    if info_request.status == RequestStatus.DRAFT:
        return None
    if info_request.sent_on_precision != DatePrecision.DAY:
        return None  # a year-only historical record: no deadline is computed
    return info_request.received_on or info_request.sent_on


def extension_noticed_on(info_request: InfoRequest) -> date | None:
    """When the authority announced an extension (its latest "extended" step), if it did."""
    events = getattr(info_request, "extension_events", None)
    if events is None:
        events = info_request.events.filter(
            kind=RequestEvent.Kind.STATUS, to_status=RequestStatus.EXTENDED
        )
    return max((event.occurred_on for event in events), default=None)


def extension_events() -> Prefetch:
    return Prefetch(
        "events",
        queryset=RequestEvent.objects.filter(
            kind=RequestEvent.Kind.STATUS, to_status=RequestStatus.EXTENDED
        ),
        to_attr="extension_events",
    )


def compute(
    info_request: InfoRequest,
    *,
    laws: list[FoiLaw] | None = None,
    calendar: deadline_rules.WorkCalendar | None = None,
) -> Computed:
    """The request's deadlines under the law in force on the day of receipt."""
    received = receipt_day(info_request)
    if received is None:
        return Computed(info_request.law, request_schedule.Schedule(), None)
    if laws is None:
        laws = list(FoiLaw.objects.filter(jurisdiction=info_request.jurisdiction_id))
    law = law_in_force(laws, received)
    if law is None:
        text = _("No FOI law of %(place)s in force on %(day)s is on record.") % {
            "place": info_request.jurisdiction.name,
            "day": deadline_rules.long_day(received),
        }
        return Computed(None, request_schedule.Schedule(explanation=text), None)
    try:
        if calendar is None:
            span = calendar_span(
                received, info_request.decision_delivered_on, info_request.appealed_on
            )
            calendar = work_calendar(info_request.jurisdiction, *span)
    except deadline_rules.CannotCompute as error:
        return Computed(law, request_schedule.Schedule(explanation=str(error)), None)
    facts = request_schedule.RequestFacts(
        status=info_request.status,
        received_on=received,
        is_urgent=info_request.is_urgent,
        extension_noticed_on=extension_noticed_on(info_request),
        decision_delivered_on=info_request.decision_delivered_on,
        appealed_on=info_request.appealed_on,
        classified_outside_law=law.classified_outside_law,
    )
    schedule = request_schedule.schedule(facts, deadline_rules.rule_from_law(law), calendar)
    note = ""
    if not info_request.received_on:
        note = _("The day of receipt is not recorded: counted from the day sent.")
    elif (
        info_request.channel == InfoRequest.Channel.EMAIL
        and info_request.received_on == info_request.sent_on
    ):
        # E-mail reaches the authority the day it is sent; no law on record says otherwise.
        note = _("Sent by e-mail on %(day)s: received by the authority the same day.") % {
            "day": deadline_rules.long_day(info_request.sent_on)
        }
    if note:
        schedule = replace(schedule, explanation=f"{note}\n{schedule.explanation}")
    return Computed(law, schedule, calendar)


def apply(info_request: InfoRequest, computed: Computed) -> list[str]:
    """Copy the computed deadlines onto the request (unsaved); return the changed fields."""
    values = {
        "law": computed.law,
        **{field: getattr(computed.schedule, field) for field in DATE_FIELDS},
        "deadline_explanation": computed.schedule.explanation,
    }
    changed = []
    for field, value in values.items():
        current = info_request.law if field == "law" else getattr(info_request, field)
        if current != value:
            setattr(info_request, field, value)
            changed.append(field)
    return changed


def describe_changes(before: dict[str, date | None], info_request: InfoRequest) -> str:
    labels = {
        "due_on": _("due"),
        "extended_due_on": _("extended due date"),
        "appeal_opens_on": _("appeal window opens"),
        "appeal_due_on": _("appeal window closes"),
        "appeal_decision_due_on": _("appeal body's decision due"),
    }
    parts = []
    for field in DATE_FIELDS:
        old, new = before[field], getattr(info_request, field)
        if old != new:
            parts.append(
                f"{labels[field]}: {deadline_rules.long_day(old) if old else '—'} → "
                f"{deadline_rules.long_day(new) if new else '—'}"
            )
    return "; ".join(parts)


def _affected_jurisdictions(jurisdiction_ids: Iterable[int]) -> list[Jurisdiction]:
    ids = set(jurisdiction_ids)
    # A parent's overrides and suspensions apply to its levels too (see work_calendar).
    return list(
        Jurisdiction.objects.filter(pk__in=ids) | Jurisdiction.objects.filter(parent__in=ids)
    )


def recompute_open_requests(*, jurisdiction_ids: Iterable[int], reason: str) -> int:
    """Recompute and store the deadlines of every open request of these jurisdictions (and
    their levels), reschedule their reminders and record the change on each timeline.
    Runs inside the caller's transaction, so the edit and its consequences commit together."""
    changed_count = 0
    with transaction.atomic():
        for jurisdiction in _affected_jurisdictions(jurisdiction_ids):
            changed_count += _recompute_jurisdiction(jurisdiction, reason)
    return changed_count


@transaction.atomic
def recompute_request(*, request_id: int, reason: str) -> bool:
    """Recompute one request's deadlines after its facts were edited outside the workflow
    (the admin form); reschedule its reminders and record the change. True if it changed."""
    info_request = (
        InfoRequest.objects.select_for_update(of=("self",))
        .select_related("jurisdiction", "requester_organisation", "law")
        .get(pk=request_id)
    )
    due = _recompute(info_request, None, None, reason)
    publish_due_reminders(due or [])
    if due is not None:
        _recompute_red_flags([info_request])
    return due is not None


def _recompute(info_request: InfoRequest, laws, calendar, reason: str) -> list[int] | None:
    """Store new deadlines, record them on the timeline, reschedule the reminders. Returns
    the ids of reminders already due (to publish after commit), None if nothing changed."""
    today, now = timezone.localdate(), timezone.now()
    before = {field: getattr(info_request, field) for field in DATE_FIELDS}
    computed = compute(info_request, laws=laws, calendar=calendar)
    changed = apply(info_request, computed)
    if not changed:
        return None
    info_request.save(update_fields=[*changed, "updated_at"])
    summary = describe_changes(before, info_request)
    if summary:
        RequestEvent.objects.create(
            request=info_request,
            kind=RequestEvent.Kind.DEADLINE,
            occurred_on=today,
            note=f"{reason}: {summary}",
        )
    return sync_reminders(
        info_request,
        calendar=computed.calendar,
        today=today,
        now=now,
        reason=_("deadlines recomputed (%(reason)s)") % {"reason": reason},
    )


def _recompute_jurisdiction(jurisdiction: Jurisdiction, reason: str) -> int:
    requests = list(
        InfoRequest.objects.select_for_update(of=("self",))
        .filter(
            jurisdiction=jurisdiction,
            status__in=workflow.OPEN,
            sent_on_precision=DatePrecision.DAY,
        )
        .select_related("jurisdiction", "requester_organisation", "law")
        .prefetch_related(extension_events(), "reminders")
        .order_by("pk")
    )
    if not requests:
        return 0
    laws = list(FoiLaw.objects.filter(jurisdiction=jurisdiction))
    try:
        days = [
            day
            for r in requests
            for day in (receipt_day(r), r.decision_delivered_on, r.appealed_on)
            if day
        ]
        calendar = work_calendar(jurisdiction, *calendar_span(*days)) if days else None
    except deadline_rules.CannotCompute:
        calendar = None  # each request then loads its own and records why it cannot
    results = [_recompute(info_request, laws, calendar, reason) for info_request in requests]
    publish_due_reminders([pk for due in results if due for pk in due])
    _recompute_red_flags([r for r, due in zip(requests, results, strict=True) if due is not None])
    return sum(due is not None for due in results)


def _recompute_red_flags(changed: list[InfoRequest]) -> None:
    """R063 reads the due date of a published request: its subjects' flags follow."""
    published = [r.pk for r in changed if r.visibility == Visibility.PUBLISHED]
    if published:
        recompute_red_flags_on_commit(request_ids=published)
