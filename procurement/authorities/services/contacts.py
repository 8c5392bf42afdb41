"""The FOI e-mail address of an authority: flagged as suspect when mail to it bounced."""

from django.db import transaction

from procurement.core.audit import record_audit
from procurement.models import Organisation

REASON_LENGTH = Organisation._meta.get_field("foi_email_suspect_reason").max_length


@transaction.atomic
def flag_foi_email_suspect(*, organisation_id: int, reason: str, actor=None) -> None:
    """Mark the authority's FOI e-mail as suspect (a bounce): the authority's page and the
    request form say so. `reason` is shown publicly: the bounce's status, never a request's
    content."""
    reason = " ".join((reason or "").split())[:REASON_LENGTH]
    updated = Organisation.objects.filter(pk=organisation_id).exclude(foi_email="")
    if updated.update(foi_email_suspect=True, foi_email_suspect_reason=reason):
        record_audit(
            "authorities.foi_email_suspect", actor=actor, reason=reason, id=organisation_id
        )


@transaction.atomic
def clear_foi_email_suspect(*, organisation_id: int, actor=None) -> None:
    """The address was checked again (or replaced): it is no longer suspect."""
    Organisation.objects.filter(pk=organisation_id).update(
        foi_email_suspect=False, foi_email_suspect_reason=""
    )
    record_audit("authorities.foi_email_checked", actor=actor, id=organisation_id)
