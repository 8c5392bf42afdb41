"""Form fields shared by the subjects' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A bulk decision covers at most this many records (one page of the queue is 50).
BULK_LIMIT = 500


class IdListField(forms.Field):
    """Several record ids from checkboxes of the same name."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            ids = sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise ValidationError(_("Choose records from the list."), code="invalid") from None
        if len(ids) > BULK_LIMIT:
            raise ValidationError(
                _("Choose at most %(limit)d records at a time.") % {"limit": BULK_LIMIT}
            )
        return ids

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(_("Choose at least one record."), code="required")
