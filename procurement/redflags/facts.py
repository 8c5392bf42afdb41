"""The plain facts red-flag rules read, what a flag is, versions and default thresholds."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import get_language, gettext

from procurement.core.formatting import format_money

RULE_VERSIONS = {
    "R003": "1",
    "R010": "1",
    "R013": "1",
    "R018": "1",
    "R031": "1",
    "R054": "1",
    "R059": "1",
    "R063": "1",
    "R064": "1",
    "R069": "1",
    "X001": "1",
    "X002": "1",
}
CODES = tuple(RULE_VERSIONS)

DEFAULT_THRESHOLDS: dict[str, dict] = {
    # Whole days between the tender period's start and end; per method where given.
    "R003": {"min_days": 15, "min_days_by_method": {}},
    # Buyer-year share of limited/direct processes above the pooled share of its peers
    # (other buyers, same country and year) by at least `margin`, over `min_processes`.
    "R013": {"margin": 0.25, "min_processes": 3},
    # |final contract value − award value| / award value above `max_ratio`.
    "R059": {"max_ratio": 0.2},
    # The value above which the national law requires competition (per country).
    "R054": {"amount": "135000", "currency": "EUR"},
}


@lru_cache(maxsize=256)
def _translated(message: str, language: str | None) -> str:
    return gettext(message)


def _(message: str) -> str:
    """gettext, cached per language: a bulk run explains hundreds of thousands of flags."""
    return _translated(message, get_language())


COMPETITIVE = ("open", "selective")
NON_COMPETITIVE = ("limited", "direct")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)  # in the reader's language


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


@dataclass(frozen=True)
class ContractFacts:
    id: int
    award: AwardFacts
    status: str
    value: Money | None  # as signed
    amendment_values: tuple[Money | None, ...] = ()  # value after each amendment, in order
    signed_document: bool = False
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
    code: str
    inputs: dict
    explanation: str
    version: str = field(default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "version", self.version or RULE_VERSIONS[self.code])
