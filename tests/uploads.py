"""Files for upload tests: real bytes of each accepted type, and disguised ones."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.test_file_types import EML, EXE, PDF, PNG, office

__all__ = ["EML", "EXE", "PDF", "PNG", "office", "upload"]


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    """An uploaded file as a form would receive it (the browser's content type is ignored)."""
    return SimpleUploadedFile(name, content, content_type=content_type)
