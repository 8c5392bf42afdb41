"""FOI mail in the admin, read only: sent messages (with their delivery and "Retry now") and
received ones. Like the requests they belong to, a private request's messages are shown only
to staff who are members of its organisation; held messages (no request) to all staff."""

from django.contrib import admin
from django.db.models import Q

from procurement.admin.deliveries import DeliveryAdmin
from procurement.admin.scoping import RequestChildAdminScope, RequestScopedAdmin
from procurement.core import permissions
from procurement.foi.services.mail_out import retry_messages
from procurement.models import IncomingMessage, OutgoingMessage


class ReadOnly:
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(ReadOnly, DeliveryAdmin, RequestChildAdminScope, admin.ModelAdmin):
    list_display = [
        "request",
        "kind",
        "to_address",
        "created_at",
        "sent_at",
        "attempts",
        "failed_at",
    ]
    list_filter = ["kind"]
    raw_id_fields = ["request", "created_by", "event"]
    retry = staticmethod(retry_messages)


class IncomingScope(RequestScopedAdmin):
    """Held messages, and those of the user's organisations' requests (e-mails are never
    published with a request)."""

    def scope(self, user) -> Q:
        return Q(request__isnull=True) | Q(
            request__requester_organisation_id__in=permissions.organisation_ids(user)
        )


@admin.register(IncomingMessage)
class IncomingMessageAdmin(ReadOnly, IncomingScope, admin.ModelAdmin):
    list_display = ["subject", "from_address", "kind", "request", "matched_by", "received_at"]
    list_filter = ["kind", "source", "matched_by", "suggestion_state"]
    search_fields = ["subject", "from_address", "message_id"]
    raw_id_fields = ["request", "raw", "event", "bounce_for", "decided_by", "assigned_by"]
