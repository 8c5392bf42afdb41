"""Reading OCDS files as a stream of releases, never the whole file in memory.

Accepted: release packages (`releases[]`), record packages (`records[]`: their embedded
releases, or the `compiledRelease` when the releases are only linked), a top-level array of
releases, concatenated JSON values, and line-delimited JSON (`.jsonl`/`.ndjson`, one release
or package per line) — each plain or gzip-compressed (detected from the content).

Packages are parsed with ijson (its C backend), so memory holds one release at a time;
numbers are read as floats in both paths, so a release hashes the same however packaged. A
syntax error or a truncated file ends the stream with an entry naming where it stopped;
in line-delimited files a bad line is reported and the next lines are still read.
"""

import codecs
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import ijson

LINE_SUFFIXES = (".jsonl", ".ndjson")
# What a broken file raises while it is read: syntax, truncation, bad gzip, bad encoding.
READ_ERRORS = (ijson.JSONError, EOFError, gzip.BadGzipFile, zlib.error, UnicodeDecodeError)


@dataclass(frozen=True)
class Entry:
    """One release as found in the file, or the reason it could not be read."""

    location: str  # where it sits: "releases[3]", "records[0].releases[1]", "line 7"
    release: dict | None = None
    problem: str = ""
    # A record's compiled release: the releases its record lists as links ({url, date, tag}).
    links: tuple = ()
    compiled: bool = False

    @property
    def is_compiled(self) -> bool:
        """A compiled release (a record's, or tagged "compiled"): its publisher re-issues it
        under the same id when the process changes."""
        return self.compiled or "compiled" in ((self.release or {}).get("tag") or [])


class _Wrapping(io.RawIOBase):
    """A readable binary stream over another, which it closes with itself."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self.raw = raw

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()
        super().close()


class CountingReader(_Wrapping):
    """A binary file that counts the (compressed) bytes read, for progress displays."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__(raw)
        self.bytes_read = 0

    def readinto(self, buffer) -> int:
        count = self.raw.readinto(buffer) or 0
        self.bytes_read += count
        return count


class TranscodingReader(_Wrapping):
    """The bytes of a stream in another encoding (e.g. latin-1), as UTF-8."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        super().__init__(raw)
        self.decoder = codecs.getincrementaldecoder(encoding)()
        self.pending = b""

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.raw.read(1 << 16)
            text = self.decoder.decode(chunk or b"", final=not chunk)
            self.pending = text.encode("utf-8")
            if not chunk:
                break
        count = min(len(buffer), len(self.pending))
        buffer[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count


def encoding_problem(stream: BinaryIO) -> str | None:
    """Where a stream stops being UTF-8, and what it looks like instead: "not UTF-8: looks
    like ISO-8859-1 at byte 176 (import it with --encoding latin-1)"; None when it is UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    while chunk := stream.read(1 << 16):
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError as error:
            position = offset + error.start - len(decoder.getstate()[0])
            bad = error.object[error.start : error.start + 1]
            name, codec = (
                ("Windows-1252", "cp1252")
                if b"\x80" <= bad <= b"\x9f"
                else ("ISO-8859-1", "latin-1")
            )
            return (
                f"not UTF-8: looks like {name} at byte {position} "
                f"(import it with --encoding {codec})"
            )
        offset += len(chunk)
    return None


