"""Intergovernmental agreements, MoUs and loan agreements: the legal bases of exempted awards."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .common import DatePrecision


class Agreement(models.Model):
    """An instrument between states (or a state and a company) that may exempt projects from
    public-procurement law, e.g. the 2009 Serbia–China infrastructure agreement."""

    class Kind(models.TextChoices):
        INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental agreement")
        STRATEGIC_PARTNERSHIP = "strategic_partnership", _("strategic partnership")
        MOU = "mou", _("memorandum of understanding")
        LOAN = "loan", _("loan agreement")
        COOPERATION = "cooperation", _("cooperation agreement")
        INITIATIVE = "initiative", _("accession to an initiative")

    title = models.CharField(_("title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=160, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    signed_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ratified_on = models.DateField(_("ratified"), null=True, blank=True)
    ratification_reference = models.CharField(
        _("ratification law / gazette"), max_length=300, blank=True
    )
    exempts_procurement = models.BooleanField(
        _("exempts projects from procurement law"), default=False
    )
    exemption_reference = models.CharField(
        _("exempting provision"),
        max_length=400,
        blank=True,
        help_text=_(
            "The article of the procurement law, or of the agreement, that exempts projects."
        ),
    )
    exemption_text = models.TextField(_("how it exempts"), blank=True)
    description = models.TextField(_("description"), blank=True)
    search_key = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ratified_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(ratified_on__gte=F("signed_on")),
                name="agreement_ratified_after_signed",
            ),
            models.CheckConstraint(
                condition=Q(exempts_procurement=False)
                | ~Q(exemption_text="")
                | ~Q(exemption_reference=""),
                name="agreement_exemption_explained",
            ),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("agreement-detail", args=[self.pk])


class AgreementParty(models.Model):
    """A party to an agreement: a government, a ministry or a company (signatory or witness)."""

    class Role(models.TextChoices):
        SIGNATORY = "signatory", _("signatory")
        FACILITATOR = "facilitator", _("facilitator / witness")
        BENEFICIARY = "beneficiary", _("beneficiary")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "procurement.Organisation", on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.SIGNATORY)
    signatory_person = models.CharField(_("signed by"), max_length=200, blank=True)

    class Meta:
        ordering = ["agreement", "role", "organisation__name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreement_party_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"
