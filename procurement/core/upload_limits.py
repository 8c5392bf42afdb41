"""An upload handler that stops storing a file once it passes UPLOAD_MAX_BYTES.

Without it Django spools the whole body to a temporary file before any form sees its size.
Installed per view (see views.documents), so that other uploads keep their own limits; the
view reads `request.oversized_uploads` to say which file was too large.
"""

from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            oversized = getattr(self.request, "oversized_uploads", {})
            oversized[self.field_name] = self.file_name
            self.request.oversized_uploads = oversized
            raise SkipFile  # the rest of this file is read and dropped, not stored
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file


def limits_uploads(view):
    """A view that receives files: the size-limited handler is installed before the body is
    read (which the CSRF check would do first), then the CSRF check runs as usual."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.upload_handlers.insert(0, SizeLimitedUploadHandler(request))
        return protected(request, *args, **kwargs)

    return wrapped
