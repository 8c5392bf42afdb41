"""Uploads are typed by their content; a name that lies about the type is refused (no DB)."""

import pytest

from procurement.documents.file_types import (
    EML_MIME,
    UnacceptableFile,
    check_upload,
    clean_file_name,
    detect,
    looks_like_email,
)
from tests.uploads import EML, EXE, GIF, JPEG, PDF, PNG, office, plain_zip

ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 120


@pytest.mark.parametrize(
    ("content", "name", "mime"),
    [
        (PDF, "answer.pdf", "application/pdf"),
        (PDF, "ANSWER.PDF", "application/pdf"),
        (PNG, "scan.png", "image/png"),
        (JPEG, "photo.jpeg", "image/jpeg"),
        (JPEG, "photo.jpg", "image/jpeg"),
        (GIF, "chart.gif", "image/gif"),
        (
            office("docx"),
            "decision.docx",
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ),
        (
            office("xlsx"),
            "budget.xlsx",
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ),
        (EML, "reply.eml", EML_MIME),
        (b"From MAILER-DAEMON Tue Feb  4 10:00:00 2025\n" + EML, "reply.eml", EML_MIME),
        (PDF, "no-extension", "application/pdf"),
        (PDF, "Одговор МУП.pdf", "application/pdf"),
    ],
)
def test_accepted_by_content(content, name, mime):
    assert check_upload(content, name).mime_type == mime


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "answer.pdf", "not one we accept"),  # an executable disguised as a PDF
        (ELF, "answer.pdf", "not one we accept"),
        (EXE, "setup.exe", "not one we accept"),
        (PNG, "answer.pdf", "named .pdf but its content is of another type \\(PNG image\\)"),
        (PDF, "answer.docx", "named .docx but .* \\(PDF\\)"),
        (EML, "reply.pdf", "named .pdf but .* \\(e-mail\\)"),
        (plain_zip(), "decision.docx", "not one we accept"),
        (b"<html><script>alert(1)</script></html>", "reply.eml", "not one we accept"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "not one we accept"),
        (b"just some text\nwith lines\n", "notes.txt", "not one we accept"),
        (b"", "empty.pdf", "not one we accept"),
    ],
)
def test_refused(content, name, message):
    with pytest.raises(UnacceptableFile, match=message):
        check_upload(content, name)


def test_email_detection_needs_a_header_block():
    assert looks_like_email(EML)
    assert not looks_like_email(b"From: someone\r\n\r\nno other field")
    assert not looks_like_email(b"Subject: hi\r\nDate: today\r\n\r\nno sender")
    assert not looks_like_email(b"From: a@b\r\nDate: x\r\n\x00binary")
    assert not looks_like_email(b"Hello: there\nthis is not a header line\nFrom: x\nDate: y\n")
    assert detect(b"From: a@example.org\nTo: b@example.org\n\nbody").mime_type == EML_MIME


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("answer.pdf", PDF, "answer.pdf"),
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("C:\\Users\\me\\Одговор.PDF", PDF, "Одговор.pdf"),
        ("scan", PNG, "scan.png"),
        ("line\r\nbreak.pdf", PDF, "line_break.pdf"),
        ("...", PDF, "document.pdf"),
        ("x" * 300 + ".pdf", PDF, "x" * 190 + ".pdf"),
    ],
)
def test_clean_file_name(name, content, expected):
    assert clean_file_name(name, detect(content)) == expected
