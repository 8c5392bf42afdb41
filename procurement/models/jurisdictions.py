"""Jurisdictions and their freedom-of-information laws, kept as versioned, sourced data."""

import re

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class Confidence(models.TextChoices):
    """H = statute or oversight body's own page; M = one good secondary source; L = verify."""

    HIGH = "H", _("high: statute text or the oversight body's own page")
    MEDIUM = "M", _("medium: a good secondary source")
    LOW = "L", _("low: verify before relying on it")


class Jurisdiction(models.Model):
    """A place whose FOI law applies: a country, or in Bosnia and Herzegovina one of its levels."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        STATE = "state", _("state (BiH institutions)")
        ENTITY = "entity", _("entity")
        DISTRICT = "district", _("district")

    code = models.CharField(
        _("code"), max_length=10, unique=True, help_text=_("RS, BA, BA-BIH, BA-SRP, BA-BRC, ME…")
    )
    name = models.CharField(_("name"), max_length=120)
    country = CountryField(_("country"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="levels"
    )
    # Holiday calendar for the `holidays` package. Beware: in BA the subdivision alias "RS"
    # means Republika Srpska; store the canonical code (SRP), never the alias.
    holiday_country = models.CharField(_("holiday calendar country"), max_length=2)
    holiday_subdivision = models.CharField(_("holiday subdivision"), max_length=10, blank=True)
    holiday_categories = models.JSONField(
        _("holiday categories"), default=list, blank=True, help_text=_('e.g. ["public"]')
    )
    religious_holidays_closed = models.BooleanField(
        _("religious holidays close the authorities"),
        default=True,
        help_text=_(
            "Off: Catholic, Orthodox and Islamic feasts of the holiday calendar count as working "
            "days (in Bosnia and Herzegovina they are days off for believers, not closed days "
            "for authorities)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return f"{self.local_name} ({self.code})"

    @property
    def local_name(self) -> str:
        """The name in the reader's language when the catalogue has it (the seeded names are
        marked for translation); an admin's own wording is shown as written."""
        return gettext(self.name)


