"""A user's own preferences: the language of their pages, e-mails and notifications, and how
their notifications are e-mailed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
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


def set_delivery(*, user: User, delivery: str, now=None) -> User:
    """How the user's notifications are e-mailed: each at once, in a daily digest, or not at
    all (in-app only). It holds from now on: notifications made while they wanted none are
    not e-mailed when they choose e-mails again (the in-app list still has them)."""
    if delivery not in User.Delivery.values:
        raise ValidationError(
            _("Choose immediately, a daily digest or no e-mails."), code="delivery"
        )
    if user.notification_delivery != delivery:
        user.notification_delivery = delivery
        user.notification_delivery_since = now or timezone.now()
        user.save(update_fields=["notification_delivery", "notification_delivery_since"])
    return user
