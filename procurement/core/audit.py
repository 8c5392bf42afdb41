"""The audit log: one row per security-relevant act (sign-ins, role changes, review decisions).

The client address comes from the request being served (simple_history's middleware keeps
it for the duration of the request), so that services need not be handed the request.
"""

from django.db import models
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
