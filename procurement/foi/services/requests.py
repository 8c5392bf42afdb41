"""The FOI request workflow: creating a request, recording each step, following it.

`request_transition` is the only writer of `InfoRequest.status`. Each step locks the request,
checks the transition (`procurement.foi.rules.workflow`) and the facts it records (dates in order;
the classification level, article and harm test for a classified refusal; the outcome of an
appeal), appends an event, recomputes the deadlines, adjusts the reminder rows, and notifies
the followers after commit. A step that fails changes nothing.

The signed-in workspace calls these with the person acting as `actor`: editors and admins of
the requesting organisation, or staff (`actor=None` is the system itself: demo, imports).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.authorities.selectors import usable_by
from procurement.foi.rules import deadlines as deadline_rules
from procurement.foi.rules import request_schedule, workflow
from procurement.foi.selectors.requests import can_edit_request, can_see_request
from procurement.foi.services import deadlines as deadline_service
from procurement.foi.services.notifications import notify_status_change
from procurement.foi.services.reminders import publish_due_reminders, sync_reminders
from procurement.models import (
    DatePrecision,
    Document,
    InfoRequest,
    Jurisdiction,
    Organisation,
    RequestEvent,
    RequestStatus,
    User,
    Visibility,
)
from procurement.redflags.services import recompute_red_flags_on_commit

S = RequestStatus
NOTE_MAX = RequestEvent._meta.get_field("note").max_length


def _check_actor(actor: User | None, info_request: InfoRequest) -> None:
    if actor is not None and not can_edit_request(actor, info_request):
        raise PermissionDenied(
            _("Only editors of %(organisation)s can change this request.")
            % {"organisation": info_request.requester_organisation}
        )


def _locked(request_id: int) -> InfoRequest:
    # FOR NO KEY UPDATE: rows that merely reference the request (events, notifications)
    # can still be inserted by a concurrent reminder delivery.
    return (
        InfoRequest.objects.select_for_update(no_key=True, of=("self",))
        .select_related("jurisdiction", "requester_organisation", "authority", "law")
        .get(pk=request_id)
    )


@transaction.atomic
def create_request(
    *,
    organisation: Organisation,
    authority: Organisation,
    subject: str,
    text: str,
    actor: User | None,
    jurisdiction: Jurisdiction | None = None,
    is_urgent: bool = False,
    awards: Iterable = (),
    processes: Iterable = (),
    agreements: Iterable = (),
    contracts: Iterable = (),
) -> InfoRequest:
    """A draft request of `organisation` to `authority`, under the law of the authority's
    jurisdiction (in Bosnia and Herzegovina, its level); the actor follows it."""
    info_request = InfoRequest(
        requester_organisation=organisation,
        authority=authority,
        jurisdiction=jurisdiction or authority.jurisdiction,
        subject=(subject or "").strip(),
        text=(text or "").strip(),
        is_urgent=is_urgent,
        created_by=actor,
    )
    if info_request.jurisdiction_id is None:
        raise ValidationError(
            {"authority": _("This authority has no jurisdiction: choose whose FOI law applies.")}
        )
    if not usable_by(authority, organisation.pk):
        raise ValidationError(
            {
                "authority": _(
                    "This authority is not confirmed: only the organisation that proposed it "
                    "can write to it until a reviewer confirms it."
                )
            },
            code="unconfirmed",
        )
    _check_actor(actor, info_request)
    info_request.law = deadline_service.law_in_force(
        info_request.jurisdiction.laws.all(), timezone.localdate()
    )
    info_request.full_clean(validate_unique=False)
    info_request.save()
    for field, values in [
        ("awards", awards),
        ("processes", processes),
        ("agreements", agreements),
        ("contracts", contracts),
    ]:
        if values:
            getattr(info_request, field).set(values)
    RequestEvent.objects.create(
        request=info_request,
        kind=RequestEvent.Kind.CREATED,
        to_status=S.DRAFT,
        occurred_on=timezone.localdate(),
        actor=actor,
    )
    if actor is not None:
        info_request.followers.add(actor)
    return info_request


def _current_facts(info_request: InfoRequest) -> dict[str, Any]:
    last_step = (
        info_request.events.filter(kind=RequestEvent.Kind.STATUS)
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    return {
        "status": info_request.status,
        "sent_on": info_request.sent_on,
        "decision_delivered_on": info_request.decision_delivered_on,
        "appealed_on": info_request.appealed_on,
        "effective_due_on": info_request.extended_due_on or info_request.due_on,
        "last_step_on": last_step,
    }


def _documents(info_request: InfoRequest, document_ids: Iterable[int]) -> list[int]:
    ids = sorted(set(document_ids))
    found = set(
        Document.objects.filter(pk__in=ids, request=info_request).values_list("pk", flat=True)
    )
    if len(found) != len(ids):
        raise ValidationError(
            {
                "documents": _("Some documents do not belong to this request: %(ids)s.")
                % {"ids": ", ".join(str(pk) for pk in ids if pk not in found)}
            }
        )
    return ids


@transaction.atomic
def request_transition(
    *,
    request_id: int,
    to: str,
    actor: User | None,
    on: date,
    note: str = "",
    document_ids: Iterable[int] = (),
    precision: str = DatePrecision.DAY,
    today: date | None = None,
    **facts: Any,
) -> InfoRequest:
    """The only writer of InfoRequest.status: lock, check the transition and its facts,
    record an event, recompute the deadlines, adjust reminders, notify followers.

    `on` is the date of the step (sent, decision delivered, appeal lodged, appeal decided…);
    `facts` are the step's details (see `workflow.ALLOWED_FACTS`): e.g. `received_on`,
    `channel`, `reference_number` when sent; `refusal_ground`; `classification_level`,
    `classification_article`, `harm_test_given` when classified; `appeal_outcome`.
    `precision="year"` records a historical step known only from a secondary source."""
    today = today or timezone.localdate()
    now = timezone.now()
    info_request = _locked(request_id)
    _check_actor(actor, info_request)
    workflow.check_transition(info_request.status, to)
    facts = {name: value for name, value in facts.items() if value is not None}
    errors = workflow.fact_errors(
        target=to,
        on=on,
        facts=facts,
        request=_current_facts(info_request),
        today=today,
        precise=precision == DatePrecision.DAY,
    )
    if precision not in DatePrecision.values:
        errors["precision"] = [_("Give the date's precision as day, month or year.")]
    if len(note or "") > NOTE_MAX:
        errors["note"] = [_("A note is at most %(n)d characters.") % {"n": NOTE_MAX}]
    if errors:
        raise ValidationError(errors)
    documents = _documents(info_request, document_ids)
    before = info_request.status
    if to in workflow.DATE_FIELD:
        setattr(info_request, workflow.DATE_FIELD[to], on)
    if to == S.SENT:
        info_request.sent_on_precision = precision
    for name, value in facts.items():
        setattr(info_request, name, value.strip() if isinstance(value, str) else value)
    info_request.status = to
    info_request.full_clean(validate_unique=False)
    event = RequestEvent.objects.create(
        request=info_request,
        kind=RequestEvent.Kind.STATUS,
        from_status=before,
        to_status=to,
        occurred_on=on,
        actor=actor,
        note=(note or "").strip(),
        data={
            "date_precision": precision,
            **{name: value for name, value in facts.items() if isinstance(value, str | bool)},
            **{name: value.isoformat() for name, value in facts.items() if isinstance(value, date)},
        },
    )
    if documents:
        Document.objects.filter(pk__in=documents).update(event=event)
    schedule = _refresh(
        info_request, today, now, _("status changed to “%(status)s”") % {"status": to}
    )
    if to == S.EXTENDED and schedule.extension_refused:
        # The step is accepted (the authority did announce it); the event says why the
        # deadline does not move (e.g. Serbia: notice later than 7 days after receipt).
        event.note = "\n".join(part for part in (event.note, schedule.extension_refused) if part)
        event.save(update_fields=["note"])
    notify_status_change(info_request, event, actor)
    return info_request


def _refresh(info_request: InfoRequest, today: date, now, reason: str) -> request_schedule.Schedule:
    """Recompute and save the deadlines, then make the reminder rows match them."""
    computed = deadline_service.compute(info_request)
    deadline_service.apply(info_request, computed)
    info_request.save()
    due = sync_reminders(
        info_request, calendar=computed.calendar, today=today, now=now, reason=reason
    )
    publish_due_reminders(due)
    if info_request.visibility == Visibility.PUBLISHED:
        # X002 and R063 read a published request's status and due date.
        recompute_red_flags_on_commit(request_ids=[info_request.pk])
    return computed.schedule


def mark_sent(
    *,
    request_id: int,
    actor: User | None,
    sent_on: date,
    received_on: date | None = None,
    channel: str = "",
    reference_number: str = "",
    note: str = "",
    precision: str = DatePrecision.DAY,
) -> InfoRequest:
    """A draft goes out: the deadline runs from receipt (else from the day sent)."""
    return request_transition(
        request_id=request_id,
        to=S.SENT,
        actor=actor,
        on=sent_on,
        note=note,
        precision=precision,
        received_on=received_on,
        channel=channel or None,
        reference_number=reference_number or None,
    )


@transaction.atomic
def record_receipt(
    *, request_id: int, actor: User | None, received_on: date, note: str = ""
) -> InfoRequest:
    """The day the authority received the request became known (a return receipt): the
    deadlines are recomputed from it and the change is recorded on the timeline."""
    today, now = timezone.localdate(), timezone.now()
    info_request = _locked(request_id)
    _check_actor(actor, info_request)
    if info_request.status == S.DRAFT or info_request.sent_on_precision != DatePrecision.DAY:
        raise ValidationError(
            {"received_on": _("Receipt can be recorded once the request was sent, on a known day.")}
        )
    if received_on < info_request.sent_on or received_on > today:
        raise ValidationError(
            {"received_on": _("Receipt must fall between the day sent and today.")}
        )
    info_request.received_on = received_on
    schedule = _refresh(info_request, today, now, _("receipt recorded"))
    RequestEvent.objects.create(
        request=info_request,
        kind=RequestEvent.Kind.DEADLINE,
        occurred_on=received_on,
        actor=actor,
        note=(note or "").strip()
        or _("Received by the authority on %(day)s; due %(due)s.")
        % {
            "day": deadline_rules.long_day(received_on),
            "due": deadline_rules.long_day(schedule.effective_due_on) if schedule.due_on else "—",
        },
    )
    return info_request


@transaction.atomic
def discard_draft(*, request_id: int, actor: User | None) -> None:
    """Delete a request nobody sent; anything sent stays on record."""
    info_request = _locked(request_id)
    _check_actor(actor, info_request)
    if info_request.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be discarded; withdraw or close a sent request."))
    info_request.delete()


def follow_request(*, request_id: int, user: User) -> None:
    """Get the request's reminders and news; only someone who may see it can follow it."""
    info_request = InfoRequest.objects.get(pk=request_id)
    if not can_see_request(user, info_request):
        raise PermissionDenied(_("You cannot follow a request you cannot see."))
    info_request.followers.add(user)


def unfollow_request(*, request_id: int, user: User) -> None:
    """Stop the request's reminders and news for `user`."""
    InfoRequest.objects.get(pk=request_id).followers.remove(user)
