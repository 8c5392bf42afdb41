"""Which uploads the tracker accepts, decided by their content, never by their name (pure).

PDFs, images, office documents and e-mails saved as .eml. The type comes from the file's
leading bytes (the `filetype` signatures; RFC 822 header syntax for e-mails); a name whose
extension claims another type is refused, so that a PNG renamed .pdf or an executable
renamed .pdf never passes for a PDF.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Bytes read to decide the type: filetype looks at no more than this.
SNIFF_BYTES = 8192

EML_MIME = "message/rfc822"

# mime type → (label, extensions a file of this type may be named with)
ALLOWED: dict[str, tuple[str, tuple[str, ...]]] = {
    "application/pdf": (gettext_lazy("PDF"), ("pdf",)),
    "image/jpeg": (gettext_lazy("JPEG image"), ("jpg", "jpeg")),
    "image/png": (gettext_lazy("PNG image"), ("png",)),
    "image/gif": (gettext_lazy("GIF image"), ("gif",)),
    "image/webp": (gettext_lazy("WebP image"), ("webp",)),
    "image/tiff": (gettext_lazy("TIFF image"), ("tif", "tiff")),
    "application/msword": (gettext_lazy("Word document"), ("doc",)),
    "application/vnd.ms-excel": (gettext_lazy("Excel workbook"), ("xls",)),
    "application/vnd.ms-powerpoint": (gettext_lazy("PowerPoint presentation"), ("ppt",)),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        gettext_lazy("Word document"),
        ("docx",),
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        gettext_lazy("Excel workbook"),
        ("xlsx",),
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        gettext_lazy("PowerPoint presentation"),
        ("pptx",),
    ),
    "application/vnd.oasis.opendocument.text": (gettext_lazy("OpenDocument text"), ("odt",)),
    "application/vnd.oasis.opendocument.spreadsheet": (
        gettext_lazy("OpenDocument spreadsheet"),
        ("ods",),
    ),
    "application/vnd.oasis.opendocument.presentation": (
        gettext_lazy("OpenDocument presentation"),
        ("odp",),
    ),
    "application/rtf": (gettext_lazy("RTF document"), ("rtf",)),
    EML_MIME: (gettext_lazy("e-mail"), ("eml",)),
}

ALLOWED_EXTENSIONS = frozenset(ext for _label, exts in ALLOWED.values() for ext in exts)
# For <input type="file" accept="…">: a hint to the browser; the server decides by content.
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in sorted(ALLOWED_EXTENSIONS))

# A header line: a field name of printable ASCII without a colon or space, then a colon.
_HEADER = re.compile(rb"^[!-9;-~]+:")
# Fields at least one of which every message has besides From (RFC 5322 § 3.6).
_MESSAGE_FIELDS = {b"date", b"subject", b"to", b"message-id", b"received", b"mime-version"}


class UnacceptableFile(ValueError):
    """An upload whose content is not one of the accepted types, or whose name lies about it."""


@dataclass(frozen=True)
class Detected:
    mime_type: str
    label: str
    extension: str


def looks_like_email(head: bytes) -> bool:
    """True when `head` starts with an RFC 822 header block: only header lines (or folded
    continuations) up to the first blank line, with From and one other message field."""
    if b"\x00" in head:
        return False
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]  # an mbox separator line before the headers
    if len(head) >= SNIFF_BYTES:
        lines = lines[:-1]  # the last line may be cut off
    names = set()
    for index, line in enumerate(lines):
        if not line:
            break
        if line[:1] in (b" ", b"\t") and index > 0:
            continue
        if not _HEADER.match(line):
            return False
        names.add(line.split(b":", 1)[0].lower())
    return b"from" in names and bool(names & _MESSAGE_FIELDS)


def detect(head: bytes) -> Detected | None:
    """The accepted type of a file starting with `head`, or None if it is not one."""
    kind = filetype.guess(head)
    if kind is not None:
        mime = kind.mime
    elif looks_like_email(head):
        mime = EML_MIME
    else:
        return None
    if mime not in ALLOWED:
        return None
    label, extensions = ALLOWED[mime]
    return Detected(mime, label, extensions[0])


def check_upload(head: bytes, name: str) -> Detected:
    """The type of an upload named `name` starting with `head`; raises UnacceptableFile when
    the content is not an accepted type or the name's extension claims a different one."""
    detected = detect(head)
    if detected is None:
        described = filetype.guess(head)
        raise UnacceptableFile(
            _(
                "This file is not one we accept (its content is %(what)s). Upload a PDF, an "
                "image, an office document or an e-mail saved as .eml."
            )
            % {"what": described.mime if described else _("not a recognised document")}
        )
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension and extension not in ALLOWED[detected.mime_type][1]:
        raise UnacceptableFile(
            _(
                "The file is named .%(extension)s but its content is of another type "
                "(%(label)s). Rename it or upload the right file."
            )
            % {"extension": extension, "label": detected.label}
        )
    return detected


# Content that runs code when the file is opened: refused whatever the type says.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b")
_ZIP_TYPES = {
    mime
    for mime in ALLOWED
    if mime.startswith("application/vnd.openxmlformats") or "opendocument" in mime
}
_OLE_TYPES = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
_SCAN_CHUNK = 1024 * 1024


def _contains(fileobj, pattern: re.Pattern) -> str:
    """The first match of `pattern` in the file, read in overlapping chunks ("" if none)."""
    fileobj.seek(0)
    tail = b""
    while chunk := fileobj.read(_SCAN_CHUNK):
        match = pattern.search(tail + chunk)
        if match:
            return match.group(0).decode("latin-1")
        tail = chunk[-64:]
    return ""


def refuse_active_content(fileobj, detected: Detected) -> None:
    """Raise UnacceptableFile when the file carries code that runs when it is opened: a PDF
    with JavaScript, a launch action or embedded files; an office document with macros."""
    if detected.mime_type == "application/pdf":
        found = _contains(fileobj, _PDF_ACTIVE)
        if found:
            raise UnacceptableFile(
                _(
                    "This PDF contains active content (%(what)s) that can run code when it is "
                    "opened; it was refused. Ask for a plain PDF or print it to a new PDF."
                )
                % {"what": found}
            )
    elif detected.mime_type in _ZIP_TYPES:
        fileobj.seek(0)
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UnacceptableFile(
                _("This office document is damaged (its archive cannot be read); it was refused.")
            ) from None
        if any(
            name.lower().endswith("vbaproject.bin") or name.startswith("Basic/") for name in names
        ):
            raise UnacceptableFile(
                _("This office document contains macros that can run code; it was refused.")
            )
    elif detected.mime_type in _OLE_TYPES and _contains(fileobj, re.compile(rb"_VBA_PROJECT")):
        raise UnacceptableFile(
            _("This office document contains macros that can run code; it was refused.")
        )


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


def clean_file_name(name: str, detected: Detected) -> str:
    """A name safe to show and to send back in Content-Disposition: no directories, no control
    characters, at most 200 characters, ending in an extension of the detected type."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE_NAME.sub("_", base).strip(" .") or "document"
    stem, dot, suffix = base.rpartition(".")
    if dot and stem and suffix.lower() in ALLOWED[detected.mime_type][1]:
        return f"{stem[:190]}.{suffix.lower()}"
    return f"{base[:190]}.{detected.extension}"
