"""What the API shows of published records: no review internals, no private requests."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procurement.core import languages
from procurement.core.currencies import stated_amount
from procurement.models import Agreement, Award, InfoRequest, Organisation, OrganisationAlias
from procurement.redflags.explanations import explain
from procurement.redflags.selectors.flags import INDICATOR_NAMES, flags_by_award


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name"]


class MoneySerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=24, decimal_places=6)
    currency = serializers.CharField()
    approximate = serializers.BooleanField()


def money(record) -> dict | None:
    """The value, or null when undisclosed (never 0)."""
    if record.value_status != "disclosed":
        return None
    return {
        "amount": stated_amount(record.value_amount),
        "currency": record.value_currency,
        "approximate": record.value_is_approximate,
    }


class RedFlagSerializer(serializers.Serializer):
    """A public risk indicator (not a finding): its code, name and explanation in the
    reader's language (Accept-Language or the language prefix)."""

    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()


def red_flags(flags) -> list[dict]:
    return [
        {
            "code": flag.code,
            "label": str(INDICATOR_NAMES.get(flag.code, flag.code)),
            "explanation": explain(flag.code, flag.inputs),
        }
        for flag in flags
    ]


class AgreementRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "title", "short_title"]


# The columns an award of the API shows (`AwardSerializer.to_representation`): a list fetches
# these only (no search document, description or process text).
AWARD_COLUMNS = (
    "title",
    "process_id",
    "process__ocid",
    "buyer_id",
    "buyer__name",
    "agreement_id",
    "agreement__title",
    "agreement__short_title",
    "country",
    "method",
    "sector",
    "legal_basis",
    "legal_basis_note",
    "confidentiality",
    "classification_level",
    "status",
    "value_status",
    "value_amount",
    "value_currency",
    "value_is_approximate",
    "award_date",
    "award_date_precision",
    "review_status",
    "red_flag_codes",
)
# … and of its suppliers (the rest of an organisation, e.g. its description, is not read).
SUPPLIER_COLUMNS = ("id", "name")


class AwardSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    ocid = serializers.CharField(source="process.ocid")
    buyer = PartySerializer(allow_null=True)
    suppliers = PartySerializer(many=True)
    agreement = AgreementRefSerializer(allow_null=True)
    value = serializers.SerializerMethodField()
    country = serializers.CharField()
    red_flags = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = [
            "id",
            "url",
            "ocid",
            "title",
            "buyer",
            "suppliers",
            "country",
            "method",
            "sector",
            "legal_basis",
            "agreement",
            "legal_basis_note",
            "confidentiality",
            "classification_level",
            "status",
            "value_status",
            "value",
            "award_date",
            "award_date_precision",
            "review_status",
            "red_flags",
        ]

    @classmethod
    def many_init(cls, instance=None, *args, **kwargs):
        """A page of awards: their public flags are read once for the whole page (one query,
        none when no award of it has any), never one query per row."""
        if instance is not None:
            instance = list(instance)
            context = {**kwargs.get("context", {}), "red_flags": flags_by_award(instance)}
            kwargs["context"] = context
        return super().many_init(instance, *args, **kwargs)

    def get_url(self, award: Award) -> str:
        """The award's page without a language prefix: it opens in each reader's language."""
        path = languages.unprefixed(award.get_absolute_url())
        return self.context["request"].build_absolute_uri(path)

    @extend_schema_field(MoneySerializer(allow_null=True))
    def get_value(self, award: Award) -> dict | None:
        return money(award)

    @extend_schema_field(RedFlagSerializer(many=True))
    def get_red_flags(self, award: Award) -> list[dict]:
        """The award's public flags (its own, its contracts', its process's)."""
        by_award = self.context.get("red_flags")
        if by_award is None or award.pk not in by_award:
            by_award = flags_by_award([award])
        return red_flags(by_award[award.pk])

    def to_representation(self, award: Award) -> dict:
        """The declared fields (which the OpenAPI schema describes), built directly: DRF's
        field-by-field machinery costs more than the query of a 25-row page.
        tests/api/test_awards_api.py checks this equals the generic representation."""
        if not hasattr(self, "_site"):
            self._site = self.context["request"].build_absolute_uri("/").rstrip("/")
        agreement = award.agreement
        return {
            "id": award.pk,
            "url": f"{self._site}/awards/{award.pk}/",
            "ocid": award.process.ocid,
            "title": award.title,
            "buyer": {"id": award.buyer_id, "name": award.buyer.name} if award.buyer_id else None,
            "suppliers": [{"id": s.pk, "name": s.name} for s in award.suppliers.all()],
            "country": str(award.country),
            "method": award.method,
            "sector": award.sector,
            "legal_basis": award.legal_basis,
            "agreement": {
                "id": agreement.pk,
                "title": agreement.title,
                "short_title": agreement.short_title,
            }
            if agreement
            else None,
            "legal_basis_note": award.legal_basis_note,
            "confidentiality": award.confidentiality,
            "classification_level": award.classification_level,
            "status": award.status,
            "value_status": award.value_status,
            "value": money(award),
            "award_date": award.award_date.isoformat() if award.award_date else None,
            "award_date_precision": award.award_date_precision,
            "review_status": award.review_status,
            "red_flags": self.get_red_flags(award),
        }


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationAlias
        fields = ["name", "script", "language"]


class OrganisationSerializer(serializers.ModelSerializer):
    aliases = AliasSerializer(many=True)
    country = serializers.CharField()
    url = serializers.HyperlinkedIdentityField(view_name="organisation-detail")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "name",
            "kind",
            "country",
            "parent",
            "aliases",
            "website",
            # An authority on record: its type, where to write, where these facts come from,
            # and "proposed" for one its organisation proposed that no reviewer confirmed yet.
            "authority_type",
            "foi_email",
            "foi_email_suspect",
            "postal_address",
            "source_url",
            "register_status",
        ]


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="agreement-detail")

    class Meta:
        model = Agreement
        fields = [
            "id",
            "url",
            "title",
            "short_title",
            "kind",
            "signed_on",
            "signed_on_precision",
            "ratified_on",
            "ratification_reference",
            "exempts_procurement",
            "exemption_reference",
            "exemption_text",
            "parties",
        ]

    @extend_schema_field(PartySerializer(many=True))
    def get_parties(self, agreement: Agreement) -> list[dict]:
        return [
            {"id": p.organisation_id, "name": p.organisation.name, "role": p.role}
            for p in agreement.parties.all()
        ]


class RequestSerializer(serializers.ModelSerializer):
    """`appeal_due_on` is null where the law sets no closing date; `appeal_opens_on` says from
    when one may complain."""

    authority = PartySerializer()
    requester_organisation = PartySerializer()
    jurisdiction = serializers.CharField(source="jurisdiction.code")
    url = serializers.HyperlinkedIdentityField(view_name="request-detail")
    provisional = serializers.SerializerMethodField(
        help_text="True: the dates use the previous law's periods, the new law's are unconfirmed."
    )

    class Meta:
        model = InfoRequest
        fields = [
            "id",
            "url",
            "subject",
            "authority",
            "requester_organisation",
            "jurisdiction",
            "status",
            "sent_on",
            "sent_on_precision",
            "due_on",
            "extended_due_on",
            "provisional",
            "appeal_opens_on",
            "appeal_due_on",
            "appeal_decision_due_on",
            "decision_delivered_on",
            "classification_level",
            "awards",
            "agreements",
            "published_at",
        ]

    def get_provisional(self, info_request: InfoRequest) -> bool:
        return bool(info_request.law and info_request.law.provisional)
