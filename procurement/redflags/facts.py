"""The plain facts red-flag rules read, what a flag is, versions and default thresholds."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from procurement.core.formatting import format_money

RULE_VERSIONS = {
    "R003": "2",  # national minimum periods only; not on a doubtful competitive label
    "R010": "2",  # Spanish and Ukrainian citations of an article
    "R013": "1",
    "R018": "2",  # not on a doubtful competitive label
    "R031": "2",  # competitive procedures only
    "R054": "1",
    "R059": "2",  # the award against the sum of its contracts
    "R063": "2",  # any label or title of the signed text; no flag on ambiguous documents
    "R064": "1",
    "R069": "1",
    "X001": "1",
    "X002": "1",
}
CODES = tuple(RULE_VERSIONS)

# The tracker's six jurisdictions, whose procurement laws follow the EU directives' minimum
# periods; elsewhere R003 needs the country's own minimum (a RedFlagThreshold row).
SIX = ["AL", "BA", "ME", "MK", "RS", "XK"]

DEFAULT_THRESHOLDS: dict[str, dict] = {
    # Whole days between the tender period's start and end; per method where given. The
    # default minimum applies in `countries`; another country needs a row of its own.
    "R003": {"min_days": 15, "min_days_by_method": {}, "countries": SIX},
    # Buyer-year share of limited/direct processes above the pooled share of its peers
    # (other buyers, same country and year) by at least `margin`, over `min_processes`.
    "R013": {"margin": 0.25, "min_processes": 3},
    # |final contract value − award value| / award value above `max_ratio`.
    "R059": {"max_ratio": 0.2},
    # The value above which the national law requires competition (per country).
    "R054": {"amount": "135000", "currency": "EUR"},
}


COMPETITIVE = ("open", "selective")
NON_COMPETITIVE = ("limited", "direct")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)  # in the reader's language

    def as_dict(self) -> dict:
        """As a flag's inputs hold it (and its explanation reads it)."""
        return {"amount": str(self.amount), "currency": self.currency}


@dataclass(frozen=True)
class Process:
    id: int
    country: str
    method: str
    status: str
    method_details: str = ""
    method_rationale: str = ""
    tender_start: datetime | None = None
    tender_end: datetime | None = None
    number_of_tenderers: int | None = None
    estimate: Money | None = None
    supporting_document: bool = False  # a rationale/agreement/decision document is attached


@dataclass(frozen=True)
class FoiOutcome:
    """A published FOI request about the subject, as it stands."""

    request_id: int
    status: str  # RequestStatus value
    decided_on: date | None = None
    due_on: date | None = None  # the (extended) due date as stored; None is "unknown"
    classification_level: str = ""

    def refused(self) -> bool:
        return self.status in ("refused", "classified")

    def classified(self) -> bool:
        return self.status == "classified" or bool(self.classification_level)

    def unanswered(self, today: date) -> bool:
        waiting = self.status in ("sent", "acknowledged", "extended")
        return waiting and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class AwardFacts:
    id: int
    process: Process
    status: str
    value: Money | None
    legal_basis: str
    agreement: str = ""  # the agreement's title when one is linked
    agreement_signed: date | None = None
    foi: tuple[FoiOutcome, ...] = ()  # requests about the award, its process or contracts
    # The final value of each of its active contracts (None: undisclosed), for R059.
    contract_values: tuple[Money | None, ...] = ()


@dataclass(frozen=True)
class ContractFacts:
    id: int
    award: AwardFacts
    status: str
    value: Money | None  # as signed
    amendment_values: tuple[Money | None, ...] = ()  # value after each amendment, in order
    # What its documents show of the signed text: "signed", "unclear" or "absent"
    # (procurement.redflags.contract_documents).
    signed_text: str = "absent"
    foi: tuple[FoiOutcome, ...] = ()  # requests about the contract, its award or process

    def final_value(self) -> Money | None:
        later = [v for v in self.amendment_values if v is not None]
        return later[-1] if later else self.value


@dataclass(frozen=True)
class BuyerYear:
    buyer_id: int
    country: str
    year: int
    processes: int
    non_competitive: int
    peer_processes: int
    peer_non_competitive: int
    value_currency: str = ""
    value_total: Decimal = Decimal(0)
    value_non_competitive: Decimal = Decimal(0)


@dataclass(frozen=True)
class Flag:
    """An indicator raised: its code and the inputs its explanation is rendered from."""

    code: str
    inputs: dict
    version: str = field(default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "version", self.version or RULE_VERSIONS[self.code])

    @property
    def explanation(self) -> str:
        """What the rule saw, in the active language (never stored)."""
        from .explanations import explain

        return explain(self.code, self.inputs)
