from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from procurement.awards.services.search_keys import (
    refresh_after_agreement_change,
    refresh_after_process_change,
    refresh_awards,
)
from procurement.models import (
    Agreement,
    AgreementParty,
    Award,
    AwardSupplier,
    Citation,
    Contract,
    ContractAmendment,
    Document,
    ProcurementProcess,
    RedFlag,
    RedFlagThreshold,
    ReviewDecision,
    Source,
    SuggestedCorrection,
)

from .redflags import RecomputesRedFlags, RecomputesRedFlagsOfCountry
from .scoping import CitationAdminScope, DocumentAdminScope, RedactsPrivateRelated

# Review state changes only through the review queue (procurement.review.services.decisions).
REVIEW_FIELDS = ["review_status", "published_at"]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ["source", "locator", "quote", "seen_on"]
    autocomplete_fields = ["source"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["title", "document_type", "url", "date_published"]


class PartyInline(admin.TabularInline):
    model = AgreementParty
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(Agreement)
class AgreementAdmin(RecomputesRedFlags, SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "signed_on", "exempts_procurement"]
    list_filter = ["kind", "exempts_procurement"]
    search_fields = ["title", "short_title", "search_key"]
    inlines = [PartyInline, DocumentInline, CitationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        refresh_after_agreement_change([form.instance.pk])


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0
    fields = [
        "title",
        "legal_basis",
        "agreement",
        "value_status",
        "value_amount",
        "value_currency",
        "review_status",
    ]
    readonly_fields = ["review_status"]  # written only by the review service
    show_change_link = True


@admin.register(AgreementParty)
class AgreementPartyAdmin(admin.ModelAdmin):
    list_display = ["agreement", "organisation", "role", "signatory_person"]
    list_filter = ["role"]
    autocomplete_fields = ["agreement", "organisation"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        refresh_after_agreement_change([obj.agreement_id])


@admin.register(ProcurementProcess)
class ProcessAdmin(RecomputesRedFlags, SimpleHistoryAdmin):
    list_display = [
        "title",
        "ocid",
        "country",
        "buyer",
        "method",
        "sector",
        "status",
        "review_status",
    ]
    list_filter = ["country", "method", "sector", "status", "review_status"]
    search_fields = ["title", "ocid", "buyer__name"]
    autocomplete_fields = ["buyer"]
    readonly_fields = REVIEW_FIELDS
    inlines = [AwardInline, DocumentInline, CitationInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        refresh_after_process_change([form.instance.pk])


class SupplierInline(admin.TabularInline):
    model = AwardSupplier
    extra = 1
    autocomplete_fields = ["organisation"]


class ContractInline(admin.TabularInline):
    model = Contract
    extra = 0
    fields = [
        "title",
        "signed_on",
        "value_status",
        "value_amount",
        "value_currency",
        "status",
        "review_status",
    ]
    readonly_fields = ["review_status"]  # written only by the review service
    show_change_link = True


@admin.register(Award)
class AwardAdmin(RecomputesRedFlags, SimpleHistoryAdmin):
    list_display = [
        "title",
        "country",
        "buyer",
        "legal_basis",
        "agreement",
        "award_date",
        "value_status",
        "review_status",
    ]
    list_filter = [
        "country",
        "legal_basis",
        "method",
        "sector",
        "confidentiality",
        "value_status",
        "review_status",
    ]
    search_fields = ["title", "search_document", "process__ocid"]
    autocomplete_fields = ["process", "agreement"]
    readonly_fields = ["buyer", "country", "method", "sector", "search_document", *REVIEW_FIELDS]
    inlines = [SupplierInline, ContractInline, DocumentInline, CitationInline]
    date_hierarchy = "award_date"

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            # Copied from the process by refresh_awards(); set here so the row can be inserted.
            obj.country, obj.sector = obj.process.country, obj.process.sector
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        refresh_awards([form.instance.pk])


@admin.register(AwardSupplier)
class AwardSupplierAdmin(admin.ModelAdmin):
    list_display = ["award", "organisation", "note"]
    autocomplete_fields = ["award", "organisation"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        refresh_awards([obj.award_id])

    def delete_model(self, request, obj) -> None:
        award_id = obj.award_id
        super().delete_model(request, obj)
        refresh_awards([award_id])


class AmendmentInline(admin.StackedInline):
    model = ContractAmendment
    extra = 0


@admin.register(Contract)
class ContractAdmin(RecomputesRedFlags, SimpleHistoryAdmin):
    list_display = ["title", "award", "signed_on", "value_status", "status", "review_status"]
    list_filter = ["status", "confidentiality", "review_status"]
    search_fields = ["title", "award__title"]
    autocomplete_fields = ["award"]
    readonly_fields = REVIEW_FIELDS
    inlines = [AmendmentInline, DocumentInline, CitationInline]


@admin.register(ContractAmendment)
class AmendmentAdmin(RecomputesRedFlags, SimpleHistoryAdmin):
    list_display = ["__str__", "amended_on", "value_status", "value_amount", "value_currency"]
    search_fields = ["contract__title", "description"]
    autocomplete_fields = ["contract"]


@admin.register(Document)
class DocumentAdmin(RecomputesRedFlags, DocumentAdminScope, SimpleHistoryAdmin):
    list_display = ["title", "document_type", "date_published", "is_published"]
    list_filter = ["document_type", "is_published"]
    search_fields = ["title", "original_name"]
    raw_id_fields = [
        "agreement",
        "process",
        "award",
        "contract",
        "amendment",
        "request",
        "event",
        "stored_file",
    ]


@admin.register(Source)
class SourceAdmin(RedactsPrivateRelated, SimpleHistoryAdmin):
    list_display = ["title", "kind", "author", "published_on"]
    list_filter = ["kind"]
    search_fields = ["title", "author"]


@admin.register(Citation)
class CitationAdmin(CitationAdminScope, SimpleHistoryAdmin):
    list_display = ["__str__", "seen_on"]
    search_fields = ["source__title", "locator", "quote"]
    raw_id_fields = [
        "agreement",
        "process",
        "award",
        "contract",
        "amendment",
        "request",
        "organisation",
    ]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = [
        "decided_at",
        "reviewer",
        "from_status",
        "to_status",
        "award",
        "contract",
        "process",
    ]
    list_filter = ["to_status"]
    raw_id_fields = ["award", "contract", "process"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # decisions are an append-only record


@admin.register(SuggestedCorrection)
class SuggestedCorrectionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "field", "state", "award", "contract", "process"]
    list_filter = ["state"]
    raw_id_fields = ["award", "contract", "process", "organisation"]


@admin.register(RedFlag)
class RedFlagAdmin(admin.ModelAdmin):
    list_display = ["code", "key", "country", "rule_version", "computed_at"]
    list_filter = ["code", "country"]
    search_fields = ["key", "code"]
    raw_id_fields = ["award", "contract", "process", "buyer"]


@admin.register(RedFlagThreshold)
class RedFlagThresholdAdmin(RecomputesRedFlagsOfCountry, admin.ModelAdmin):
    list_display = ["code", "country", "params"]
    list_filter = ["code"]