class FoiLaw(models.Model):
    """One version of a jurisdiction's FOI law: periods, extension, appeal route, secrecy rule."""

    class ExtensionBasis(models.TextChoices):
        ADDED = "added", _("added to the original due date")
        FROM_RECEIPT = "from_receipt", _("counted from receipt (a longer total period)")

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="laws")
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    gazette = models.CharField(_("official gazette"), max_length=200, blank=True)
    effective_from = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_("Empty: in force before any date tracked."),
    )
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    confidence = models.CharField(_("confidence"), max_length=1, choices=Confidence.choices)
    confidence_note = models.TextField(_("what is uncertain"), blank=True)

    response_days = models.PositiveSmallIntegerField(
        _("response period"), null=True, blank=True, help_text=_("Empty: not known yet.")
    )
    response_day_kind = models.CharField(
        _("counted in"), max_length=10, choices=DayKind.choices, default=DayKind.CALENDAR
    )
    roll_forward = models.BooleanField(
        _("roll forward"),
        default=True,
        help_text=_("A calendar period ending on a non-working day ends on the next working day."),
    )
    urgent_hours = models.PositiveSmallIntegerField(
        _("urgent period (hours)"), null=True, blank=True
    )
    forwarded_response_days = models.PositiveSmallIntegerField(
        _("period when forwarded to another authority"), null=True, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(_("extension"), null=True, blank=True)
    extension_day_kind = models.CharField(
        _("extension counted in"), max_length=10, choices=DayKind.choices, default=DayKind.CALENDAR
    )
    extension_basis = models.CharField(
        _("extension basis"),
        max_length=12,
        choices=ExtensionBasis.choices,
        default=ExtensionBasis.ADDED,
    )
    extension_condition = models.CharField(_("condition for extending"), max_length=300, blank=True)
    extension_notice_days = models.PositiveSmallIntegerField(
        _("extension must be announced within (days of receipt)"),
        null=True,
        blank=True,
        help_text=_("Empty: within the response period. A later notice does not extend."),
    )
    silence_is_refusal = models.BooleanField(_("silence counts as refusal"), default=True)
    provisional = models.BooleanField(
        _("periods provisional"),
        default=False,
        help_text=_(
            "The periods are the previous law's, used until this law's own are confirmed "
            "from its text; every date computed with them is labelled provisional."
        ),
    )
    citations = models.JSONField(
        _("articles and confidence per rule"),
        default=dict,
        blank=True,
        help_text=_(
            "Per rule (response, urgent, extension, appeal, silence_appeal, appeal_decision, "
            'counting): {"article": "Art. 16(1)", "confidence": "H"}.'
        ),
    )

    appeal_body = models.CharField(_("appeal body"), max_length=300, blank=True)
    appeal_body_organisation = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    appeal_days = models.PositiveSmallIntegerField(_("appeal window"), null=True, blank=True)
    appeal_day_kind = models.CharField(
        _("appeal window counted in"),
        max_length=10,
        choices=DayKind.choices,
        default=DayKind.CALENDAR,
    )
    silence_appeal_closes = models.BooleanField(
        _("a complaint about silence has a closing date"),
        default=True,
        help_text=_(
            "Off: after the response period passes, one may complain with no time limit "
            "(no source gives one); the appeal window then applies only to decisions."
        ),
    )
    court_only_bodies = models.JSONField(
        _("bodies reviewed only by a court"),
        default=list,
        blank=True,
        help_text=_(
            "Names of authorities against which no complaint lies with the appeal body, only "
            "an action in court (Serbia, Art. 22(2): National Assembly, President, Government, "
            "Supreme Court, Constitutional Court, Republic Public Prosecutor)."
        ),
    )
    court_route = models.CharField(
        _("the route against those bodies"),
        max_length=300,
        blank=True,
        help_text=_("e.g. an action at the Administrative Court (Art. 22(2))."),
    )
    appeal_note = models.TextField(_("appeal route notes"), blank=True)
    appeal_decision_days = models.PositiveSmallIntegerField(
        _("appeal body's decision period"), null=True, blank=True
    )
    appeal_decision_day_kind = models.CharField(
        _("decision period counted in"),
        max_length=10,
        choices=DayKind.choices,
        default=DayKind.CALENDAR,
    )

    classified_outside_law = models.BooleanField(
        _("classified information outside the law"),
        default=False,
        help_text=_("Montenegro since 2017: no harm test, no review by the appeal body."),
    )
    harm_test_required = models.BooleanField(
        _("harm / public-interest test required"), default=True
    )
    classified_note = models.TextField(_("what the law says on secrecy"), blank=True)
    classified_advice = models.TextField(_("what to do after a classified refusal"), blank=True)
    classification_levels = models.JSONField(_("classification levels"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__code", "effective_from"]
        verbose_name = _("FOI law")
        verbose_name_plural = _("FOI laws")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=F("effective_from")),
                name="foilaw_effective_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction.code}: {self.short_name or self.name}"

    @property
    def gazette_year(self) -> str:
        """The law's year, from the end of its gazette reference ("160/2025" → "2025")."""
        year = re.search(r"(\d{4})\D*$", self.gazette or "")
        return year.group(1) if year else ""

    @property
    def provisional_label(self) -> str:
        """'provisional: the 2025 law's period is not confirmed' (the year from the gazette)."""
        if not self.provisional:
            return ""
        if year := self.gazette_year:
            return gettext("provisional: the %(year)s law's period is not confirmed") % {
                "year": year
            }
        return gettext("provisional: this law's period is not confirmed")


class LetterTemplate(models.Model):
    """A letter a requester can send under a law: a reminder or a complaint to the appeal body."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("reminder to the authority")
        COMPLAINT_SILENCE = "complaint_silence", _("complaint: no answer")
        COMPLAINT_REFUSAL = "complaint_refusal", _("complaint: refusal")
        COMPLAINT_CLASSIFIED = "complaint_classified", _("complaint: refused as classified")

    law = models.ForeignKey(FoiLaw, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)

    class Route(models.TextChoices):
        APPEAL = "appeal", _("to the appeal body")
        OBJECTION = "objection", _("objection to the head of the body (first step)")
        OMBUDSMAN = "ombudsman", _("to the Ombudsman (after the objection)")
        COURT = "court", _("action in court")

    route = models.CharField(
        _("route"),
        max_length=10,
        choices=Route.choices,
        default=Route.APPEAL,
        help_text=_(
            "Where the letter goes: the appeal body; in Serbia an action at the Administrative "
            "Court against the six top bodies; in the Federation of BiH an objection, then the "
            "Ombudsman."
        ),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(
        _("body"), help_text=_("Django template syntax; the request is available as {{ request }}.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["law", "kind", "route", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["law", "kind", "route", "language"],
                name="one_letter_per_kind_route_language",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.law} — {self.get_kind_display()}, {self.get_route_display()} ({self.language})"
        )


class HolidayOverride(models.Model):
    """An admin's correction to the holiday calendar: a confirmed Eid date, a one-off day off."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("non-working day (add)")
        OPEN = "open", _("working day (remove a package holiday)")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="holiday_overrides"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices, default=Kind.CLOSED)
    name = models.CharField(_("name"), max_length=200)
    note = models.TextField(_("note / source"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction", "date"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "date"], name="one_override_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction.code} {self.date}: {self.name}"


class DeadlineSuspension(models.Model):
    """A period in which statutory deadlines do not run (e.g. Serbia's 2020 state of emergency)."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="suspensions"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))
    reason = models.CharField(_("reason"), max_length=300)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="suspension_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction.code} {self.starts_on}–{self.ends_on}: {self.reason}"
