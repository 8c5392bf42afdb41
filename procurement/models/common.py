"""Field groups and constraint builders shared by the domain models."""

from functools import reduce
from operator import or_

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procurement.core.currencies import CURRENCY_CHOICES, CURRENCY_CODES


class DatePrecision(models.TextChoices):
    """How much of a date a source states: "2009" is stored as 2009-01-01 with YEAR."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class ValueStatus(models.TextChoices):
    DISCLOSED = "disclosed", _("disclosed")
    UNDISCLOSED = "undisclosed", _("undisclosed")


class Confidentiality(models.TextChoices):
    PUBLIC = "public", _("public")
    PARTLY = "partly", _("partly confidential")
    CLASSIFIED = "classified", _("classified")


class ReviewStatus(models.TextChoices):
    """unverified → in review → verified → published, or rejected (issue: contract review)."""

    UNVERIFIED = "unverified", _("unverified")
    IN_REVIEW = "in_review", _("in review")
    VERIFIED = "verified", _("verified")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")


def exactly_one(*fields: str) -> Q:
    """A Q that holds when exactly one of the nullable foreign keys `fields` is set."""
    terms = [
        Q(
            **{f"{field}__isnull": False},
            **{f"{other}__isnull": True for other in fields if other != field},
        )
        for field in fields
    ]
    return reduce(or_, terms)


class Money(models.Model):
    """A value: amount + ISO 4217 currency, or explicitly undisclosed (never 0)."""

    value_status = models.CharField(
        _("value"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.UNDISCLOSED
    )
    # Six decimals: publishers state amounts to the tenth of a cent (MXN 259,658.286); the
    # figure is kept as written, never rounded to two.
    value_amount = models.DecimalField(
        _("amount"),
        max_digits=24,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    value_currency = models.CharField(
        _("currency"), max_length=3, blank=True, choices=CURRENCY_CHOICES
    )
    value_is_approximate = models.BooleanField(
        _("approximate"), default=False, help_text=_("The source gives the value as 'about'.")
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True) | Q(value_amount__gte=0),
                name="%(app_label)s_%(class)s_value_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        value_status=ValueStatus.DISCLOSED,
                        value_amount__isnull=False,
                        value_currency__in=sorted(CURRENCY_CODES),
                    )
                    | Q(
                        value_status=ValueStatus.UNDISCLOSED,
                        value_amount__isnull=True,
                        value_currency="",
                    )
                ),
                name="%(app_label)s_%(class)s_value_disclosed_or_not",
            ),
        ]


class OcdsTimes(models.Model):
    """The timestamps of an imported record as its OCDS source wrote them."""

    # {"date": "2017-01-13T14:49:54.200008+02:00", …} by OCDS field: the instant with the
    # publisher's offset and precision. The date columns hold the calendar date in that offset
    # (what lists, filters and rules read); the export writes a stored timestamp back unchanged
    # as long as its date is still the column's (a reviewer's correction wins).
    ocds_times = models.JSONField(_("timestamps as published"), default=dict, blank=True)

    class Meta:
        abstract = True


class DeferredDelivery(models.Model):
    """Delivery bookkeeping of a row whose work a worker does later (a reminder, an e-mail, an
    invitation, a red-flag recomputation): when it was queued, every attempt with its error,
    when to try again (exponential backoff) and when it was given up."""

    # Set when its task is published: not published again within REMINDER_REDELIVER_MINUTES.
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # An attempt handed over (to SMTP) whose outcome is not recorded yet: while it is recent,
    # nobody else tries; past the grace its worker is taken for dead and it is tried again.
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    failed_at = models.DateTimeField(_("given up at"), null=True, blank=True)
    attempt_log = models.JSONField(_("attempts (time, error)"), default=list, blank=True)

    class Meta:
        abstract = True


class CodeSetField(models.TextField):
    """A small set of codes kept on a row as one space-separated, sorted text ("R018 R069";
    empty for none), so that a filter on it needs no join. One design for both backends:
    `codes__overlaps=[…]` is `string_to_array(col, ' ') && ARRAY[…]` on PostgreSQL, served by
    a GIN index on that expression (see the migration that adds the column), and a LIKE per
    code on SQLite, the small embedded default."""

    @staticmethod
    def join(codes) -> str:
        return " ".join(sorted(set(codes)))

    @staticmethod
    def split(value: str) -> list[str]:
        return value.split() if value else []


@CodeSetField.register_lookup
class CodesOverlap(models.Lookup):
    """Any of the codes in the list is in the set."""

    lookup_name = "overlaps"
    prepare_rhs = False  # a list of codes, not one text value

    def _codes(self) -> list[str]:
        return [str(code) for code in self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"string_to_array({lhs}, ' ') && %s::text[]", [*params, self._codes()]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        codes = self._codes()
        if not codes:
            return "1 = 0", []
        like = " OR ".join(f"(' ' || {lhs} || ' ') LIKE %s" for _code in codes)
        return f"({like})", [param for code in codes for param in (*params, f"% {code} %")]
