"""Documents as a given user may fetch them (the rule itself is in procurement.core.permissions)."""

from procurement.core import permissions
from procurement.models import Document


def document_for_download(user, pk: int) -> Document:
    """A stored document this user may read; Document.DoesNotExist otherwise, so that a
    document outside the user's reach looks exactly like one that does not exist."""
    document = (
        Document.objects.select_related(
            "stored_file",
            "request",
            "process",
            "award",
            "contract",
            "amendment__contract",
        )
        .filter(pk=pk, stored_file__isnull=False)
        .first()
    )
    if document is None or not permissions.can_read_document(user, document):
        raise Document.DoesNotExist
    return document
