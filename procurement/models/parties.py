"""Organisations (authorities, companies, governments, civil society), their names, and users."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .common import DeferredDelivery


class AuthorityType(models.TextChoices):
    """The kinds of public body in the registers of authorities (procurement/authorities)."""

    PARLIAMENT = "parliament", _("parliament")
    PRESIDENT = "president", _("head of state")
    GOVERNMENT_OFFICE = "government_office", _("government or government office")
    MINISTRY = "ministry", _("ministry")
    COURT = "court", _("court or judicial council")
    PROSECUTOR = "prosecutor", _("prosecution office")
    REGULATOR = "regulator", _("independent regulator or oversight body")
    AGENCY = "agency", _("administrative agency")
    STATE_COMPANY = "state_company", _("state-owned company")
    CITY = "city", _("city")
    MUNICIPALITY = "municipality", _("municipality")
    PUBLIC_ENTERPRISE = "public_enterprise", _("local public enterprise")
    OTHER = "other", _("other public body")


class RegisterStatus(models.TextChoices):
    """Whether an organisation is on record for everyone, or only proposed by an editor."""

    CONFIRMED = "confirmed", _("confirmed")
    PROPOSED = "proposed", _("proposed, awaiting review")
    REJECTED = "rejected", _("proposal rejected")


class Organisation(models.Model):
    """A party: public authority, company, government, lender or civil-society organisation."""

    class Kind(models.TextChoices):
        PUBLIC_AUTHORITY = "public_authority", _("public authority")
        STATE_OWNED_COMPANY = "state_owned_company", _("state-owned company")
        COMPANY = "company", _("company")
        GOVERNMENT = "government", _("government")
        CIVIL_SOCIETY = "civil_society", _("civil-society organisation")
        LENDER = "lender", _("lender")

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)
    jurisdiction = models.ForeignKey(
        "procurement.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorities",
        help_text=_("For public bodies: whose FOI law applies (in BiH, the level)."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidiaries",
        help_text=_("The group it belongs to, e.g. Huawei Technologies Serbia → Huawei."),
    )
    website = models.URLField(_("website"), max_length=300, blank=True)
    # Where FOI requests to this authority are e-mailed from the tracker.
    foi_email = models.EmailField(_("FOI e-mail"), blank=True)
    # Set when mail to foi_email bounced: shown wherever the address is offered.
    foi_email_suspect = models.BooleanField(_("FOI e-mail suspect"), default=False)
    foi_email_suspect_reason = models.CharField(
        _("why the FOI e-mail is suspect"), max_length=500, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    # Folded name + aliases (see procurement.core.folding.fold); refreshed on every write path.
    search_key = models.TextField(_("search key"), blank=True, editable=False)
    # Days before a due date that its members get a "due soon" reminder (civil society only).
    reminder_lead_days = models.PositiveSmallIntegerField(
        _("reminder lead (working days)"), default=3
    )
    # The register of public authorities (procurement/authorities): which kind of body it is,
    # where letters go, where these facts were read, and whether a reviewer confirmed it.
    authority_type = models.CharField(
        _("type of authority"), max_length=20, choices=AuthorityType.choices, blank=True
    )
    postal_address = models.CharField(_("postal address"), max_length=500, blank=True)
    grammatical_gender = models.CharField(
        _("grammatical gender of the name"),
        max_length=1,
        choices=[("m", _("masculine")), ("f", _("feminine")), ("n", _("neuter"))],
        blank=True,
        help_text=_(
            "How letters agree with the name (“Ministarstvo … nije postupilo”). Empty: "
            "inferred from the name's first word."
        ),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    register_status = models.CharField(
        _("on record as"),
        max_length=10,
        choices=RegisterStatus.choices,
        default=RegisterStatus.CONFIRMED,
        help_text=_("An authority an editor proposed is public only once a reviewer confirms it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["kind", "country"]),
            # the countries present, one probe each (awards.selectors.countries)
            models.Index(fields=["country", "kind"], name="organisation_country_kind"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="organisation_has_name"),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(models.Model):
    """Another name of an organisation: the other script (Хуавеј), a former or short name."""

    class Script(models.TextChoices):
        LATIN = "latn", _("Latin")
        CYRILLIC = "cyrl", _("Cyrillic")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=300)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="alias_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationIdentifier(models.Model):
    """A registry identifier (OCDS `identifier`: scheme + id), e.g. RS-MB 17162543."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identifiers"
    )
    scheme = models.CharField(
        _("scheme"), max_length=40, help_text=_("org-id.guide scheme, e.g. RS-MB")
    )
    identifier = models.CharField(_("identifier"), max_length=100)
    legal_name = models.CharField(_("legal name"), max_length=300, blank=True)

    class Meta:
        ordering = ["scheme", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "identifier"], name="identifier_unique_in_scheme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme}-{self.identifier}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A person who signs in. Site roles: reviewer (reviews awards and contracts) and staff."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("immediately")
        DIGEST = "digest", _("in a daily digest")
        NONE = "none", _("no e-mails (in-app only)")

    is_reviewer = models.BooleanField(_("reviewer"), default=False)
    notification_delivery = models.CharField(
        _("reminder emails"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    # When the choice above was made: e-mails follow it from then on (notifications made
    # while "no e-mails" was chosen are never e-mailed afterwards).
    notification_delivery_since = models.DateTimeField(null=True, blank=True, editable=False)
    # Secret for the calendar (ICS) feed URL; regenerating it revokes the old URL.
    feed_token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False
    )
    # Pages, e-mails and notifications are in this language; blank: the browser's choice.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )


class Membership(models.Model):
    """A user's place in a civil-society organisation: member, editor or organisation admin."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        EDITOR = "editor", _("editor")
        ADMIN = "admin", _("organisation admin")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class Invitation(DeferredDelivery):
    """An emailed invitation to join an organisation; accepted once through its secret link.
    Its e-mail is deferred work: `sent_at` once it went out, the delivery fields until then."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    # The link's secret is never stored: it is an HMAC of this nonce under SECRET_KEY
    # (procurement.accounts.services.memberships.invitation_token), found again by its SHA-256.
    token_nonce = models.CharField(max_length=64, default=new_feed_token, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
