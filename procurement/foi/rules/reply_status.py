"""What an authority's reply most likely says, as a suggestion for the editor (pure).

Replies come in Serbian (Latin and Cyrillic), Bosnian, Croatian, Montenegrin, Macedonian,
Albanian and English. The text is folded (Cyrillic → Latin, no diacritics, lower case:
`procurement.core.folding.fold`), so one phrase list serves both scripts. The first rule that
matches wins, most specific first: classified (with the level of the law's list and the
article cited), refused, partly answered, information not held, extended (with the new
date), answered, acknowledged. A suggestion only ever proposes: the editor confirms it
through the workflow, or dismisses it.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from procurement.core.folding import fold, latin_lower

# Phrases per status, folded. Each is a regular expression matched on word boundaries.
PHRASES: dict[str, tuple[str, ...]] = {
    "classified": (
        r"tajn[aeiou]?m?",
        r"stepen[a-z]* tajnosti",
        r"oznak[a-z]* tajnosti",
        r"klasifikovan[a-z]*",
        r"klasificiran[a-z]*",
        r"klasifikuvan[a-z]*",
        r"doverliv[a-z]*",
        r"poverljiv[a-z]*",
        r"povjerljiv[a-z]*",
        r"sekret[a-z]*",
        r"konfidencial[a-z]*",
        r"e klasifikuar",
        r"classified",
        r"secret",
        r"confidential",
    ),
    "refused": (
        r"odbij[a-z]*",
        r"odbacuje",
        r"odbacen[a-z]*",
        r"odbiva[a-z]*",
        r"odbien[a-z]*",
        r"ne moze se udovoljiti",
        r"nije moguce udovoljiti",
        r"uskracuje",
        r"uskracen[a-z]*",
        r"ne mozemo vam dostaviti",
        r"refuz[a-z]*",
        r"nuk mund t[e]? (ju )?(jepet|jepen|jap)[a-z]*",
        r"refus[a-z]*",
        r"reject[a-z]*",
        r"denied",
        r"deny",
        r"declin[a-z]*",
        r"cannot (be )?(provide|disclose|grant)[a-z]*",
    ),
    "partially_answered": (
        r"delimicn[a-z]*",
        r"djelimicn[a-z]*",
        r"djelomicn[a-z]*",
        r"delumn[a-z]*",
        r"pjeserisht",
        r"partial[a-z]*",
        r"in part",
        r"partly",
        r"deo informacija",
        r"dio informacija",
        r"del od informacii",
    ),
    "not_held": (
        r"ne posedu(je|ju|ve|va)",
        r"ne posjedu(je|ju)",
        r"ne raspolaze",
        r"ne raspolazemo",
        r"nije u posjedu",
        r"nije u posedu",
        r"ne poseduva",
        r"ne raspolaga",
        r"ne sodrzi",
        r"nuk e? ?(disponon|disponojme|posedon|posedojme|zoteron|zoterojme)",
        r"nuk disponon",
        r"do(es)? not hold",
        r"not in (our|its) possession",
        r"no such (document|information)",
    ),
    "extended": (
        # Only a time limit being extended: "produženje ugovora" (a contract) is not one.
        r"produz[a-z]*(?: \w+){0,3} rok[a-z]*",
        r"rok[a-z]*(?: \w+){0,3} produz[a-z]*",
        r"produljen[a-z]*(?: \w+){0,3} rok[a-z]*",
        r"rok[a-z]*(?: \w+){0,3} produlj[a-z]*",
        r"prodolz[a-z]*(?: \w+){0,3} rok[a-z]*",
        r"rok[a-z]*(?: \w+){0,3} prodolz[a-z]*",
        r"dodatn[a-z]* rok[a-z]*",
        r"zgjat[a-z]*(?: \w+){0,3} afat[a-z]*",
        r"afat[a-z]*(?: \w+){0,3} zgjat[a-z]*",
        r"shtyhet(?: \w+){0,3} afat[a-z]*",
        r"extend[a-z]*(?: \w+){0,3} (deadline|time limit|period)",
        r"extension of the (deadline|time limit|period)",
        r"(deadline|time limit|period)(?: \w+){0,3} extended",
    ),
    "answered": (
        r"u prilogu",
        r"u privitku",
        r"dostavljamo",
        r"dostavljam",
        r"dostavljene",
        r"vo prilog",
        r"dostavuvame",
        r"ve prilog",
        r"bashkengjitur",
        r"bashkelidhur",
        r"ju dergojme",
        r"ju percjellim",
        r"please find attached",
        r"attached (please find|are|is|you will find)",
        r"we enclose",
        r"enclosed (please find|are|is)",
        r"in reply to your request",
        r"requested information",
        r"trazen[a-z]* informacij[a-z]*",
        r"barane[a-z]* informacii",
        r"informacion[a-z]* e kerkuar",
    ),
    "acknowledged": (
        r"primili smo",
        r"primljen",
        r"zaprimljen[a-z]*",
        r"zavede[a-z]* pod (brojem|br)",
        r"primivme",
        r"primeno",
        r"e kemi marre",
        r"u regjistrua",
        r"eshte regjistruar",
        r"kemi pranuar",
        r"we (have )?received your (request|e ?mail|message)",
        r"has been registered",
        r"acknowledge",
    ),
}
ORDER = (
    "classified",
    "refused",
    "partially_answered",
    "not_held",
    "extended",
    "answered",
    "acknowledged",
)
_COMPILED = {
    status: re.compile(r"\b(" + "|".join(phrases) + r")\b") for status, phrases in PHRASES.items()
}

# Classification levels where the law on record gives none, folded → as written.
GENERIC_LEVELS = (
    "DRŽAVNA TAJNA",
    "STROGO POVERLJIVO",
    "POVERLJIVO",
    "VRLO TAJNO",
    "STROGO TAJNO",
    "TAJNO",
    "POVJERLJIVO",
    "ДРЖАВНА ТАЈНА",
    "СТРОГО ДОВЕРЛИВО",
    "ДОВЕРЛИВО",
    "Tepër sekret",
    "Sekret",
    "Konfidencial",
    "TOP SECRET",
    "SECRET",
    "CONFIDENTIAL",
    "RESTRICTED",
    "INTERNO",
    "ИНТЕРНО",
    "I kufizuar",
)

# "član 9. stav 1", "čl. 9", "члан 9", "член 6 став 1", "neni 17", "Article 9(1)", "Art. 9".
ARTICLE = re.compile(
    r"(?<![\w])(?:član(?:a|u|om)?|čl\.|clan(?:a|u)?|cl\.|члан(?:а|у|ом)?|чл\.|член(?:от)?"
    r"|neni(?:t|n)?|article|art\.)\s*\d{1,3}[a-z]?\.?"
    r"(?:\s*\(\d{1,2}\))?"
    r"(?:\s*,?\s*(?:stav(?:a|u)?|st\.|став(?:а|у)?|ст\.|stavak|stavka|tačka|tačke|тачка|точка"
    r"|alineja|paragraf(?:i|in)?|paragraph|para\.|pika)\s*\d{1,2}\.?)?",
    re.IGNORECASE,
)

# Month names, folded, of every language (nominative and genitive stems), → month number.
MONTHS = {
    **dict.fromkeys(["januar", "january", "januari", "janar", "sijecanj", "sijecnja"], 1),
    **dict.fromkeys(["februar", "february", "fevruari", "shkurt", "veljaca", "veljace"], 2),
    **dict.fromkeys(["mart", "march", "mars", "ozujak", "ozujka"], 3),
    **dict.fromkeys(["april", "aprila", "prill", "travanj", "travnja"], 4),
    **dict.fromkeys(["maj", "may", "svibanj", "svibnja"], 5),
    **dict.fromkeys(["jun", "june", "juni", "qershor", "lipanj", "lipnja"], 6),
    **dict.fromkeys(["jul", "july", "juli", "korrik", "srpanj", "srpnja"], 7),
    **dict.fromkeys(["avgust", "august", "gusht", "kolovoz", "kolovoza"], 8),
    **dict.fromkeys(["septembar", "september", "septemvri", "shtator", "rujan", "rujna"], 9),
    **dict.fromkeys(["oktobar", "october", "oktomvri", "tetor", "listopad", "listopada"], 10),
    **dict.fromkeys(["novembar", "november", "noemvri", "nentor", "studeni", "studenog"], 11),
    **dict.fromkeys(["decembar", "december", "dekemvri", "dhjetor", "prosinac", "prosinca"], 12),
}
_MONTH_WORD = r"(?P<month>[a-z]+)"
_NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})\s*[./-]\s*(?P<m>\d{1,2})\s*[./-]\s*(?P<y>\d{4})\b")
_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_WORD_DATE = re.compile(rf"\b(?P<d>\d{{1,2}})\s*\.?\s*{_MONTH_WORD}\s+(?P<y>\d{{4}})\b")
_ENGLISH_DATE = re.compile(rf"\b{_MONTH_WORD}\s+(?P<d>\d{{1,2}})\s*,?\s+(?P<y>\d{{4}})\b")


@dataclass(frozen=True)
class Suggestion:
    status: str
    facts: dict[str, str] = field(default_factory=dict)
    extended_to: date | None = None
    evidence: tuple[str, ...] = ()

    def as_data(self) -> dict:
        return {
            "status": self.status,
            "facts": dict(self.facts),
            "extended_to": self.extended_to.isoformat() if self.extended_to else "",
            "evidence": list(self.evidence),
        }


def _month(word: str) -> int | None:
    for stem, number in MONTHS.items():
        if word == stem or (word.startswith(stem) and len(word) - len(stem) <= 2):
            return number
    return None


def dates_in(text: str) -> list[date]:
    """Every calendar date written in `text`, in order of appearance."""
    text = latin_lower(text)
    found: list[tuple[int, date]] = []
    for pattern in (_NUMERIC_DATE, _ISO_DATE, _WORD_DATE, _ENGLISH_DATE):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["m"]) if groups.get("m") else _month(groups["month"])
            try:
                found.append((match.start(), date(int(groups["y"]), month or 0, int(groups["d"]))))
            except ValueError:
                continue
    return [day for _position, day in sorted(found, key=lambda item: item[0])]


def classification_level(folded: str, levels: list[str]) -> str:
    """The level the text cites, as written in the law's list (else the generic list)."""
    for candidates in (levels, GENERIC_LEVELS):
        for level in sorted(candidates, key=lambda name: -len(fold(name))):
            key = fold(level)
            if key and re.search(rf"\b{re.escape(key)}\b", folded):
                return level
    return ""


