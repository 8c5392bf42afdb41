"""The red-flag rules: each takes plain facts (and its thresholds) and returns a Flag or None."""

import re
from datetime import date
from decimal import Decimal

from procurement.core.folding import fold
from procurement.models.tenders import Method

from .contract_documents import ABSENT
from .facts import (
    COMPETITIVE,
    NON_COMPETITIVE,
    AwardFacts,
    BuyerYear,
    ContractFacts,
    Flag,
    Money,
    Process,
)

# A cited legal provision, folded: "Article 7", "Art. X(y)", "čl. 128", "neni 5",
# "Artículo 54", "ARTICULO 54 FRACCION II", "стаття 35", "статтею 35", "статья 35".
_PROVISION = re.compile(
    r"\b(article|articles|articulo|articulos|art|arts|clan|cl|neni|clen|section|paragraph|"
    r"statt[a-z]*|statj[a-z]*|statej)\s+[0-9ivxlc]+\b"
)


def method_label(method: str) -> str:
    """The procedure's name in the reader's language ("limited" → "ograničen"), not its code."""
    return str(Method(method).label) if method in Method.values else method


def _active(process: Process) -> bool:
    return process.status not in ("cancelled", "withdrawn")


def _same_currency(a: Money | None, b: Money | None) -> bool:
    return a is not None and b is not None and a.currency == b.currency


def _money(value: Money | None) -> dict | None:
    return value.as_dict() if value else None


def cites_provision(text: str) -> bool:
    """Whether `text` cites an article of law, in any of the languages the data comes in."""
    return bool(_PROVISION.search(fold(text)))


def competitive(process: Process) -> bool:
    """Open or selective by its label, and the label not in doubt: a method rationale citing
    an article of law is how an exception to competition is justified (Mexico City labels
    its direct awards under Art. 54 "selective"), so the indicators that presume competition
    are not raised on it."""
    if process.method not in COMPETITIVE:
        return False
    return not (process.method_rationale.strip() and cites_provision(process.method_rationale))


# --- process-level --------------------------------------------------------------------


