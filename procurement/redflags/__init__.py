"""Integrity red flags: pure rules over plain facts, no database, no clock.

Risk indicators, never findings: each flag says that something deserves a closer look, with
the inputs it used and the rule's version; its plain-language explanation is rendered from
the inputs in the reader's language (explanations.py). Codes follow the
Open Contracting Partnership's red-flag catalogue (R003 and R018 as Cardinal defines them);
X001 and X002 are the tracker's own. Cancelled processes and awards raise nothing; amounts
are compared only in the same currency. Thresholds come per country from RedFlagThreshold
rows, over the defaults below (procurement.redflags.selectors.flags.thresholds merges them).
"""

from .facts import (
    CODES,
    COMPETITIVE,
    DEFAULT_THRESHOLDS,
    NON_COMPETITIVE,
    RULE_VERSIONS,
    AwardFacts,
    BuyerYear,
    ContractFacts,
    Flag,
    FoiOutcome,
    Money,
    Process,
)
from .rules import (
    award_flags,
    contract_flags,
    process_flags,
    r003_short_submission_period,
    r010_unjustified_non_competitive,
    r013_high_non_competitive_share,
    r018_single_bid,
    r031_award_at_or_above_estimate,
    r054_direct_award_changed_above_threshold,
    r059_contracts_differ_from_award,
    r063_contract_not_published,
    r064_contract_modified,
    r069_amendments_increase_price,
    x001_exempted_by_agreement,
    x002_information_classified,
)

__all__ = [
    "CODES",
    "COMPETITIVE",
    "DEFAULT_THRESHOLDS",
    "NON_COMPETITIVE",
    "RULE_VERSIONS",
    "AwardFacts",
    "BuyerYear",
    "ContractFacts",
    "Flag",
    "FoiOutcome",
    "Money",
    "Process",
    "award_flags",
    "contract_flags",
    "process_flags",
    "r003_short_submission_period",
    "r010_unjustified_non_competitive",
    "r013_high_non_competitive_share",
    "r018_single_bid",
    "r031_award_at_or_above_estimate",
    "r054_direct_award_changed_above_threshold",
    "r059_contracts_differ_from_award",
    "r063_contract_not_published",
    "r064_contract_modified",
    "r069_amendments_increase_price",
    "x001_exempted_by_agreement",
    "x002_information_classified",
]
