"""Documents (uploaded files or links) and the sources every fact cites."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .common import OcdsTimes, exactly_one


def stored_file_path(instance: "StoredFile", filename: str) -> str:
    # Content-addressed: the same bytes are stored once; the name never comes from the user.
    return f"files/{instance.sha256[:2]}/{instance.sha256}"


class StoredFile(models.Model):
    """The bytes of an uploaded file, stored once per SHA-256, outside the web root."""

    sha256 = models.CharField(max_length=64, unique=True)
    file = models.FileField(upload_to=stored_file_path, max_length=200)
    size = models.PositiveBigIntegerField()
    mime_type = models.CharField(
        max_length=100, help_text=_("Detected from the content, not the name.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.mime_type}, {self.size} B)"


DOCUMENT_PARENTS = ("agreement", "process", "award", "contract", "amendment", "request")


class Document(OcdsTimes):
    """A document attached to one record: a public link (gazette, notice) or an uploaded file.
    Documents of FOI requests are private to the requesting organisation until published."""

    class Type(models.TextChoices):
        """A subset of the OCDS documentType codelist; FOI provenance is the link to a request."""

        CONTRACT_SIGNED = "contractSigned", _("signed contract")
        AWARD_NOTICE = "awardNotice", _("award notice")
        CONTRACT_NOTICE = "contractNotice", _("contract notice")
        TENDER_NOTICE = "tenderNotice", _("tender notice")
        RATIONALE = "procurementMethodRationale", _("justification of the method")
        EVALUATION = "evaluationReports", _("evaluation report")
        COMPLAINTS = "complaints", _("complaint")
        PLAN = "procurementPlan", _("procurement plan")
        AGREEMENT_TEXT = "agreementText", _("text of the agreement")
        REQUEST_LETTER = "foiRequest", _("request letter")
        RESPONSE = "foiResponse", _("response from the authority")
        DECISION = "decision", _("decision")
        CORRESPONDENCE = "correspondence", _("correspondence")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=300)
    document_type = models.CharField(
        _("type"), max_length=40, choices=Type.choices, default=Type.OTHER
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    stored_file = models.ForeignKey(
        StoredFile, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    date_published = models.DateField(_("date"), null=True, blank=True)
    # Set when the document came from an OCDS release: the import replaces these on update.
    ocds_id = models.CharField(_("OCDS id"), max_length=200, blank=True, editable=False)
    # The OCDS documentType as the publisher wrote it (an open codelist: "Contract Signed",
    # "Orden de Compra o Contrato"); `document_type` holds the tracker's reading of it.
    ocds_type = models.CharField(_("type as published"), max_length=100, blank=True)

    agreement = models.ForeignKey(
        "procurement.Agreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    process = models.ForeignKey(
        "procurement.ProcurementProcess",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    award = models.ForeignKey(
        "procurement.Award",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    amendment = models.ForeignKey(
        "procurement.ContractAmendment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    request = models.ForeignKey(
        "procurement.InfoRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
    )
    event = models.ForeignKey(
        "procurement.RequestEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    # Request documents: shown publicly only when the request is published and this is chosen.
    is_published = models.BooleanField(_("published with the request"), default=False)
    uploaded_by = models.ForeignKey(
        "procurement.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_published", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(*DOCUMENT_PARENTS), name="document_has_one_parent"
            ),
            models.CheckConstraint(
                condition=~Q(url="") | Q(stored_file__isnull=False),
                name="document_has_link_or_file",
            ),
            models.CheckConstraint(
                condition=Q(event__isnull=True) | Q(request__isnull=False),
                name="document_event_belongs_to_request",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Source(models.Model):
    """Where facts come from: a paper, an article, a gazette, an official response."""

    class Kind(models.TextChoices):
        PAPER = "paper", _("research / policy paper")
        ARTICLE = "article", _("news article")
        GAZETTE = "gazette", _("official gazette")
        OFFICIAL = "official", _("official website or statement")
        FOI_RESPONSE = "foi_response", _("response to an FOI request")
        PORTAL = "portal", _("procurement portal / OCDS publication")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    author = models.CharField(_("author / publisher"), max_length=300, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["title", "author"], name="source_once")]

    def __str__(self) -> str:
        return self.title


CITATION_PARENTS = (
    "agreement",
    "process",
    "award",
    "contract",
    "amendment",
    "request",
    "organisation",
)


class Citation(models.Model):
    """A fact's source: which source, where in it (page, section), and when it was seen."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(_("page or section"), max_length=200, blank=True)
    quote = models.TextField(_("quotation"), blank=True)
    seen_on = models.DateField(_("seen on"), null=True, blank=True)
    agreement = models.ForeignKey(
        "procurement.Agreement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    process = models.ForeignKey(
        "procurement.ProcurementProcess",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    award = models.ForeignKey(
        "procurement.Award",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    contract = models.ForeignKey(
        "procurement.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    amendment = models.ForeignKey(
        "procurement.ContractAmendment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    request = models.ForeignKey(
        "procurement.InfoRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    organisation = models.ForeignKey(
        "procurement.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "locator", "id"]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one(*CITATION_PARENTS), name="citation_has_one_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}, {self.locator}" if self.locator else str(self.source)
