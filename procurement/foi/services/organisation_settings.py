"""An organisation's own settings, changed by its admins: how early "due soon" reminders go out,
and the profile its letters are signed with (postal address)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.foi.rules import workflow
from procurement.foi.services.deadlines import recompute_request
from procurement.foi.services.reminders import publish_due_reminders, sync_reminders
from procurement.models import DatePrecision, InfoRequest, Organisation

MAX_LEAD_DAYS = 20
ADDRESS_MAX = 500


@transaction.atomic
def set_letter_profile(*, organisation_id: int, postal_address: str, actor) -> None:
    """The postal address letters give for the organisation as complainant (a complaint
    names the complainant's address; without it the letter leaves a bracket)."""
    if not permissions.can_administer_organisation(actor, organisation_id):
        raise PermissionDenied(_("Only the organisation's admins may change its settings."))
    address = " ".join((postal_address or "").split())
    if len(address) > ADDRESS_MAX:
        message = _("An address is at most %(n)d characters.") % {"n": ADDRESS_MAX}
        raise ValidationError({"postal_address": message})
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    before = organisation.postal_address
    if before == address:
        return
    organisation.postal_address = address
    organisation._history_user = actor
    organisation.save(update_fields=["postal_address", "updated_at"])
    record_audit(
        "organisation.postal_address", actor=actor, subject=organisation, old=before, new=address
    )


@transaction.atomic
def set_reminder_lead_days(*, organisation_id: int, days: int, actor) -> int:
    """Members get a "due soon" reminder `days` working days before each deadline (0: none).
    The open requests' deadlines are recomputed and their reminders rescheduled at once;
    returns how many open requests were rescheduled."""
    if not permissions.can_administer_organisation(actor, organisation_id):
        raise PermissionDenied(_("Only the organisation's admins may change its settings."))
    if not 0 <= days <= MAX_LEAD_DAYS:
        message = _("Give a number of working days from 0 to %(max)d.") % {"max": MAX_LEAD_DAYS}
        raise ValidationError({"reminder_lead_days": message})
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    before = organisation.reminder_lead_days
    if before == days:
        return 0
    organisation.reminder_lead_days = days
    organisation._history_user = actor
    organisation.save(update_fields=["reminder_lead_days", "updated_at"])
    record_audit(
        "organisation.reminder_lead_days", actor=actor, subject=organisation, old=before, new=days
    )
    return _reschedule_open_requests(organisation_id)


def _reschedule_open_requests(organisation_id: int) -> int:
    """Inside the caller's transaction: fresh deadlines, then reminder rows for the new lead."""
    today, now = timezone.localdate(), timezone.now()
    reason = _("the organisation changed its reminder lead")
    ids = list(
        InfoRequest.objects.filter(
            requester_organisation_id=organisation_id,
            status__in=workflow.OPEN,
            sent_on_precision=DatePrecision.DAY,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for request_id in ids:
        recompute_request(request_id=request_id, reason=reason)
        info_request = (
            InfoRequest.objects.select_for_update(of=("self",))
            .select_related("jurisdiction", "requester_organisation")
            .get(pk=request_id)
        )
        due = sync_reminders(info_request, calendar=None, today=today, now=now, reason=reason)
        publish_due_reminders(due)
    return len(ids)