def r003_short_submission_period(process: Process, params: dict) -> Flag | None:
    """R003 (Cardinal): a competitive tender open for fewer whole days than the minimum of
    its country's law — known for the countries in `countries`, or set for the country."""
    if not _active(process) or not competitive(process):
        return None
    if process.country not in params.get("countries", ()) and not params.get("for_country"):
        return None  # the national minimum is not known: no flag
    if process.tender_start is None or process.tender_end is None:
        return None
    days = int((process.tender_end - process.tender_start).total_seconds() // 86400)
    minimum = int(params.get("min_days_by_method", {}).get(process.method, params["min_days"]))
    if days >= minimum:
        return None
    return Flag("R003", {"method": process.method, "days": days, "min_days": minimum})


def r010_unjustified_non_competitive(process: Process) -> Flag | None:
    """R010: a limited or direct procedure without a rationale, a legal provision or a
    supporting document."""
    if not _active(process) or process.method not in NON_COMPETITIVE:
        return None
    missing = []
    if not process.method_rationale.strip():
        missing.append("rationale")
    if not cites_provision(f"{process.method_rationale} {process.method_details}"):
        missing.append("legal provision")
    if not process.supporting_document:
        missing.append("supporting document")
    if not missing:
        return None
    return Flag("R010", {"method": process.method, "missing": missing})


def r018_single_bid(process: Process) -> Flag | None:
    """R018 (Cardinal): one bid in an open or selective procedure (its label not in doubt)."""
    if not _active(process) or not competitive(process):
        return None
    if process.number_of_tenderers != 1:
        return None
    return Flag("R018", {"method": process.method, "number_of_tenderers": 1})


# --- award-level ----------------------------------------------------------------------


def _award_active(award: AwardFacts) -> bool:
    return _active(award.process) and award.status not in ("cancelled", "unsuccessful")


def r031_award_at_or_above_estimate(award: AwardFacts) -> Flag | None:
    """R031: in a competitive procedure, the award's value is at or above the tender
    estimate (same currency). In a limited or direct one the "estimate" is usually the
    negotiated price itself, so the comparison says nothing there."""
    estimate = award.process.estimate
    if not _award_active(award) or not competitive(award.process):
        return None
    if not _same_currency(award.value, estimate) or award.value.amount < estimate.amount:
        return None
    return Flag("R031", {"award_value": _money(award.value), "estimate": _money(estimate)})


def x001_exempted_by_agreement(award: AwardFacts) -> Flag | None:
    """X001: made under an intergovernmental agreement that exempts it from procurement law
    (may be lawful; still warrants scrutiny)."""
    if not _award_active(award) or award.legal_basis != "agreement":
        return None
    signed = award.agreement_signed.year if award.agreement_signed else None
    return Flag(
        "X001",
        {"agreement": award.agreement, "method": award.process.method, "signed_year": signed},
    )


def x002_information_classified(award: AwardFacts) -> Flag | None:
    """X002: a request for information about it was refused as classified."""
    classified = [outcome for outcome in award.foi if outcome.classified()]
    if not classified:
        return None
    dates = sorted(o.decided_on for o in classified if o.decided_on)
    level = next((o.classification_level for o in classified if o.classification_level), "")
    return Flag(
        "X002",
        {
            "requests": [o.request_id for o in classified],
            "decided_on": [d.isoformat() for d in dates],
            "classification_level": level,
        },
    )


# --- contract-level -------------------------------------------------------------------


def _contract_active(contract: ContractFacts) -> bool:
    return _award_active(contract.award) and contract.status not in ("cancelled",)


def r059_contracts_differ_from_award(award: AwardFacts, params: dict) -> Flag | None:
    """R059: the final values of the award's contracts, together, differ from the award
    value by more than max_ratio (an award split between suppliers is one sum). Not raised
    when a contract's value is undisclosed or in another currency: the sum is not known."""
    value, finals = award.value, award.contract_values
    if not _award_active(award) or value is None or not value.amount or not finals:
        return None
    if not all(_same_currency(value, final) for final in finals):
        return None
    total = Money(sum(final.amount for final in finals), value.currency)
    ratio = abs(total.amount - value.amount) / value.amount
    if ratio <= Decimal(str(params["max_ratio"])):
        return None
    return Flag(
        "R059",
        {
            "award_value": _money(value),
            "contract_value": _money(total),
            "contracts": len(finals),
            "ratio": f"{ratio:.4f}",
            "max_ratio": params["max_ratio"],
        },
    )


def r063_contract_not_published(contract: ContractFacts, today: date) -> Flag | None:
    """R063: an active contract whose documents show that its signed text is not published
    (none of them is, or could be, the contract under any label); stronger when a request
    for it was refused, classified or left unanswered past its due date. Documents that
    might be the contract (unlabelled) are ambiguous evidence: no flag."""
    if contract.status != "active" or not _award_active(contract.award):
        return None
    if contract.signed_text != ABSENT:
        return None
    refused = [o for o in contract.foi if o.refused()]
    unanswered = [o for o in contract.foi if o.unanswered(today)]
    return Flag(
        "R063",
        {
            "strength": "stronger" if refused or unanswered else "plain",
            "refused_requests": [o.request_id for o in refused],
            "unanswered_requests": [o.request_id for o in unanswered],
        },
    )


def r064_contract_modified(contract: ContractFacts) -> Flag | None:
    """R064: the contract has amendments."""
    count = len(contract.amendment_values)
    if not count or not _contract_active(contract):
        return None
    return Flag("R064", {"amendments": count})


def r069_amendments_increase_price(contract: ContractFacts) -> Flag | None:
    """R069: a later contract value above the first (same currency)."""
    first = contract.value
    later = [v for v in contract.amendment_values if _same_currency(first, v)]
    if not _contract_active(contract) or not later:
        return None
    highest = max(later, key=lambda v: v.amount)
    if highest.amount <= first.amount:
        return None
    return Flag("R069", {"first_value": _money(first), "highest_value": _money(highest)})


def r054_direct_award_changed_above_threshold(contract: ContractFacts, params: dict) -> Flag | None:
    """R054: a direct award whose amended value exceeds the national competitive threshold."""
    threshold = Money(Decimal(str(params["amount"])), params["currency"])
    if contract.award.process.method != "direct" or not _contract_active(contract):
        return None
    amended = [v for v in contract.amendment_values if _same_currency(v, threshold)]
    if not amended or max(v.amount for v in amended) <= threshold.amount:
        return None
    highest = max(amended, key=lambda v: v.amount)
    return Flag("R054", {"amended_value": _money(highest), "threshold": _money(threshold)})


# --- buyer-year -----------------------------------------------------------------------


def r013_high_non_competitive_share(stats: BuyerYear, params: dict) -> Flag | None:
    """R013: a buyer's share of limited/direct processes in a year is above its peers'."""
    if stats.processes < int(params["min_processes"]) or not stats.processes:
        return None
    share = stats.non_competitive / stats.processes
    peers = stats.peer_non_competitive / stats.peer_processes if stats.peer_processes else 0.0
    if share - peers < float(params["margin"]):
        return None
    value_share = (
        float(stats.value_non_competitive / stats.value_total) if stats.value_total else None
    )
    return Flag(
        "R013",
        {
            "year": stats.year,
            "processes": stats.processes,
            "non_competitive": stats.non_competitive,
            "share": round(share, 4),
            "peer_share": round(peers, 4),
            "value_share": round(value_share, 4) if value_share is not None else None,
            "value_currency": stats.value_currency,
        },
    )


def process_flags(process: Process, thresholds: dict[str, dict]) -> list[Flag]:
    """Every process-level flag of `process`."""
    found = [
        r003_short_submission_period(process, thresholds["R003"]),
        r010_unjustified_non_competitive(process),
        r018_single_bid(process),
    ]
    return [flag for flag in found if flag]


def award_flags(award: AwardFacts, thresholds: dict[str, dict]) -> list[Flag]:
    found = [
        r031_award_at_or_above_estimate(award),
        r059_contracts_differ_from_award(award, thresholds["R059"]),
        x001_exempted_by_agreement(award),
        x002_information_classified(award),
    ]
    return [flag for flag in found if flag]


def contract_flags(contract: ContractFacts, thresholds: dict[str, dict], today: date) -> list[Flag]:
    found = [
        r063_contract_not_published(contract, today),
        r064_contract_modified(contract),
        r069_amendments_increase_price(contract),
        r054_direct_award_changed_above_threshold(contract, thresholds["R054"]),
    ]
    return [flag for flag in found if flag]
