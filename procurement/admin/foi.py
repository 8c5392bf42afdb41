from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from procurement.core import notices
from procurement.foi.services.deadlines import recompute_request
from procurement.foi.services.notifications import retry_emails
from procurement.foi.services.reminders import retry_reminders
from procurement.models import (
    DeadlineSuspension,
    FoiLaw,
    HolidayOverride,
    InfoRequest,
    Jurisdiction,
    LetterTemplate,
    Notification,
    Reminder,
    RequestEvent,
)

from .deliveries import DeliveryAdmin
from .redflags import RecomputesRedFlags
from .scoping import (
    NotificationAdminScope,
    RedactsPrivateRelated,
    RequestAdminScope,
    RequestChildAdminScope,
)


class LawInline(admin.StackedInline):
    model = FoiLaw
    extra = 0
    show_change_link = True
    fields = [
        "name",
        "effective_from",
        "effective_to",
        "confidence",
        "response_days",
        "response_day_kind",
    ]


class HolidayOverrideInline(admin.TabularInline):
    model = HolidayOverride
    extra = 0


class SuspensionInline(admin.TabularInline):
    model = DeadlineSuspension
    extra = 0


@admin.register(Jurisdiction)
class JurisdictionAdmin(RedactsPrivateRelated, SimpleHistoryAdmin):
    list_display = ["code", "name", "country", "level", "holiday_country", "holiday_subdivision"]
    list_filter = ["country", "level"]
    search_fields = ["code", "name"]
    inlines = [LawInline, HolidayOverrideInline, SuspensionInline]


class LetterTemplateInline(admin.StackedInline):
    model = LetterTemplate
    extra = 0


@admin.register(FoiLaw)
class FoiLawAdmin(RedactsPrivateRelated, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "effective_from",
        "effective_to",
        "response_days",
        "response_day_kind",
        "appeal_days",
        "confidence",
    ]
    list_filter = ["jurisdiction", "confidence", "classified_outside_law"]
    search_fields = ["name", "short_name", "gazette"]
    inlines = [LetterTemplateInline]


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(SimpleHistoryAdmin):
    list_display = ["jurisdiction", "date", "kind", "name"]
    list_filter = ["jurisdiction", "kind"]
    date_hierarchy = "date"


@admin.register(DeadlineSuspension)
class DeadlineSuspensionAdmin(SimpleHistoryAdmin):
    list_display = ["jurisdiction", "starts_on", "ends_on", "reason"]
    list_filter = ["jurisdiction"]


class EventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    fields = ["occurred_on", "kind", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # events are appended by the workflow service only


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    fields = ["kind", "due_on", "send_at", "state", "sent_at", "attempts", "last_error"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InfoRequest)
class InfoRequestAdmin(
    RecomputesRedFlags, RequestAdminScope, RedactsPrivateRelated, SimpleHistoryAdmin
):
    list_display = [
        "subject",
        "requester_organisation",
        "authority",
        "status",
        "sent_on",
        "due_on",
        "visibility",
    ]
    list_filter = ["status", "visibility", "jurisdiction", "requester_organisation"]
    search_fields = ["subject", "text", "reference_number", "authority__name"]
    autocomplete_fields = [
        "requester_organisation",
        "authority",
        "awards",
        "processes",
        "agreements",
        "contracts",
    ]
    # Status and deadlines are written by the workflow and deadline services only.
    readonly_fields = [
        "status",
        "law",
        "due_on",
        "extended_due_on",
        "appeal_due_on",
        "appeal_decision_due_on",
        "deadline_explanation",
    ]
    inlines = [EventInline, ReminderInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change:  # receipt, urgency or jurisdiction edited here: deadlines follow
            recompute_request(request_id=obj.pk, reason=_("edited in the admin"))


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["law", "kind", "language", "subject"]
    list_filter = ["kind", "language", "law__jurisdiction"]
    search_fields = ["subject", "body"]


@admin.register(RequestEvent)
class RequestEventAdmin(RequestChildAdminScope, admin.ModelAdmin):
    """Read-only: the timeline is appended by the workflow service, never edited."""

    list_display = ["request", "occurred_on", "kind", "from_status", "to_status", "actor"]
    list_filter = ["kind", "to_status"]
    raw_id_fields = ["request", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(DeliveryAdmin, RequestChildAdminScope, admin.ModelAdmin):
    list_display = [
        "request",
        "kind",
        "due_on",
        "send_at",
        "state",
        "sent_at",
        "attempts",
        "last_error",
    ]
    list_filter = ["kind", "state"]
    raw_id_fields = ["request"]
    retry = staticmethod(retry_reminders)


@admin.register(Notification)
class NotificationAdmin(DeliveryAdmin, NotificationAdminScope, admin.ModelAdmin):
    list_display = [
        "user",
        "shown_subject",
        "created_at",
        "read_at",
        "emailed_at",
        "attempts",
        "failed_at",
    ]
    list_filter = ["kind"]
    raw_id_fields = ["user", "request", "reminder"]
    retry = staticmethod(retry_emails)

    @admin.display(description=_("subject"))
    def shown_subject(self, notification: Notification) -> str:
        """Written from its stored facts, in the admin's language."""
        return notices.render(notification).subject
