"""Suggested corrections: from the public or from organisations, resolved by reviewers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.models import SuggestedCorrection
from procurement.redflags.services import recompute_red_flags_on_commit
from procurement.review.selectors import subject_model

State = SuggestedCorrection.State

_LIMITS = {"field": 100, "suggestion": 5000, "source_url": 500, "note": 5000}


def _check_lengths(**values: str) -> None:
    for name, value in values.items():
        if len(value) > _LIMITS[name]:
            label = capfirst(SuggestedCorrection._meta.get_field(name).verbose_name)
            raise ValidationError(
                ngettext(
                    "%(name)s is too long: at most %(limit)d character.",
                    "%(name)s is too long: at most %(limit)d characters.",
                    _LIMITS[name],
                )
                % {"name": label, "limit": _LIMITS[name]}
            )


@transaction.atomic
def suggest_correction(
    *,
    kind: str,
    pk: int,
    suggestion: str,
    field: str = "",
    source_url: str = "",
    user=None,
    email: str = "",
    organisation_id: int | None = None,
) -> SuggestedCorrection:
    """Anyone may suggest a correction to a published record (reviewers to any record); a
    member may send it in the name of their organisation. It lands in the review queue."""
    record = subject_model(kind).objects.filter(pk=pk).first()
    if record is None or not permissions.can_suggest_correction(user, record):
        raise PermissionDenied(_("There is no such public record."))
    if organisation_id and not permissions.can_read_organisation(user, organisation_id):
        raise PermissionDenied(_("You can only write in the name of your own organisation."))
    suggestion, field, source_url = suggestion.strip(), field.strip(), source_url.strip()
    if not suggestion:
        raise ValidationError(_("Say what should be corrected."))
    _check_lengths(field=field, suggestion=suggestion, source_url=source_url)
    if source_url:
        URLValidator(schemes=["http", "https"])(source_url)
    signed_in = user is not None and user.is_authenticated
    return SuggestedCorrection.objects.create(
        **{kind: record},
        field=field,
        suggestion=suggestion,
        source_url=source_url,
        submitted_by=user if signed_in else None,
        submitter_email=(user.email if signed_in else email.strip())[:254],
        organisation_id=organisation_id,
    )


@transaction.atomic
def resolve_correction(
    *, correction_id: int, accept: bool, actor, note: str = ""
) -> SuggestedCorrection:
    """A reviewer accepts (after correcting the record) or rejects (saying why) a suggestion."""
    if not permissions.is_reviewer(actor):
        raise PermissionDenied(_("Only reviewers may resolve suggested corrections."))
    correction = SuggestedCorrection.objects.select_for_update().get(pk=correction_id)
    if correction.state != State.OPEN:
        raise ValidationError(_("This suggestion has already been resolved."))
    note = note.strip()
    _check_lengths(note=note)
    if not accept and not note:
        raise ValidationError(_("Say why the suggestion is rejected."))
    correction.state = State.ACCEPTED if accept else State.REJECTED
    correction.resolved_by = actor
    correction.resolved_at = timezone.now()
    correction.resolution_note = note
    correction.save(update_fields=["state", "resolved_by", "resolved_at", "resolution_note"])
    record_audit(f"correction.{correction.state}", actor=actor, subject=correction, note=note)
    if accept:  # the record was corrected: its flags follow (a no-op if nothing they read)
        recompute_red_flags_on_commit(
            [correction.process_id],
            award_ids=[correction.award_id],
            contract_ids=[correction.contract_id],
        )
    return correction
