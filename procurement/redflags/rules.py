"""The red-flag rules: each takes plain facts (and its thresholds) and returns a Flag or None."""

import re
from datetime import date
from decimal import Decimal

from django.utils.translation import ngettext

from procurement.core.folding import fold
from procurement.models.tenders import Method

from .facts import (
    COMPETITIVE,
    NON_COMPETITIVE,
    AwardFacts,
    BuyerYear,
    ContractFacts,
    Flag,
    Money,
    Process,
    _,
)

# A cited legal provision: "Article 7", "Art. X(y)", "čl. 128", "neni 5" (folded text).
_PROVISION = re.compile(r"\b(article|art|clan|cl|neni|clen|section|paragraph)\s+[0-9ivxlc]+\b")


def method_label(method: str) -> str:
    """The procedure's name in the reader's language ("limited" → "ograničen"), not its code."""
    return str(Method(method).label) if method in Method.values else method


def _active(process: Process) -> bool:
    return process.status not in ("cancelled", "withdrawn")


def _same_currency(a: Money | None, b: Money | None) -> bool:
    return a is not None and b is not None and a.currency == b.currency


def _money(value: Money | None) -> dict | None:
    return {"amount": str(value.amount), "currency": value.currency} if value else None


# --- process-level --------------------------------------------------------------------


