"""What the admin shows of deferred work: each row's attempts, last error and whether it was
given up, a filter by delivery state, and a "Retry now" action (through the services)."""

from collections.abc import Callable

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DELIVERY_FIELDS = [
    "enqueued_at",
    "attempts",
    "last_attempt_at",
    "last_error",
    "next_attempt_at",
    "failed_at",
    "attempt_log",
]


class DeliveryStateFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("failed", _("given up (failed)")), ("retrying", _("failed, will retry"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(failed_at__isnull=False)
        if self.value() == "retrying":
            return queryset.filter(failed_at__isnull=True).exclude(last_error="")
        return queryset


def retry_now_action(retry: Callable[[QuerySet], int]):
    """An admin action that hands the selected given-up rows to `retry` (a service)."""

    @admin.action(description=_("Retry now (rows given up after their attempts)"))
    def retry_now(modeladmin, request, queryset) -> None:
        count = retry(queryset)
        modeladmin.message_user(
            request,
            ngettext(
                "%(n)d row will be tried again now.", "%(n)d rows will be tried again now.", count
            )
            % {"n": count},
            messages.SUCCESS,
        )

    return retry_now


class DeliveryAdmin:
    """Mixin: delivery columns, the filter, read-only delivery fields and "Retry now"."""

    retry: Callable[[QuerySet], int]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *DELIVERY_FIELDS]

    def get_list_filter(self, request):
        return [DeliveryStateFilter, *super().get_list_filter(request)]

    def get_actions(self, request):
        actions = super().get_actions(request)
        action = retry_now_action(type(self).retry)
        actions["retry_now"] = (action, "retry_now", action.short_description)
        return actions
