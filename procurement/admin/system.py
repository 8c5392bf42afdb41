from django.contrib import admin

from procurement.models import (
    AuditLog,
    ImportRun,
    OcdsRelease,
    RedFlagRecomputation,
    StoredFile,
    TaskHeartbeat,
)
from procurement.redflags.services import retry_recomputations

from .deliveries import DeliveryAdmin
from .scoping import RedactsPrivateRelated, StoredFileAdminScope


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor__username", "object_id"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "source_name",
        "status",
        "releases_seen",
        "releases_imported",
        "releases_failed",
        "created_at",
    ]
    list_filter = ["status", "dry_run"]
    readonly_fields = ["enqueued_at", "progress_at"]


@admin.register(RedFlagRecomputation)
class RedFlagRecomputationAdmin(DeliveryAdmin, admin.ModelAdmin):
    """Read only: written by the write paths that change what a rule reads, done by a worker."""

    list_display = ["pk", "created_at", "done_at", "attempts", "failed_at", "last_error"]
    fields = ["process_ids", "country_years", "created_at", "done_at"]
    readonly_fields = ["process_ids", "country_years", "created_at", "done_at"]
    retry = staticmethod(retry_recomputations)

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(OcdsRelease)
class OcdsReleaseAdmin(admin.ModelAdmin):
    list_display = ["release_id", "ocid", "date"]
    search_fields = ["ocid", "release_id"]
    raw_id_fields = ["process", "import_run"]


@admin.register(StoredFile)
class StoredFileAdmin(StoredFileAdminScope, RedactsPrivateRelated, admin.ModelAdmin):
    """View only: files arrive through the upload service (type and size checked) and have no
    URL of their own (MEDIA_URL is None); they are fetched through the document download."""

    list_display = ["sha256", "mime_type", "size", "created_at"]
    search_fields = ["sha256"]
    fields = readonly_fields = ["sha256", "stored_at", "size", "mime_type", "created_at"]

    @admin.display(description="stored at")
    def stored_at(self, obj: StoredFile) -> str:
        return obj.file.name

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TaskHeartbeat)
class TaskHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run_at", "runs", "hostname"]
