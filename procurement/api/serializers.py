"""What the API shows of published records: no review internals, no private requests."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from procurement.core import languages
from procurement.core.currencies import stated_amount
from procurement.models import Agreement, Award, InfoRequest, Organisation, OrganisationAlias
from procurement.redflags.explanations import explain
from procurement.redflags.selectors.flags import INDICATOR_NAMES, flags_for_award


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
    return _money(
        record.value_status, record.value_amount, record.value_currency, record.value_is_approximate
    )


def _money(status: str, amount, currency: str, approximate: bool) -> dict | None:
    if status != "disclosed":
        return None
    return {"amount": stated_amount(amount), "currency": currency, "approximate": approximate}


class RedFlagSerializer(serializers.Serializer):
    """A public risk indicator (not a finding): its code, name and explanation in the
    reader's language (Accept-Language or the language prefix)."""

    code = serializers.CharField()
    label = serializers.CharField()
    explanation = serializers.CharField()


def red_flags(flags: list[dict]) -> list[dict]:
    """Flags given as {code, inputs}, with their name and explanation in the reader's language."""
    return [
        {
            "code": flag["code"],
            "label": str(INDICATOR_NAMES.get(flag["code"], flag["code"])),
            "explanation": explain(flag["code"], flag["inputs"]),
        }
        for flag in flags
    ]


class AgreementRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = ["id", "title", "short_title"]


# What a row of the award list reads (procurement.api.award_rows): these columns, through
# `values()`, and its process's OCID, its suppliers and public flags (JSON) in the same
# statement.
AWARD_COLUMNS = (
    "id",
    "title",
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
)
# … and of an award's suppliers (the rest of an organisation, e.g. its description, is not read).
SUPPLIER_COLUMNS = ("id", "name")


def award_row(award: Award) -> dict:
    """An award instance (the detail) as the row the list reads with `values()`."""
    row = {}
    for column in AWARD_COLUMNS:
        value = award
        for part in column.split("__"):
            value = getattr(value, part) if value is not None else None
        row[column] = value
    row["ocid"] = award.process.ocid
    row["suppliers"] = [{"id": s.pk, "name": s.name} for s in award.suppliers.all()]
    row["flags"] = _public_flags(award)
    return row


def _public_flags(award: Award) -> list[dict]:
    """As the list reads them (`public_flags_of_each_award`): none unless the award's kept
    codes say it has some."""
    flags = flags_for_award(award) if award.red_flag_codes else []
    return [{"code": flag.code, "inputs": flag.inputs} for flag in flags]


def award_representation(row: dict, site: str) -> dict:
    """The declared fields of `AwardSerializer` (which the OpenAPI schema describes) from a
    row: the list's (`values()`, suppliers and flags as JSON) or the detail's (`award_row`).
    DRF's field-by-field machinery costs more than the query of a 25-row page;
    tests/api/test_awards_api.py checks this equals the generic representation."""
    pk = row["id"]
    return {
        "id": pk,
        "url": f"{site}/awards/{pk}/",
        "ocid": row["ocid"],
        "title": row["title"],
        "buyer": {"id": row["buyer_id"], "name": row["buyer__name"]} if row["buyer_id"] else None,
        "suppliers": row["suppliers"],
        "country": str(row["country"]),
        "method": row["method"],
        "sector": row["sector"],
        "legal_basis": row["legal_basis"],
        "agreement": {
            "id": row["agreement_id"],
            "title": row["agreement__title"],
            "short_title": row["agreement__short_title"],
        }
        if row["agreement_id"]
        else None,
        "legal_basis_note": row["legal_basis_note"],
        "confidentiality": row["confidentiality"],
        "classification_level": row["classification_level"],
        "status": row["status"],
        "value_status": row["value_status"],
        "value": _money(
            row["value_status"],
            row["value_amount"],
            row["value_currency"],
            row["value_is_approximate"],
        ),
        "award_date": row["award_date"].isoformat() if row["award_date"] else None,
        "award_date_precision": row["award_date_precision"],
        "review_status": row["review_status"],
        "red_flags": red_flags(row["flags"] or []),
    }


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
        return red_flags(_public_flags(award))

    def to_representation(self, award: Award) -> dict:
        """The detail: the same representation as a row of the list."""
        site = self.context["request"].build_absolute_uri("/").rstrip("/")
        return award_representation(award_row(award), site)


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
