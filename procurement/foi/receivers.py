"""Signal receivers: when the inputs of deadlines change — a holiday override, a suspension,
a law version, a jurisdiction's holiday calendar — the open requests concerned are
recomputed in the same transaction (admin pages, inlines, bulk deletes and imports alike)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from procurement.foi.services.deadlines import recompute_open_requests
from procurement.models import DeadlineSuspension, FoiLaw, HolidayOverride, Jurisdiction

REASONS = {
    HolidayOverride: lambda o: (
        _("holiday calendar changed (%(day)s, %(name)s)") % {"day": o.date, "name": o.name}
    ),
    DeadlineSuspension: lambda o: (
        _("suspension changed (%(start)s–%(end)s)") % {"start": o.starts_on, "end": o.ends_on}
    ),
    FoiLaw: lambda o: _("law changed (%(law)s)") % {"law": o.short_name or o.name},
    Jurisdiction: lambda o: _("holiday calendar of %(place)s changed") % {"place": o.code},
}


@receiver(post_save, sender=HolidayOverride)
@receiver(post_delete, sender=HolidayOverride)
@receiver(post_save, sender=DeadlineSuspension)
@receiver(post_delete, sender=DeadlineSuspension)
@receiver(post_save, sender=FoiLaw)
@receiver(post_delete, sender=FoiLaw)
def deadline_inputs_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the fixture's rows are taken as they are
        return
    recompute_open_requests(
        jurisdiction_ids=[instance.jurisdiction_id], reason=REASONS[sender](instance)
    )


@receiver(post_save, sender=Jurisdiction)
def jurisdiction_changed(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or created:
        return
    recompute_open_requests(jurisdiction_ids=[instance.pk], reason=REASONS[sender](instance))
