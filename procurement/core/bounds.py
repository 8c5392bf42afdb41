"""What an id or a date given in a URL may be. Anything outside is a 400 that names the field,
never a database error: an id past the largest the database stores, a date whose deadline
arithmetic leaves the calendar (year 1, year 9999)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.core.formatting import format_date

MAX_ID = 2**63 - 1  # the largest BigAutoField: PostgreSQL bigint, SQLite INTEGER
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)


class IdField(forms.IntegerField):
    """A record id: a whole number from 1 to MAX_ID."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("error_messages", {"invalid": _("Give an id: a whole number.")})
        super().__init__(**kwargs)


def check_date_range(value: date | None) -> None:
    """Refuse a date before EARLIEST_DATE or after LATEST_DATE."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise forms.ValidationError(
            _("Give a date from %(first)s to %(last)s.")
            % {
                "first": format_date(EARLIEST_DATE, "long"),
                "last": format_date(LATEST_DATE, "long"),
            },
            code="date_out_of_range",
        )


class BoundedDateField(forms.DateField):
    """A date between EARLIEST_DATE and LATEST_DATE."""

    default_validators = [check_date_range]
