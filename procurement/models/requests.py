"""Freedom-of-information requests: the request, its timeline of events, its reminders."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .common import DatePrecision, DeferredDelivery


class RequestStatus(models.TextChoices):
    """Where a request stands. Allowed transitions live in procurement.foi.rules.workflow; only the
    workflow service writes this field."""

    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    EXTENDED = "extended", _("extended")
    ANSWERED = "answered", _("answered")
    PARTIALLY_ANSWERED = "partially_answered", _("partially answered")
    REFUSED = "refused", _("refused")
    CLASSIFIED = "classified", _("refused as classified")
    NOT_HELD = "not_held", _("information not held")
    WITHDRAWN = "withdrawn", _("withdrawn")
    APPEALED = "appealed", _("appealed")
    APPEAL_DECIDED = "appeal_decided", _("appeal decided")
    COMPLIED = "complied", _("authority complied")
    CLOSED = "closed", _("closed")


# The authority has not answered yet: the deadline runs. One set for the FOI workflow (its
# AWAITING) and the red flags (R063 counts these as left unanswered).
AWAITING_ANSWER = frozenset(
    {RequestStatus.SENT, RequestStatus.ACKNOWLEDGED, RequestStatus.EXTENDED}
)


class Visibility(models.TextChoices):
    PRIVATE = "private", _("private to its organisation")
    PUBLISHED = "published", _("published")


class InfoRequest(models.Model):
    """A request for information sent by a civil-society organisation to a public authority."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        POST = "post", _("post")
        PORTAL = "portal", _("online portal")
        IN_PERSON = "in_person", _("in person")
        FAX = "fax", _("fax")
        OTHER = "other", _("other")

    class AppealOutcome(models.TextChoices):
        UPHELD = "upheld", _("upheld (requester won)")
        DISMISSED = "dismissed", _("dismissed")
        PARTLY = "partly", _("partly upheld")

    requester_organisation = models.ForeignKey(
        "procurement.Organisation", on_delete=models.PROTECT, related_name="requests_made"
    )
    created_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    authority = models.ForeignKey(
        "procurement.Organisation", on_delete=models.PROTECT, related_name="requests_received"
    )
    jurisdiction = models.ForeignKey(
        "procurement.Jurisdiction", on_delete=models.PROTECT, related_name="+"
    )
    law = models.ForeignKey(
        "procurement.FoiLaw",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text of the request"), max_length=20000)
    awards = models.ManyToManyField("procurement.Award", blank=True, related_name="info_requests")
    processes = models.ManyToManyField(
        "procurement.ProcurementProcess", blank=True, related_name="info_requests"
    )
    agreements = models.ManyToManyField(
        "procurement.Agreement", blank=True, related_name="info_requests"
    )
    contracts = models.ManyToManyField(
        "procurement.Contract", blank=True, related_name="info_requests"
    )
    is_urgent = models.BooleanField(_("urgent (life, liberty, health, environment)"), default=False)

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    reference_number = models.CharField(_("reference number"), max_length=100, blank=True)
    sent_on = models.DateField(_("sent"), null=True, blank=True)
    # Historical requests known only by year: deadlines are not computed for them.
    sent_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    received_on = models.DateField(
        _("received by the authority"),
        null=True,
        blank=True,
        help_text=_("The deadline runs from here."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    # Computed by the deadline service from the law; never edited by hand.
    due_on = models.DateField(_("due"), null=True, blank=True)
    extended_due_on = models.DateField(_("extended due date"), null=True, blank=True)
    appeal_opens_on = models.DateField(_("appeal window opens"), null=True, blank=True)
    appeal_due_on = models.DateField(
        _("appeal window closes"),
        null=True,
        blank=True,
        help_text=_("Empty with an opening date: the law sets no closing date."),
    )
    appeal_decision_due_on = models.DateField(
        _("appeal body's decision due"), null=True, blank=True
    )
    deadline_explanation = models.TextField(_("how the deadline was computed"), blank=True)

    decision_delivered_on = models.DateField(_("decision delivered"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    # Where the law sends an appeal to the deciding body's own second instance (Republika
    # Srpska, the BiH 2000 Act), the decision's instruction on legal remedy names that body:
    # the appeal letter is addressed to it.
    decision_appeal_body = models.CharField(
        _("appeal body named in the decision"), max_length=300, blank=True
    )
    refusal_ground = models.TextField(_("legal ground for refusal"), blank=True)
    classification_level = models.CharField(_("classification level"), max_length=60, blank=True)
    classification_article = models.CharField(_("article cited"), max_length=200, blank=True)
    harm_test_given = models.BooleanField(
        _("harm / public-interest test given"), null=True, blank=True
    )
    appealed_on = models.DateField(_("appeal lodged"), null=True, blank=True)
    appeal_reference = models.CharField(_("appeal reference"), max_length=100, blank=True)
    appeal_decided_on = models.DateField(_("appeal decided"), null=True, blank=True)
    appeal_outcome = models.CharField(
        _("appeal outcome"), max_length=10, choices=AppealOutcome.choices, blank=True
    )

    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    followers = models.ManyToManyField(
        "procurement.User", blank=True, related_name="followed_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("FOI request")
        verbose_name_plural = _("FOI requests")
        indexes = [
            models.Index(fields=["visibility", "status"]),
            models.Index(fields=["requester_organisation", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(sent_on__isnull=False),
                name="request_sent_unless_draft",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{later}__isnull": True})
                    | Q(**{f"{earlier}__isnull": True})
                    | Q(**{f"{later}__gte": F(earlier)}),
                    name=f"request_{later}_not_before_{earlier}",
                )
                for earlier, later in [
                    ("sent_on", "received_on"),
                    ("sent_on", "decision_delivered_on"),
                    ("sent_on", "appealed_on"),
                    ("appealed_on", "appeal_decided_on"),
                ]
            ],
            models.CheckConstraint(
                condition=Q(visibility="private") | Q(published_at__isnull=False),
                name="request_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or f"{self.kind} — {self.user_id}"

    def get_absolute_url(self) -> str:
        return reverse("request-detail", args=[self.pk])


class RequestEvent(models.Model):
    """One entry of a request's timeline; append-only (who, when, from, to, note, documents)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        STATUS = "status", _("status changed")
        NOTE = "note", _("note")
        DOCUMENT = "document", _("document added")
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")
        DEADLINE = "deadline", _("deadline recomputed")
        REMINDER = "reminder", _("reminder sent")
        MAIL_OUT = "mail_out", _("e-mail sent")
        MAIL_IN = "mail_in", _("e-mail received")

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=RequestStatus.choices, blank=True)
    occurred_on = models.DateField(
        _("date"), help_text=_("When it happened, e.g. the date on the answer.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True, max_length=10000)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["request", "occurred_on", "created_at", "id"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}"


class Reminder(DeferredDelivery):
    """A reminder that must go out later, as a row: unique per (request, kind, due date).
    A beat sweep sends due, pending rows; the send service re-checks under a row lock.
    `failed` is a reminder given up after DELIVERY_MAX_ATTEMPTS (its error is on the row)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("deadline approaching")
        OVERDUE = "overdue", _("deadline passed without an answer")
        CLASSIFIED = "classified", _("refused as classified")
        APPEAL_CLOSING = "appeal_closing", _("appeal window closing")
        APPEAL_DECISION_OVERDUE = "appeal_decision_overdue", _("appeal body's decision overdue")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        CANCELLED = "cancelled", _("cancelled")
        FAILED = "failed", _("failed")

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    due_on = models.DateField(_("about the deadline of"))
    send_at = models.DateTimeField(_("send at"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["send_at", "id"]
        indexes = [models.Index(fields=["state", "send_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "due_on"], name="one_reminder_per_deadline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.request_id} ({self.due_on})"


class Notification(DeferredDelivery):
    """A message to one user (in-app, and by email immediately or in a daily digest); the
    delivery fields are about its immediate e-mail."""

    user = models.ForeignKey(
        "procurement.User", on_delete=models.CASCADE, related_name="notifications"
    )
    request = models.ForeignKey(
        InfoRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reminder = models.ForeignKey(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    kind = models.CharField(max_length=24)
    # The facts it is written from (procurement.core.notices renders them in the reader's
    # language); subject and body only hold the English text of rows written before that.
    params = models.JSONField(default=dict, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            # The sweep of e-mails still owed, oldest next attempt first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(emailed_at__isnull=True, failed_at__isnull=True),
                name="notification_email_owed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reminder"],
                condition=Q(reminder__isnull=False),
                name="one_notification_per_reminder",
            )
        ]

    def __str__(self) -> str:
        return self.subject or f"{self.kind} — {self.user_id}"