def r003_short_submission_period(process: Process, params: dict) -> Flag | None:
    """R003 (Cardinal): a competitive tender open for fewer whole days than the minimum."""
    if not _active(process) or process.method not in COMPETITIVE:
        return None
    if process.tender_start is None or process.tender_end is None:
        return None
    days = int((process.tender_end - process.tender_start).total_seconds() // 86400)
    minimum = int(params.get("min_days_by_method", {}).get(process.method, params["min_days"]))
    if days >= minimum:
        return None
    return Flag(
        "R003",
        {"method": process.method, "days": days, "min_days": minimum},
        _("Bids could be submitted for %(days)s whole days; at least %(min)s are expected.")
        % {"days": days, "min": minimum},
    )


def r010_unjustified_non_competitive(process: Process) -> Flag | None:
    """R010: a limited or direct procedure without a rationale, a legal provision or a
    supporting document."""
    if not _active(process) or process.method not in NON_COMPETITIVE:
        return None
    text = fold(f"{process.method_rationale} {process.method_details}")
    missing = []
    if not process.method_rationale.strip():
        missing.append("rationale")
    if not _PROVISION.search(text):
        missing.append("legal provision")
    if not process.supporting_document:
        missing.append("supporting document")
    if not missing:
        return None
    labels = {
        "rationale": _("no reason is given"),
        "legal provision": _("no article of law is cited"),
        "supporting document": _("no supporting document is attached"),
    }
    return Flag(
        "R010",
        {"method": process.method, "missing": missing},
        _("A %(method)s procedure was used, but %(missing)s.")
        % {
            "method": method_label(process.method),
            "missing": "; ".join(str(labels[m]) for m in missing),
        },
    )


def r018_single_bid(process: Process) -> Flag | None:
    """R018 (Cardinal): one bid in an open or selective procedure."""
    if not _active(process) or process.method not in COMPETITIVE:
        return None
    if process.number_of_tenderers != 1:
        return None
    return Flag(
        "R018",
        {"method": process.method, "number_of_tenderers": 1},
        _("Only one bid was received in a %(method)s procedure.")
        % {"method": method_label(process.method)},
    )


# --- award-level ----------------------------------------------------------------------


def _award_active(award: AwardFacts) -> bool:
    return _active(award.process) and award.status not in ("cancelled", "unsuccessful")


def r031_award_at_or_above_estimate(award: AwardFacts) -> Flag | None:
    """R031: the award's value is at or above the tender estimate (same currency)."""
    estimate = award.process.estimate
    if not _award_active(award) or not _same_currency(award.value, estimate):
        return None
    if award.value.amount < estimate.amount:
        return None
    return Flag(
        "R031",
        {"award_value": _money(award.value), "estimate": _money(estimate)},
        _("The award (%(value)s) is at or above the estimate (%(estimate)s).")
        % {"value": award.value, "estimate": estimate},
    )


def x001_exempted_by_agreement(award: AwardFacts) -> Flag | None:
    """X001: made under an intergovernmental agreement that exempts it from procurement law
    (may be lawful; still warrants scrutiny)."""
    if not _award_active(award) or award.legal_basis != "agreement":
        return None
    method = award.process.method
    how = (
        _("no tender")
        if method in ("direct", "")
        else _("%(m)s procedure") % {"m": method_label(method)}
    )
    signed = f" ({award.agreement_signed.year})" if award.agreement_signed else ""
    return Flag(
        "X001",
        {"agreement": award.agreement, "method": method},
        _("Awarded under %(agreement)s%(signed)s, outside the procurement law; %(how)s.")
        % {"agreement": award.agreement or _("an agreement"), "signed": signed, "how": how},
    )


def x002_information_classified(award: AwardFacts) -> Flag | None:
    """X002: a request for information about it was refused as classified."""
    classified = [outcome for outcome in award.foi if outcome.classified()]
    if not classified:
        return None
    dates = sorted(o.decided_on for o in classified if o.decided_on)
    when = _(" on %(date)s") % {"date": dates[0].isoformat()} if dates else _(" (date not stated)")
    level = next((o.classification_level for o in classified if o.classification_level), "")
    return Flag(
        "X002",
        {
            "requests": [o.request_id for o in classified],
            "decided_on": [d.isoformat() for d in dates],
            "classification_level": level,
        },
        _("Procurement information was refused as classified%(level)s%(when)s.")
        % {"level": f" (“{level}”)" if level else "", "when": when},
    )


# --- contract-level -------------------------------------------------------------------


def _contract_active(contract: ContractFacts) -> bool:
    return _award_active(contract.award) and contract.status not in ("cancelled",)


def r059_contract_differs_from_award(contract: ContractFacts, params: dict) -> Flag | None:
    """R059: the final contract value differs from the award value by more than max_ratio."""
    award, final = contract.award.value, contract.final_value()
    if not _contract_active(contract) or not _same_currency(award, final) or not award.amount:
        return None
    ratio = abs(final.amount - award.amount) / award.amount
    if ratio <= Decimal(str(params["max_ratio"])):
        return None
    return Flag(
        "R059",
        {
            "award_value": _money(award),
            "contract_value": _money(final),
            "ratio": f"{ratio:.4f}",
            "max_ratio": params["max_ratio"],
        },
        _("The contract (%(final)s) differs from the award (%(award)s) by %(pct)s%%.")
        % {"final": final, "award": award, "pct": f"{ratio * 100:.0f}"},
    )


def r063_contract_not_published(contract: ContractFacts, today: date) -> Flag | None:
    """R063: an active contract without its signed text; stronger when a request for it was
    refused, classified or left unanswered past its due date."""
    if contract.status != "active" or not _award_active(contract.award):
        return None
    if contract.signed_document:
        return None
    refused = [o for o in contract.foi if o.refused()]
    unanswered = [o for o in contract.foi if o.unanswered(today)]
    text = _("The signed contract is not published.")
    if refused:
        text += " " + _("A request for it was refused.")
    if unanswered:
        text += " " + _("A request for it went unanswered past its due date.")
    return Flag(
        "R063",
        {
            "strength": "stronger" if refused or unanswered else "plain",
            "refused_requests": [o.request_id for o in refused],
            "unanswered_requests": [o.request_id for o in unanswered],
        },
        text,
    )


def r064_contract_modified(contract: ContractFacts) -> Flag | None:
    """R064: the contract has amendments."""
    count = len(contract.amendment_values)
    if not count or not _contract_active(contract):
        return None
    return Flag(
        "R064",
        {"amendments": count},
        ngettext(
            "The contract was amended %(n)s time.", "The contract was amended %(n)s times.", count
        )
        % {"n": count},
    )


def r069_amendments_increase_price(contract: ContractFacts) -> Flag | None:
    """R069: a later contract value above the first (same currency)."""
    first = contract.value
    later = [v for v in contract.amendment_values if _same_currency(first, v)]
    if not _contract_active(contract) or not later:
        return None
    highest = max(later, key=lambda v: v.amount)
    if highest.amount <= first.amount:
        return None
    return Flag(
        "R069",
        {"first_value": _money(first), "highest_value": _money(highest)},
        _("Amendments raised the contract value from %(first)s to %(highest)s.")
        % {"first": first, "highest": highest},
    )


def r054_direct_award_changed_above_threshold(contract: ContractFacts, params: dict) -> Flag | None:
    """R054: a direct award whose amended value exceeds the national competitive threshold."""
    threshold = Money(Decimal(str(params["amount"])), params["currency"])
    if contract.award.process.method != "direct" or not _contract_active(contract):
        return None
    amended = [v for v in contract.amendment_values if _same_currency(v, threshold)]
    if not amended or max(v.amount for v in amended) <= threshold.amount:
        return None
    highest = max(amended, key=lambda v: v.amount)
    return Flag(
        "R054",
        {"amended_value": _money(highest), "threshold": _money(threshold)},
        _("A direct award was amended to %(value)s, above the %(threshold)s threshold.")
        % {"value": highest, "threshold": threshold},
    )


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
        _(
            "In %(year)s, %(n)s of this buyer's %(total)s procedures were limited or direct "
            "(%(share)s%%; other buyers in the country: %(peers)s%%)."
        )
        % {
            "year": stats.year,
            "n": stats.non_competitive,
            "total": stats.processes,
            "share": f"{share * 100:.0f}",
            "peers": f"{peers * 100:.0f}",
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


def award_flags(award: AwardFacts) -> list[Flag]:
    found = [
        r031_award_at_or_above_estimate(award),
        x001_exempted_by_agreement(award),
        x002_information_classified(award),
    ]
    return [flag for flag in found if flag]


def contract_flags(contract: ContractFacts, thresholds: dict[str, dict], today: date) -> list[Flag]:
    found = [
        r059_contract_differs_from_award(contract, thresholds["R059"]),
        r063_contract_not_published(contract, today),
        r064_contract_modified(contract),
        r069_amendments_increase_price(contract),
        r054_direct_award_changed_above_threshold(contract, thresholds["R054"]),
    ]
    return [flag for flag in found if flag]