def article_cited(text: str) -> str:
    """The first article reference of the text, as written ("član 9. stav 1", "Article 9(1)")."""
    match = ARTICLE.search(text)
    return " ".join(match.group(0).split()).rstrip(".,") if match else ""


def suggest(
    text: str,
    subject: str = "",
    *,
    levels: list[str] | None = None,
    received: date | None = None,
    has_attachments: bool = False,
) -> Suggestion | None:
    """The status a reply most likely reports, with what the text says about it; None when
    it says nothing recognisable."""
    original = f"{subject}\n{text}"
    folded = fold(original)
    hits = {status: _COMPILED[status].search(folded) for status in ORDER}
    level = classification_level(folded, levels or [])
    article = article_cited(original)
    if hits["classified"] and level:
        facts = {"classification_level": level}
        if article:
            facts["classification_article"] = article
        return Suggestion("classified", facts, evidence=(hits["classified"].group(0), level))
    if hits["refused"] and hits["partially_answered"]:
        facts = {"refusal_ground": article} if article else {}
        return Suggestion("partially_answered", facts, evidence=(hits["refused"].group(0),))
    for status in ORDER[1:]:
        hit = hits[status]
        if hit is None:
            continue
        facts: dict[str, str] = {}
        extended_to = None
        if status in ("refused", "partially_answered", "not_held") and article:
            facts["refusal_ground"] = article
        if status == "extended":
            later = [day for day in dates_in(original) if received is None or day > received]
            extended_to = later[0] if later else None
        return Suggestion(status, facts, extended_to, evidence=(hit.group(0),))
    if has_attachments:
        return Suggestion("answered", evidence=("attachments",))
    return None
