"""Whether a contract's documents show its signed text: a pure reading of their labels.

Publishers label the signed contract in many ways: the OCDS code `contractSigned` in any
casing or spacing ("Contract Signed"), their own words as `documentType` ("contrato",
"Orden de Compra o Contrato"), or only a title or file name ("CONTRATO A-012/2016",
"Договір.pdf"). A document with another OCDS code (an annexe, a guarantee, a notice) is not
the signed text; a document nothing identifies (a signature file "sign.p7s", an untyped
scan) might be, so the evidence is unclear and R063 is not raised on it.
"""

import re
from collections.abc import Iterable

from procurement.core.folding import fold

SIGNED = "signed"
UNCLEAR = "unclear"
ABSENT = "absent"

# The OCDS documentType codelist (1.1), folded without spaces: a label that is one of these
# codes says what the document is.
OCDS_CODES = {
    code.lower()
    for code in [
        "plannedProcurementNotice",
        "tenderNotice",
        "awardNotice",
        "contractNotice",
        "completionCertificate",
        "procurementPlan",
        "biddingDocuments",
        "technicalSpecifications",
        "evaluationCriteria",
        "evaluationReports",
        "contractDraft",
        "contractSigned",
        "contractArrangements",
        "contractSchedule",
        "physicalProgressReport",
        "financialProgressReport",
        "finalAudit",
        "hearingNotice",
        "marketStudies",
        "eligibilityCriteria",
        "clarifications",
        "shortlistedFirms",
        "environmentalImpact",
        "assetAndLiabilityAssessment",
        "riskProvisions",
        "winningBid",
        "complaints",
        "contractAnnexe",
        "contractGuarantees",
        "subContract",
        "needsAssessment",
        "feasibilityStudy",
        "projectPlan",
        "billOfQuantity",
        "bidders",
        "conflictOfInterest",
        "debarments",
        "illustration",
        "submissionDocuments",
        "contractSummary",
        "cancellationDetails",
        "procurementMethodRationale",
    ]
}
# Words naming the contract itself, folded (Spanish, English, Italian, French, the region's
# languages, Ukrainian and Russian transliterated): "contrato", "ugovor", "dogovir".
_CONTRACT_WORDS = re.compile(
    r"(?<![a-z])(contracts?|contrato|contratto|contrat|kontrat[a-z]*|ugovor[a-z]*|"
    r"dogovor[a-z]*|dogovir[a-z]*|orden de compra)(?![a-z])"
)


def _code(label: str) -> str:
    return fold(label).replace(" ", "")


def reading(document_type: str, ocds_type: str, title: str, url: str) -> str:
    """What one document is: the signed text, "other" (known to be something else), or
    unclear (nothing identifies it)."""
    label = ocds_type or document_type
    code = _code(label)
    if code == "contractsigned":
        return SIGNED
    if code in OCDS_CODES:
        return "other"
    path = url.rsplit("/", 1)[-1] if url else ""
    if _CONTRACT_WORDS.search(fold(f"{label} {title} {path}")):
        return SIGNED
    if document_type and document_type != "other":
        return "other"  # the tracker's own types (a decision, a notice)
    return UNCLEAR


def signed_text(documents: Iterable[tuple[str, str, str, str]]) -> str:
    """What a contract's documents (type, type as published, title, link) show of its signed
    text: "signed", "unclear" (documents that may be it) or "absent" (none could be)."""
    readings = {reading(*document) for document in documents}
    if SIGNED in readings:
        return SIGNED
    return UNCLEAR if UNCLEAR in readings else ABSENT