class OcdsFile:
    """An OCDS file on disk; `entries()` streams its releases, `bytes_read` tracks progress.
    `encoding` names the file's encoding when it is not UTF-8 (JSON's default)."""

    def __init__(self, path: Path | str, encoding: str = "") -> None:
        self.path = Path(path)
        self.size = self.path.stat().st_size
        self.encoding = encoding
        if encoding:
            codecs.lookup(encoding)  # LookupError for an unknown encoding, before reading
        self._reader: CountingReader | None = None

    @property
    def bytes_read(self) -> int:
        return self._reader.bytes_read if self._reader else 0

    def _open(self) -> BinaryIO:
        """The decompressed byte stream; counts the bytes taken from disk."""
        self._reader = CountingReader(self.path.open("rb"))
        buffered = io.BufferedReader(self._reader, buffer_size=1 << 16)
        compressed = buffered.peek(2)[:2] == b"\x1f\x8b"
        stream = gzip.GzipFile(fileobj=buffered) if compressed else buffered
        if self.encoding and codecs.lookup(self.encoding).name != "utf-8":
            return io.BufferedReader(TranscodingReader(stream, self.encoding), 1 << 16)
        return stream

    def _problem(self, error: Exception) -> str:
        """What stopped the reading, in words; a file that is not UTF-8 says so, and where."""
        text = str(error)
        if isinstance(error, UnicodeDecodeError) or "utf8" in text.lower().replace("-", ""):
            reader = self._reader
            stream = self._open()
            try:
                found = encoding_problem(stream)
            finally:
                stream.close()
                self._reader = reader
            if found:
                return found
        return _describe(error, self.bytes_read)

    def is_line_delimited(self) -> bool:
        suffixes = [s.lower() for s in self.path.suffixes]
        return any(s in LINE_SUFFIXES for s in suffixes)

    def entries(self) -> Iterator[Entry]:
        """Every release of the file in order, each with its location."""
        if self.is_line_delimited():
            yield from self._lines()
            return
        try:
            shape = self._shape()
        except READ_ERRORS as error:
            yield Entry("$", problem=self._problem(error))
            return
        if shape is None:
            yield Entry("$", problem="empty file: no JSON value")
        elif shape == "array":
            yield from self._items("item", "[{}]", _releases_of_item)
        elif shape == "values":
            yield from self._items("", "value {}", _releases_of_value, multiple=True)
        else:  # "releases" or "records"
            expand = _releases_of_item if shape == "releases" else _releases_of_record
            yield from self._items(f"{shape}.item", shape + "[{}]", expand)

    def _shape(self) -> str | None:
        """How the file is packaged, from its first tokens: a package key, an array, values."""
        stream = self._open()
        try:
            for prefix, event, value in ijson.parse(stream, multiple_values=True):
                if prefix == "" and event == "start_array":
                    return "array"
                if prefix == "" and event == "map_key" and value in ("releases", "records"):
                    return value
                if prefix == "" and event == "end_map":
                    return "values"  # an object without releases/records: a release
            return None
        finally:
            stream.close()

    def _items(self, prefix: str, where: str, expand, multiple: bool = False) -> Iterator[Entry]:
        stream = self._open()
        position = 0  # the item being read: where a syntax error or truncation is reported
        try:
            # Floats, as json.loads gives for line-delimited files: one canonical form per
            # release whatever the packaging (amounts become Decimal in the mapping).
            for item in ijson.items(stream, prefix, multiple_values=multiple, use_float=True):
                yield from expand(item, where.format(position))
                position += 1
        except READ_ERRORS as error:
            yield Entry(where.format(position), problem=self._problem(error))
        finally:
            stream.close()

    def _lines(self) -> Iterator[Entry]:
        stream = self._open()
        number = 0
        try:
            for line in stream:
                number += 1
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except UnicodeDecodeError:
                    problem = encoding_problem(io.BytesIO(line)) or "not UTF-8"
                    yield Entry(f"line {number}", problem=problem)
                    continue
                except ValueError as error:
                    yield Entry(f"line {number}", problem=f"malformed JSON: {error}")
                    continue
                yield from _releases_of_value(value, f"line {number}")
        except READ_ERRORS as error:
            yield Entry(f"line {number + 1}", problem=_describe(error, self.bytes_read))
        finally:
            stream.close()


def _describe(error: Exception, position: int) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, ijson.IncompleteJSONError) and (
        "incomplete" in text.lower() or "premature eof" in text.lower()
    ):
        return f"truncated file: the JSON ends before this value is complete ({text})"
    if isinstance(error, EOFError | zlib.error | gzip.BadGzipFile):
        return f"truncated or corrupt gzip file ({text})"
    return f"malformed JSON (about byte {position}): {text}"


def _releases_of_item(item: object, location: str) -> Iterator[Entry]:
    if isinstance(item, dict):
        yield Entry(location, release=item)
    else:
        yield Entry(location, problem=f"expected a release object, found {_kind(item)}")


def _releases_of_record(record: object, location: str) -> Iterator[Entry]:
    """A record's embedded releases; when they are only linked, its compiled release."""
    if not isinstance(record, dict):
        yield Entry(location, problem=f"expected a record object, found {_kind(record)}")
        return
    releases = record.get("releases") or []
    embedded = [r for r in releases if isinstance(r, dict) and "id" in r and "ocid" in r]
    if embedded:
        for index, release in enumerate(releases):
            yield from _releases_of_item(release, f"{location}.releases[{index}]")
    elif isinstance(record.get("compiledRelease"), dict):
        links = tuple(
            {key: link[key] for key in ("url", "date", "tag") if key in link}
            for link in releases
            if isinstance(link, dict) and link.get("url")
        )
        yield Entry(
            f"{location}.compiledRelease",
            release=record["compiledRelease"],
            links=links,
            compiled=True,
        )
    else:
        yield Entry(
            location,
            problem="the record has neither embedded releases nor a compiledRelease",
        )


def _releases_of_value(value: object, location: str) -> Iterator[Entry]:
    """A top-level value: a release, or a whole (small) release or record package."""
    if isinstance(value, dict) and isinstance(value.get("releases"), list):
        for index, release in enumerate(value["releases"]):
            yield from _releases_of_item(release, f"{location}.releases[{index}]")
    elif isinstance(value, dict) and isinstance(value.get("records"), list):
        for index, record in enumerate(value["records"]):
            yield from _releases_of_record(record, f"{location}.records[{index}]")
    else:
        yield from _releases_of_item(value, location)


def _kind(value: object) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
