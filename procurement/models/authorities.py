"""An editor's proposal of a public authority missing from the register, and its review."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AuthorityProposal(models.Model):
    """A missing authority an editor proposed from the request form: usable at once by the
    proposing organisation, public only once a reviewer confirms it (or merges it into the
    authority already on record, its requests following)."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting review")
        CONFIRMED = "confirmed", _("confirmed")
        MERGED = "merged", _("merged into an authority on record")
        REJECTED = "rejected", _("rejected")

    # The provisional authority; empty once merged (it is deleted, its requests moved).
    organisation = models.OneToOneField(
        "procurement.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    name = models.CharField(_("name as proposed"), max_length=300)
    foi_email = models.EmailField(_("FOI e-mail"), blank=True)
    jurisdiction = models.ForeignKey(
        "procurement.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    source_url = models.URLField(_("source"), max_length=500)
    proposed_by_organisation = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.PROTECT,
        related_name="authority_proposals",
    )
    proposed_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    merged_into = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("authority proposal")
        verbose_name_plural = _("authority proposals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(reason=""),
                name="authority_proposal_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(state="pending", decided_at__isnull=True)
                | (~Q(state="pending") & Q(decided_at__isnull=False)),
                name="authority_proposal_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.name
