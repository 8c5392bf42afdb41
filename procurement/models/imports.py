"""OCDS imports: each run with its report, and every imported release kept as history."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class ImportRun(models.Model):
    """One import of OCDS files (command or upload), with progress and a per-release report."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        PARTIAL = "partial", _("finished with errors")
        FAILED = "failed", _("failed")

    source_name = models.CharField(max_length=300)
    stored_file = models.ForeignKey(
        "procurement.StoredFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    dry_run = models.BooleanField(default=False)
    strict = models.BooleanField(default=False)
    # Country of the processes whose buyer's country the releases do not tell.
    default_country = CountryField(blank=True)
    # The file's character encoding when it is not UTF-8 (e.g. "latin-1"); blank: UTF-8.
    encoding = models.CharField(max_length=40, blank=True)
    bytes_total = models.PositiveBigIntegerField(null=True, blank=True)
    bytes_done = models.PositiveBigIntegerField(default=0)
    releases_seen = models.PositiveIntegerField(default=0)
    releases_imported = models.PositiveIntegerField(default=0)
    releases_unchanged = models.PositiveIntegerField(default=0)
    releases_failed = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list, blank=True)
    # What the run wrote, for its review: organisations created and matched (counts).
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Deferred work: when its task was published (a pending run is published again after
    # REMINDER_REDELIVER_MINUTES), and the last sign of life of a running one (a run silent
    # for IMPORT_STALL_MINUTES died with its worker and is marked failed by the sweep).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.get_status_display()})"


class OcdsRelease(models.Model):
    """An OCDS release as received; the history from which records are compiled."""

    ocid = models.CharField(max_length=100, db_index=True)
    release_id = models.CharField(max_length=200)
    date = models.DateTimeField()
    tags = models.JSONField(default=list)
    data = models.JSONField()
    sha256 = models.CharField(max_length=64)
    process = models.ForeignKey(
        "procurement.ProcurementProcess",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="releases",
    )
    import_run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="releases"
    )
    # The releases the source's record listed as links ({url, date, tag}) when this is the
    # record's compiled release: the publisher's releases, listed again by the export.
    links = models.JSONField(default=list, blank=True)
    # A compiled release the publisher re-issued under the same id with new content: the
    # newer version replaced it (kept as history, never compiled or exported again).
    superseded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ocid", "date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ocid", "release_id"],
                condition=models.Q(superseded_at__isnull=True),
                name="current_release_once_per_ocid",
            )
        ]

    def __str__(self) -> str:
        return self.release_id
