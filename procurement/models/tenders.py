"""Procurement processes (OCDS-shaped), awards, contracts and contract amendments."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .common import CodeSetField, Confidentiality, DatePrecision, Money, OcdsTimes, ReviewStatus


class Sector(models.TextChoices):
    TELECOM = "telecom", _("telecommunications")
    SURVEILLANCE = "surveillance", _("surveillance / Safe City")
    SMART_CITY = "smart_city", _("Smart City")
    DATA_CENTRE = "data_centre", _("data centre / cloud")
    TRANSPORT = "transport", _("transport")
    ENERGY = "energy", _("energy")
    WATER = "water", _("water and wastewater")
    OTHER = "other", _("other")


class Method(models.TextChoices):
    """OCDS tender.procurementMethod (a closed codelist); blank when there was no procurement."""

    OPEN = "open", _("open")
    SELECTIVE = "selective", _("selective")
    LIMITED = "limited", _("limited")
    DIRECT = "direct", _("direct")


class Reviewable(models.Model):
    """Review state: nothing shows on the public site until a reviewer publishes it."""

    review_status = models.CharField(
        _("review status"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.UNVERIFIED,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        abstract = True


class ProcurementProcess(Reviewable, Money, OcdsTimes):
    """A contracting process identified by its OCID; its value fields hold the estimate."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("planning")
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        CANCELLED = "cancelled", _("cancelled")
        UNSUCCESSFUL = "unsuccessful", _("unsuccessful")
        COMPLETE = "complete", _("complete")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Category(models.TextChoices):
        GOODS = "goods", _("goods")
        WORKS = "works", _("works")
        SERVICES = "services", _("services")

    ocid = models.CharField(_("OCID"), max_length=100, unique=True)
    country = CountryField(_("country"))
    buyer = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="processes_as_buyer",
        help_text=_("Empty when the source does not name the buyer."),
    )
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    main_category = models.CharField(
        _("category"), max_length=8, choices=Category.choices, blank=True
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    method_details = models.CharField(_("method details"), max_length=400, blank=True)
    method_rationale = models.TextField(_("method rationale"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.COMPLETE
    )
    tender_start = models.DateTimeField(_("tender period start"), null=True, blank=True)
    tender_end = models.DateTimeField(_("tender period end"), null=True, blank=True)
    number_of_tenderers = models.PositiveIntegerField(
        _("number of tenderers"), null=True, blank=True
    )
    # The language of the publisher's text (OCDS release `language`, e.g. "es", "uk"); blank
    # for the tracker's own records, which are written in English.
    language = models.CharField(_("language of the text"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(Money.Meta):
        ordering = ["-created_at"]
        verbose_name = _("procurement process")
        verbose_name_plural = _("procurement processes")
        constraints = [
            *Money.Meta.constraints,
            models.CheckConstraint(
                condition=Q(tender_end__isnull=True)
                | Q(tender_start__isnull=True)
                | Q(tender_end__gte=F("tender_start")),
                name="process_tender_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Award(Reviewable, Money, OcdsTimes):
    """A decision to buy from a supplier: by tender, or directly under an exempting agreement."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACTIVE = "active", _("active")
        CANCELLED = "cancelled", _("cancelled")
        UNSUCCESSFUL = "unsuccessful", _("unsuccessful")

    class LegalBasis(models.TextChoices):
        PROCUREMENT_LAW = "procurement_law", _("public procurement law")
        AGREEMENT = "agreement", _("agreement, outside procurement law")
        GRANT = "grant", _("grant / donation")
        LOAN = "loan", _("loan-financed")
        PRIVATE = "private", _("private company's own purchase")
        SUBCONTRACT = "subcontract", _("subcontract")
        UNKNOWN = "unknown", _("not disclosed")
        # Imported data that does not say under which rules the award was made.
        NOT_STATED = "not_stated", _("not stated in the data")

    # Bases whose agreement is the instrument the award was made under; with any other basis a
    # linked agreement is only the one the sources suspect ("possibly under …").
    BASES_NAMING_AGREEMENT = ("agreement", "loan")

    process = models.ForeignKey(ProcurementProcess, on_delete=models.CASCADE, related_name="awards")
    suppliers = models.ManyToManyField(
        "procurement.Organisation", through="AwardSupplier", related_name="awards_as_supplier"
    )
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    award_date = models.DateField(_("date"), null=True, blank=True)
    award_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    legal_basis = models.CharField(_("legal basis"), max_length=16, choices=LegalBasis.choices)
    agreement = models.ForeignKey(
        "procurement.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    legal_basis_note = models.TextField(_("legal basis in words"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    classification_level = models.CharField(_("classification level"), max_length=60, blank=True)
    # The OCDS `id` of this award within its process (blank when not imported): how a newer
    # release of the same ocid finds the row to update.
    ocds_id = models.CharField(_("OCDS id"), max_length=200, blank=True, editable=False)
    # Denormalised from the process (written only by services.awards) so that the public
    # search filters and sorts on one table; see procurement.services.awards.
    buyer = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = CountryField(_("country"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    search_document = models.TextField(blank=True, editable=False)
    # Suppliers' names as written, "; "-joined: lists and the CSV export read one column
    # instead of aggregating a join per row. Written only by services.search_keys.
    supplier_names = models.TextField(blank=True, editable=False)
    # The same suppliers' organisation ids, space-separated, written with supplier_names: the
    # supplier facet counts them from the matching rows without joining every supplier link
    # (procurement.awards.selectors.facets).
    supplier_ids = models.TextField(blank=True, default="", editable=False)
    # The codes of the award's public red flags (its own, its contracts', its process's),
    # written only by the red-flag service in the transaction that changes them or what is
    # public: `?red_flag=` is an index lookup on it (procurement.redflags.services).
    red_flag_codes = CodeSetField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["red_flag_codes", "supplier_ids"])  # derived

    class Meta(Money.Meta):
        ordering = ["-award_date", "-id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        indexes = [
            models.Index(fields=["review_status", "award_date", "id"]),
            models.Index(fields=["country", "method", "award_date", "id"]),
            models.Index(fields=["legal_basis", "award_date"]),
        ]
        constraints = [
            *Money.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(legal_basis="agreement") | Q(agreement__isnull=False),
                name="award_agreement_basis_names_agreement",
            ),
            models.CheckConstraint(
                condition=Q(confidentiality="classified") | Q(classification_level=""),
                name="award_classification_level_only_when_classified",
            ),
            models.UniqueConstraint(
                fields=["process", "ocds_id"],
                condition=~Q(ocds_id=""),
                name="award_ocds_id_once_per_process",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("award-detail", args=[self.pk])


class AwardSupplier(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="supplier_links")
    organisation = models.ForeignKey(
        "procurement.Organisation", on_delete=models.PROTECT, related_name="supplier_links"
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("e.g. through subcontractors")
    )

    class Meta:
        ordering = ["award", "id"]
        constraints = [
            models.UniqueConstraint(fields=["award", "organisation"], name="award_supplier_once")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Contract(Reviewable, Money, OcdsTimes):
    """The signed contract that follows an award; amendments change its value over time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACTIVE = "active", _("active")
        CANCELLED = "cancelled", _("cancelled")
        TERMINATED = "terminated", _("terminated")

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="contracts")
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    signed_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    period_start = models.DateField(_("starts"), null=True, blank=True)
    period_end = models.DateField(_("ends"), null=True, blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    # The OCDS `id` of this contract within its process (blank when not imported): how a newer
    # release of the same ocid finds the row to update.
    ocds_id = models.CharField(_("OCDS id"), max_length=200, blank=True, editable=False)
    # The OCDS release whose value this is, when a publisher's later release changed the value
    # without an amendment entry: a new value from that release, not an amendment.
    value_source = models.CharField(_("value as of release"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(Money.Meta):
        ordering = ["award", "signed_on", "id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            *Money.Meta.constraints,
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="contract_period_in_order",
            ),
            models.UniqueConstraint(
                fields=["award", "ocds_id"],
                condition=~Q(ocds_id=""),
                name="contract_ocds_id_once_per_award",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ContractAmendment(Money, OcdsTimes):
    """A change to a contract; its value fields hold the contract value after the change."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amendments")
    amended_on = models.DateField(_("date"), null=True, blank=True)
    amended_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    rationale = models.TextField(_("rationale"), blank=True)
    description = models.TextField(_("what changed"), blank=True)
    # The OCDS `id` of this amendment within its contract (blank when not imported): how a newer
    # release of the same ocid finds the row to update.
    ocds_id = models.CharField(_("OCDS id"), max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(Money.Meta):
        ordering = ["contract", "amended_on", "id"]
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")
        constraints = [
            *Money.Meta.constraints,
            models.UniqueConstraint(
                fields=["contract", "ocds_id"],
                condition=~Q(ocds_id=""),
                name="amendment_ocds_id_once_per_contract",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} — amendment {self.amended_on or ''}".strip()
