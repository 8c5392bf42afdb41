"""A user's own account: the secret calendar-feed address."""

from django.db import transaction

from procurement.core.audit import record_audit
from procurement.models import User
from procurement.models.parties import new_feed_token


@transaction.atomic
def regenerate_feed_token(*, user: User) -> str:
    """A new secret for the user's calendar feed; the old address stops working at once."""
    user.feed_token = new_feed_token()
    user.save(update_fields=["feed_token"])
    record_audit("calendar.feed_token_regenerated", actor=user, subject=user)
    return user.feed_token
