"""Integrity red flags: risk indicators (never findings) with their inputs and rule version."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .common import DeferredDelivery


class RedFlag(models.Model):
    """One indicator raised for a process, award, contract or buyer-year (R013)."""

    key = models.CharField(
        max_length=120, unique=True, help_text=_("code:subject:id, one row per subject")
    )
    code = models.CharField(_("indicator"), max_length=8, db_index=True)
    rule_version = models.CharField(max_length=20)
    process = models.ForeignKey(
        "procurement.ProcurementProcess",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="red_flags",
    )
    award = models.ForeignKey(
        "procurement.Award",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="red_flags",
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="red_flags",
    )
    buyer = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="red_flags",
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    country = CountryField(blank=True)
    # The rule's parameters: the explanation is rendered from them in the reader's language
    # (procurement.redflags.explanations), never stored in the language of the computation.
    inputs = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["code", "id"]
        indexes = [models.Index(fields=["code", "country"])]

    def __str__(self) -> str:
        return f"{self.code} ({self.key})"


class RedFlagThreshold(models.Model):
    """A per-country setting of an indicator, e.g. R003's minimum days for open tenders in RS."""

    code = models.CharField(max_length=8)
    country = CountryField(blank=True, help_text=_("Empty: the default for every country."))
    params = models.JSONField(default=dict)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["code", "country"]
        constraints = [
            models.UniqueConstraint(fields=["code", "country"], name="one_threshold_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.country or '*'}"


class RedFlagRecomputation(DeferredDelivery):
    """A recomputation of red flags some write asked for: written in that write's transaction,
    so it is never lost even when the broker is down; a worker does it and marks it done."""

    process_ids = models.JSONField(default=list)
    # [country, year] pairs whose R013 is recomputed besides those of the processes.
    country_years = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{len(self.process_ids)} process(es) @ {self.created_at:%Y-%m-%d %H:%M}"
