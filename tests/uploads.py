"""Files for upload tests: real bytes of each accepted type, and disguised ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120
EML = (
    b"Return-Path: <pristup@mup.gov.rs>\r\n"
    b"Received: from mail.mup.gov.rs by mx.example.org; Tue, 4 Feb 2025 10:00:00 +0100\r\n"
    b"From: Ministry of Interior <pristup@mup.gov.rs>\r\n"
    b"To: share@example.org\r\n"
    b"Subject: =?UTF-8?Q?Re:_Zahtev?=\r\n"
    b"Date: Tue, 4 Feb 2025 10:00:00 +0100\r\n"
    b"Content-Type: text/plain;\r\n charset=utf-8\r\n"
    b"\r\n"
    b"Postovani, u prilogu je odgovor.\r\n"
)


def office(kind: str) -> bytes:
    folder = {"docx": "word", "xlsx": "xl", "pptx": "ppt"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", EXE)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """An uploaded file as a form would receive it (the browser's content type is ignored)."""
    return SimpleUploadedFile(name, content, content_type=content_type)
