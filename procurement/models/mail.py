"""FOI mail: messages the tracker sends to authorities and appeal bodies from a request's own
address, and the messages that come back (replies, bounces, auto-replies)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .common import DeferredDelivery

BODY_MAX = 20000


class OutgoingMessage(DeferredDelivery):
    """An e-mail sent from a request's address (request+<id>.<token>@FOI_MAIL_DOMAIN): the
    request itself, a follow-up, a reminder or a complaint. Deferred work: handed to the mail
    backend by a worker, retried with backoff (`core.enqueue`); `sent_at` once it went out.
    Its Message-ID is chosen when the row is written and kept for every attempt."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("the request")
        FOLLOW_UP = "follow_up", _("follow-up to the authority")
        REMINDER = "reminder", _("reminder to the authority")
        COMPLAINT = "complaint", _("complaint to the appeal body")

    request = models.ForeignKey(
        "procurement.InfoRequest", on_delete=models.CASCADE, related_name="outgoing_messages"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    to_address = models.EmailField(_("to"))
    from_address = models.EmailField(_("from"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    language = models.CharField(_("language"), max_length=10, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    event = models.ForeignKey(
        "procurement.RequestEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            # The sweep of messages still owed, oldest next attempt first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
                name="outgoing_message_owed",
            ),
        ]
        constraints = [
            # A request goes out once; a given-up attempt may be replaced by a new one.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(kind="request", failed_at__isnull=True),
                name="one_request_email_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to_address}"


class IncomingMessage(models.Model):
    """An e-mail received at the FOI mail domain (SMTP/LMTP receiver or IMAP mailbox), stored
    once per Message-ID with its raw bytes. Matched to a request by address or by its
    In-Reply-To/References; unmatched ones wait in the holding pen (request empty) for staff."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("reply")
        BOUNCE = "bounce", _("bounce (not delivered)")
        AUTO_REPLY = "auto_reply", _("automatic reply")

    class Source(models.TextChoices):
        SMTP = "smtp", _("SMTP receiver")
        LMTP = "lmtp", _("LMTP receiver")
        IMAP = "imap", _("IMAP mailbox")

    class MatchedBy(models.TextChoices):
        ADDRESS = "address", _("the request's address")
        HEADERS = "headers", _("In-Reply-To / References")
        STAFF = "staff", _("assigned by staff")

    class Suggestion(models.TextChoices):
        NONE = "", _("no suggestion")
        PENDING = "pending", _("waiting for an editor")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    request = models.ForeignKey(
        "procurement.InfoRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incoming_messages",
    )
    message_id = models.CharField(_("Message-ID"), max_length=500, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REPLY)
    source = models.CharField(_("received by"), max_length=4, choices=Source.choices)
    matched_by = models.CharField(
        _("matched by"), max_length=7, choices=MatchedBy.choices, blank=True
    )
    from_address = models.CharField(_("from"), max_length=320, blank=True)
    from_name = models.CharField(_("sender's name"), max_length=300, blank=True)
    recipients = models.TextField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"))
    in_reply_to = models.TextField(blank=True)
    references = models.TextField(blank=True)
    text = models.TextField(_("text"), blank=True)
    raw = models.ForeignKey(
        "procurement.StoredFile", on_delete=models.PROTECT, related_name="+", editable=False
    )
    event = models.ForeignKey(
        "procurement.RequestEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # One entry per attachment: {"name", "size", "document"} or {"name", "size", "refused"}.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    bounce_for = models.ForeignKey(
        OutgoingMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bounces",
    )
    bounce_detail = models.CharField(_("why it was not delivered"), max_length=500, blank=True)
    # What the tracker reads in a reply: {"status", "facts", "extended_to", "evidence"}.
    suggestion = models.JSONField(_("suggested status"), default=dict, blank=True)
    suggestion_state = models.CharField(
        max_length=10, choices=Suggestion.choices, blank=True, default=Suggestion.NONE
    )
    decided_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mails")
        indexes = [
            models.Index(fields=["request", "received_at"]),
            models.Index(
                fields=["received_at"], condition=Q(request__isnull=True), name="holding_pen"
            ),
        ]

    def __str__(self) -> str:
        return self.subject or self.message_id
