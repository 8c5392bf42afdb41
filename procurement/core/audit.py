"""The audit log: one row per security-relevant act (sign-ins, role changes, review decisions),
and who changed which fields in a record's history.

The client address comes from the request being served (simple_history's middleware keeps
it for the duration of the request), so that services need not be handed the request.

A save with `update_fields` (a review decision, a workflow step) writes only those fields, so
its historical version records them as its change reason (`fields:a,b`): the history then
credits its author with those fields only, never with what an import or a system update
changed between two versions without a record of its own (procurement.review.selectors).
"""

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from procurement.core.ratelimit import client_address
from procurement.models import AuditLog


def client_ip(request) -> str | None:
    """The client's address as every limiter and lockout sees it (procurement.core.ratelimit)."""
    return None if request is None else client_address(request)


def _current_request():
    return getattr(HistoricalRecords.context, "request", None)


def record_audit(
    action: str,
    *,
    actor=None,
    subject: models.Model | None = None,
    request=None,
    **details,
) -> AuditLog:
    """Append one audit row: who did `action` to which object, from where, with `details`."""
    request = request if request is not None else _current_request()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditLog.objects.create(
        actor=actor,
        action=action,
        object_type=subject._meta.model_name if subject is not None else "",
        object_id=str(subject.pk) if subject is not None else "",
        ip_address=client_ip(request),
        details=details,
    )


FIELDS_PREFIX = "fields:"
REASON_LENGTH = 100  # simple_history's history_change_reason


@receiver(pre_save, dispatch_uid="procurement.audit.fields_saved")
def _record_fields_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """Give the historical version of a save with `update_fields` the list of those fields."""
    if not hasattr(sender, "history"):
        return
    reason = getattr(instance, "_change_reason", None)
    if reason and not str(reason).startswith(FIELDS_PREFIX):
        return  # a reason someone gave on purpose
    listed = FIELDS_PREFIX + ",".join(sorted(update_fields or ()))
    if update_fields is not None and len(listed) <= REASON_LENGTH:
        instance._change_reason = listed
    elif reason:
        del instance._change_reason  # a full save: every field may have been written


def fields_saved(reason: str | None) -> set[str] | None:
    """The fields a historical version's save wrote, or None when it wrote them all."""
    if not reason or not reason.startswith(FIELDS_PREFIX):
        return None
    return set(filter(None, reason[len(FIELDS_PREFIX) :].split(",")))
