"""A user's own preferences: the language of their pages, e-mails and notifications."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from procurement.models import User


def set_language(*, user: User, language: str) -> User:
    """The user's language for pages, e-mails and notifications; blank: the browser's choice."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the languages offered."), code="language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user
