"""Review of awards and contracts before publication, suggested corrections, and the audit log."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .common import ReviewStatus, exactly_one

REVIEW_SUBJECTS = ("process", "award", "contract")


class ReviewDecision(models.Model):
    """One reviewer decision (verify, reject with a reason, send back, publish); append-only."""

    process = models.ForeignKey(
        "procurement.ProcurementProcess",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_decisions",
    )
    award = models.ForeignKey(
        "procurement.Award",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_decisions",
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_decisions",
    )
    from_status = models.CharField(max_length=10, choices=ReviewStatus.choices)
    to_status = models.CharField(max_length=10, choices=ReviewStatus.choices)
    reviewer = models.ForeignKey(
        "procurement.User", on_delete=models.PROTECT, related_name="review_decisions"
    )
    note = models.TextField(_("reason / note"), blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(*REVIEW_SUBJECTS), name="review_has_one_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status} by {self.reviewer}"


class SuggestedCorrection(models.Model):
    """A correction proposed by the public or an organisation; lands in the review queue."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    process = models.ForeignKey(
        "procurement.ProcurementProcess",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggested_corrections",
    )
    award = models.ForeignKey(
        "procurement.Award",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggested_corrections",
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggested_corrections",
    )
    field = models.CharField(_("what is wrong"), max_length=100, blank=True)
    suggestion = models.TextField(_("correction"), max_length=5000)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitter_email = models.EmailField(_("your email"), blank=True)
    organisation = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(*REVIEW_SUBJECTS), name="correction_has_one_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.field or 'correction'}: {self.suggestion[:60]}"


class AuditLog(models.Model):
    """Who did what security-relevant thing: sign-ins, role changes, review decisions."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
