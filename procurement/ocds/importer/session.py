"""One pass over one file: read, validate, compile, map, write in batches, report.

Each release is checked against the schema alone; the valid ones are grouped by ocid in
batches, compiled with their stored history (ocdsmerge, local schema), mapped, and written
in one savepoint per batch — or, when the database refuses the batch, one savepoint per
ocid, so that a refused ocid leaves nothing behind while the others are kept. A release id
seen before with other content is refused, unless it is a compiled release: publishers
re-issue those under their id, so the new version replaces the stored one (kept, superseded)
and updates the process; an ocid whose state cannot be mapped with all its new releases
keeps those that can be, in date order.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import ocdsmerge
from django.db import DatabaseError, transaction
from django.utils import timezone

from procurement.models import ImportRun, OcdsRelease
from procurement.ocds.schema import schema

from .data import ProcessData
from .fields import MappingError, to_datetime
from .mapping import map_release
from .reading import Entry, OcdsFile
from .validating import release_problems
from .writing import BatchWriter, Pending

logger = logging.getLogger(__name__)

REPORT_LIMIT = 5000  # entries kept in ImportRun.report; the counts stay exact beyond it


@dataclass
class Options:
    dry_run: bool = False
    strict: bool = False
    default_country: str = ""
    batch_size: int = 500
    red_flags: bool = True  # enqueue the recomputation of the written processes' red flags
    encoding: str = ""  # the file's encoding when it is not UTF-8 (e.g. "latin-1")


@dataclass
class Counts:
    seen: int = 0
    imported: int = 0
    unchanged: int = 0
    failed: int = 0
    report: list[dict] = field(default_factory=list)
    omitted: int = 0
    organisations: dict = field(default_factory=dict)  # created / matched, when written


def _too_long(release: dict) -> list[tuple[str, str]]:
    """Identifiers longer than the tracker stores (the schema sets no limit)."""
    limits = (("ocid", 100), ("id", 200))
    return [
        (key, f"longer than {limit} characters")
        for key, limit in limits
        if len(str(release.get(key))) > limit
    ]


class StrictAbort(Exception):
    """Raised inside the transaction of a strict import to roll the whole file back."""


@dataclass
class _Valid:
    entry: Entry
    release: dict  # JSON-safe
    sha256: str


class Session:
    """Reads `ocds_file` for `run`, writing unless `write` is false."""

    def __init__(
        self,
        run: ImportRun,
        ocds_file: OcdsFile,
        options: Options,
        *,
        write: bool,
        on_batch: Callable[["Session"], None] | None = None,
    ) -> None:
        self.run, self.file, self.options, self.write = run, ocds_file, options, write
        self.counts = Counts()
        self.on_batch = on_batch
        self.writer = BatchWriter(run.pk) if write else None
        self.merger = ocdsmerge.Merger(schema("release-schema.json"))
        self._seen_keys: set[bytes] = set()  # only when nothing is written (dry run)
        self._reissued: set[tuple[str, str]] = set()  # (ocid, release id) of compiled re-issues
        self.started = timezone.now()  # releases this run stored since are this pass's own
        self._batch: list[_Valid] = []

    def problem(
        self,
        location: str,
        message: str,
        path: str = "",
        release: dict | None = None,
        *,
        another: bool = False,
    ) -> None:
        """Report a problem; `another` when the release has been counted as failed already."""
        self.counts.failed += not another
        if len(self.counts.report) >= REPORT_LIMIT:
            self.counts.omitted += 1
            return
        release = release if isinstance(release, dict) else {}
        self.counts.report.append(
            {
                "location": location,
                "path": f"{location}.{path}" if path else location,
                "ocid": str(release.get("ocid") or ""),
                "release_id": str(release.get("id") or ""),
                "message": message,
            }
        )

    def organisations(self) -> dict:
        """How many organisations the pass created, and how many it found already there."""
        if self.writer is None:
            return {}
        return {
            "organisations_new": len(self.writer.created),
            "organisations_matched": len(self.writer.matched),
        }

    def run_pass(self) -> Counts:
        for entry in self.file.entries():
            self.counts.seen += 1
            if entry.problem:
                self.problem(entry.location, entry.problem)
                continue
            problems = release_problems(entry.release) or _too_long(entry.release)
            for number, (path, message) in enumerate(problems):
                self.problem(entry.location, message, path, entry.release, another=number > 0)
            if problems:
                continue
            release = entry.release
            canonical = json.dumps(release, sort_keys=True, separators=(",", ":"))
            self._batch.append(
                _Valid(entry, release, hashlib.sha256(canonical.encode()).hexdigest())
            )
            if len(self._batch) >= self.options.batch_size:
                self.flush()
        self.flush()
        return self.counts

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if batch:
            by_ocid = self._new_releases(batch)
            pending = self._map(by_ocid)
            if self.write and pending:
                self._write(pending)
            elif pending:
                self.counts.imported += sum(len(new) for _, new in pending)  # would be
        if self.on_batch:
            self.on_batch(self)

    def _new_releases(self, batch: list[_Valid]) -> dict[str, list[_Valid]]:
        """Drop releases already stored (unchanged) and report duplicates and conflicts."""
        stored, earlier_versions = {}, set()
        for ocid, release_id, sha, run_id, created, superseded in OcdsRelease.objects.filter(
            ocid__in={v.release["ocid"] for v in batch}
        ).values_list(
            "ocid", "release_id", "sha256", "import_run_id", "created_at", "superseded_at"
        ):
            if superseded:
                earlier_versions.add((ocid, release_id, sha))
            else:
                stored[(ocid, release_id)] = (
                    sha,
                    run_id == self.run.pk and created >= self.started,
                )
        by_ocid: dict[str, list[_Valid]] = {}
        in_batch: dict[tuple[str, str], _Valid] = {}
        for valid in batch:
            key = (valid.release["ocid"], valid.release["id"])
            digest = hashlib.blake2b("\0".join(key).encode(), digest_size=12).digest()
            earlier = in_batch.get(key)
            sha, this_pass = stored.get(key, (None, False))
            if earlier or this_pass or digest in self._seen_keys:
                where = earlier.entry.location if earlier else "earlier in this file"
                self.problem(
                    valid.entry.location,
                    f"duplicate release id {key[1]!r} for ocid {key[0]!r} (also at {where})",
                    "id",
                    valid.release,
                )
            elif sha == valid.sha256 or (*key, valid.sha256) in earlier_versions:
                self.counts.unchanged += 1  # this version, or one the publisher re-issued since
            elif sha is not None and valid.entry.is_compiled:
                # A compiled release re-issued under its id (DNCP, Jalisco's "<ocid>-compiled"):
                # an update of the process; the stored version is kept as history.
                self._reissued.add(key)
                in_batch[key] = valid
                by_ocid.setdefault(key[0], []).append(valid)
            elif sha is not None:
                self.problem(
                    valid.entry.location,
                    "a release with this id was imported before with different content; "
                    "a change needs a new release id",
                    "id",
                    valid.release,
                )
            else:
                in_batch[key] = valid
                by_ocid.setdefault(key[0], []).append(valid)
                if not self.write:
                    self._seen_keys.add(digest)
        return by_ocid

    def _map(self, by_ocid: dict[str, list[_Valid]]) -> list[tuple[Pending, list[_Valid]]]:
        history: dict[str, list[dict]] = {}
        stored = OcdsRelease.objects.filter(ocid__in=list(by_ocid), superseded_at__isnull=True)
        for ocid, release_id, data in stored.values_list("ocid", "release_id", "data"):
            if (ocid, release_id) not in self._reissued:  # the new version replaces it
                history.setdefault(ocid, []).append(data)
        pending = []
        for ocid, new in by_ocid.items():
            data, accepted = self._map_ocid(ocid, history.get(ocid, []), new)
            if data is None:
                continue
            rows = [
                {
                    "ocid": ocid,
                    "release_id": v.release["id"],
                    "date": to_datetime(v.release["date"]),
                    "tags": v.release.get("tag") or [],
                    "data": v.release,
                    "sha256": v.sha256,
                    "links": list(v.entry.links),
                }
                for v in accepted
            ]
            superseded = [
                v.release["id"] for v in accepted if (ocid, v.release["id"]) in self._reissued
            ]
            pending.append((Pending(data, rows, superseded), accepted))
        return pending

    def _mapped(self, releases: list[dict]) -> ProcessData:
        """The ocid's state compiled from `releases` (ocdsmerge, local schema), mapped."""
        compiled = (
            releases[0] if len(releases) == 1 else self.merger.create_compiled_release(releases)
        )
        return map_release(compiled, releases, self.options.default_country)

    def _map_ocid(self, ocid: str, history: list[dict], new: list[_Valid]):
        """The mapped state of the ocid with its new releases, and the releases kept. When
        the state with all of them cannot be mapped, each new release is added in date order
        and only those that make it unmappable are refused, with the error they cause: a
        contract naming an award the file does not hold does not refuse its tender."""
        try:
            return self._mapped(history + [v.release for v in new]), new
        except Exception as error:  # MappingError, or ocdsmerge refusing an incoherent history
            if len(new) == 1:
                self._refuse(ocid, new, error)
                return None, []
        data, accepted = None, []
        for valid in sorted(new, key=lambda v: str(v.release.get("date") or "")):
            try:
                data = self._mapped(history + [v.release for v in accepted] + [valid.release])
            except Exception as error:
                self._refuse(ocid, [valid], error)
                continue
            accepted.append(valid)
        return (data, accepted) if accepted else (None, [])

    def _refuse(self, ocid: str, releases: list[_Valid], error: Exception) -> None:
        if isinstance(error, MappingError):
            message, path = error.message, error.path
        else:
            logger.exception("ocid %s could not be compiled or mapped", ocid)
            message, path = f"cannot be compiled or mapped: {type(error).__name__}: {error}", ""
        for valid in releases:
            self.problem(valid.entry.location, message, path, valid.release)

    def _write(self, pending: list[tuple[Pending, list[_Valid]]]) -> None:
        try:
            with transaction.atomic():
                ids = self.writer.write([p for p, _ in pending])
            self._written(ids, [v for _, new in pending for v in new])
        except DatabaseError:
            if self.options.strict:
                raise
            logger.info("batch refused by the database; writing its ocids one by one")
            for item, new in pending:
                try:
                    with transaction.atomic():
                        ids = self.writer.write([item])
                except DatabaseError as error:
                    for valid in new:
                        self.problem(
                            valid.entry.location,
                            f"refused by the database: {error}".strip(),
                            "",
                            valid.release,
                        )
                else:
                    self._written(ids, new)

    def _written(self, process_ids: list[int], releases: list[_Valid]) -> None:
        self.counts.imported += len(releases)
        if self.options.red_flags and process_ids:
            from procurement.redflags.services import recompute_red_flags_on_commit

            recompute_red_flags_on_commit(process_ids)
