"""The six jurisdictions and their FOI laws, as gathered in the project's legal research
(statutes, oversight bodies' pages, the RTI Rating). Confidence: H = statute or the oversight
body's own page; M = one good secondary source; L = verify before relying on it.
This is seed data: an admin edits the rows in the database, never these constants."""

from datetime import date

from django.utils.translation import gettext_noop  # the names are translated where shown

# code, name, country, level, parent, holiday subdivision
JURISDICTIONS = [
    ("RS", gettext_noop("Serbia"), "RS", "national", None, ""),
    ("BA", gettext_noop("Bosnia and Herzegovina (state institutions)"), "BA", "state", None, ""),
    ("BA-BIH", gettext_noop("Federation of Bosnia and Herzegovina"), "BA", "entity", "BA", "BIH"),
    # The holidays package also accepts "RS" as an alias of SRP; never store the alias.
    ("BA-SRP", gettext_noop("Republika Srpska"), "BA", "entity", "BA", "SRP"),
    ("BA-BRC", gettext_noop("Brčko District"), "BA", "district", "BA", "BRC"),
    ("ME", gettext_noop("Montenegro"), "ME", "national", None, ""),
    ("MK", gettext_noop("North Macedonia"), "MK", "national", None, ""),
    ("AL", gettext_noop("Albania"), "AL", "national", None, ""),
    ("XK", gettext_noop("Kosovo"), "XK", "national", None, ""),
]

# Appeal bodies: name, country, jurisdiction, aliases (name, script)
APPEAL_BODIES = {
    "RS": (
        "Commissioner for Information of Public Importance and Personal Data Protection",
        [
            ("Poverenik za informacije od javnog značaja i zaštitu podataka o ličnosti", "latn"),
            ("Повереник за информације од јавног значаја и заштиту података о личности", "cyrl"),
        ],
    ),
    "BA": (
        "Appeals Council at the Council of Ministers of Bosnia and Herzegovina",
        [
            ("Žalbeno vijeće pri Vijeću ministara BiH", "latn"),
            ("Жалбено вијеће при Савјету министара БиХ", "cyrl"),
        ],
    ),
    "ME": (
        "Agency for Personal Data Protection and Free Access to Information",
        [
            ("Agencija za zaštitu ličnih podataka i slobodan pristup informacijama", "latn"),
            ("Агенција за заштиту личних података и слободан приступ информацијама", "cyrl"),
        ],
    ),
    "MK": (
        "Agency for Protection of the Right to Free Access to Public Information",
        [
            (
                "Агенција за заштита на правото за слободен пристап до информациите од јавен карактер",
                "cyrl",
            ),
        ],
    ),
    "AL": (
        "Commissioner for the Right to Information and Protection of Personal Data",
        [
            (
                "Komisioneri për të Drejtën e Informimit dhe Mbrojtjen e të Dhënave Personale",
                "latn",
            ),
        ],
    ),
    "XK": ("Information and Privacy Agency", [("Agjencia për Informim dhe Privatësi", "latn")]),
}

SECRECY_LEVELS_RS = ["DRŽAVNA TAJNA", "STROGO POVERLJIVO", "POVERLJIVO", "INTERNO"]
SECRECY_LEVELS_BA = ["VRLO TAJNO", "TAJNO", "POVJERLJIVO", "INTERNO"]
SECRECY_LEVELS_ME = ["STROGO TAJNO", "TAJNO", "POVJERLJIVO", "INTERNO"]
SECRECY_LEVELS_MK = ["ДРЖАВНА ТАЈНА", "СТРОГО ДОВЕРЛИВО", "ДОВЕРЛИВО", "ИНТЕРНО"]
SECRECY_LEVELS_AL_XK = ["Tepër sekret", "Sekret", "Konfidencial", "I kufizuar"]
LEVELS_NOTE = "Classification levels: L, to confirm."


def cite(article: str, confidence: str = "H") -> dict[str, str]:
    """A rule's article and confidence (H, M, L); an empty article = not confirmed."""
    return {"article": article, "confidence": confidence}


# Serbia's general administrative procedure law (ZUP, Sl. glasnik RS 18/2016, 95/2018), Art. 80:
# the day of the event is not counted; a period ending on a non-working day ends on the next
# working day. The other jurisdictions' procedure laws have the same rule (confidence M).
ZUP_RS = cite("ZUP Art. 80", "M")  # the article number to be re-read (locale/GLOSSARY.md)
# Serbia, Art. 22(2): no complaint to the Commissioner against these six bodies, only an
# action at the Administrative Court. Their names as authorities are recorded (folded to
# compare: Cyrillic, case and diacritics do not matter).
SERBIAN_TOP_BODIES = [
    "Narodna skupština Republike Srbije",
    "Narodna skupština",
    "National Assembly of the Republic of Serbia",
    "National Assembly of Serbia",
    "Predsednik Republike Srbije",
    "Predsednik Republike",
    "President of the Republic of Serbia",
    "Vlada Republike Srbije",
    "Vlada Srbije",
    "Government of the Republic of Serbia",
    "Government of Serbia",
    "Vrhovni sud",
    "Vrhovni kasacioni sud",
    "Supreme Court of Serbia",
    "Supreme Court",
    "Supreme Court of Cassation",
    "Ustavni sud Srbije",
    "Ustavni sud",
    "Constitutional Court of Serbia",
    "Constitutional Court",
    "Vrhovno javno tužilaštvo",
    "Republičko javno tužilaštvo",
    "Supreme Public Prosecutor's Office",
    "Republic Public Prosecutor's Office",
    "Republic Public Prosecutor",
]

# BA, MK, ME: no source gives a closing date for a complaint about silence (do not invent one).
NO_SILENCE_LIMIT = cite("no source sets one", "M")

LAWS = [
    {
        "jurisdiction": "RS",
        "name": "Law on Free Access to Information of Public Importance",
        "short_name": "FOI Law of Serbia",
        "gazette": "Sl. glasnik RS 120/2004, last amended 105/2021",
        "source_url": "https://www.poverenik.rs/",
        "confidence": "H",
        "confidence_note": "Appeal window: M-H. " + LEVELS_NOTE,
        "response_days": 15,
        "response_day_kind": "calendar",
        "urgent_hours": 48,
        "extension_days": 40,
        "extension_basis": "from_receipt",
        "extension_notice_days": 7,
        "extension_condition": (
            "The requester is told of the extension within 7 days of receipt (Art. 16(3)); a "
            "later notice does not extend the deadline."
        ),
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "appeal_decision_days": 30,
        "court_only_bodies": SERBIAN_TOP_BODIES,
        "court_route": (
            "Administrative Court (Upravni sud): an action, not a complaint to the Commissioner "
            "(Art. 22(2))"
        ),
        "citations": {
            "response": cite("Art. 16(1)"),
            "urgent": cite("Art. 16(2)"),
            "extension": cite("Art. 16(3)"),
            "extension_notice": cite("Art. 16(3)", "M"),
            "appeal": cite("Art. 22(1)"),
            "silence_appeal": cite("Art. 22(1); the Commissioner's guidance “Kome se žaliti”"),
            "appeal_decision": cite("Art. 24(1)", "M"),
            "counting": ZUP_RS,
        },
        "appeal_note": (
            "15 days from delivery of the decision (Art. 22(1)); a complaint about silence may be "
            "lodged once the deadline has passed, with no closing date. For six top bodies (National Assembly, President, Government, Supreme Court, "
            "Constitutional Court, Republic Public Prosecutor) there is no complaint to the "
            "Commissioner: an action at the Administrative Court instead."
        ),
        "harm_test_required": True,
        "classified_note": (
            "Art. 9(5): refusal for a state, official, business or other secret only after weighing "
            "harm against the public interest; the Commissioner holds that a secrecy stamp alone is "
            "not enough."
        ),
        "classified_advice": (
            "Complain to the Commissioner within the appeal window: ask which harm disclosure would "
            "cause and whether the public interest was weighed; a secrecy stamp alone does not "
            "justify a refusal."
        ),
        "classification_levels": SECRECY_LEVELS_RS,
    },
    {
        "jurisdiction": "BA",
        "name": "Law on Freedom of Access to Information at the Level of the Institutions of Bosnia and Herzegovina",
        "short_name": "FOI Law of BiH (2023)",
        "gazette": "Sl. glasnik BiH 61/23",
        "effective_from": date(2023, 9, 13),
        "source_url": "https://www.rti-rating.org/",
        "confidence": "L",
        "confidence_note": (
            "Appeal body H; periods L. Extension not confirmed. No source gives a closing date "
            "for a complaint about silence. " + LEVELS_NOTE
        ),
        "response_days": 15,
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "citations": {
            "response": cite("", "L"),
            "appeal": cite("", "L"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "counting": cite("ZUP BiH", "M"),
        },
        "appeal_note": "The Ombudsman only recommends; the Appeals Council decides.",
        "harm_test_required": False,
        "classified_note": "The 2000 Act did not explicitly override secrecy laws (H for the old Act).",
        "classified_advice": "Record the refusal and appeal to the Appeals Council within the window.",
        "classification_levels": SECRECY_LEVELS_BA,
    },
    {
        "jurisdiction": "BA",
        "name": "Freedom of Access to Information Act for Bosnia and Herzegovina (2000)",
        "short_name": "FOI Act of BiH (2000)",
        "gazette": "Sl. glasnik BiH 28/00, 45/06, 102/09, 62/11, 100/13",
        "effective_to": date(2023, 9, 12),
        "source_url": "https://www.rti-rating.org/",
        "confidence": "M",
        "confidence_note": (
            "Applied to state institutions until the 2023 law (in force 2023-09-13). Response "
            "period M; appeal period L. No source gives a closing date for a complaint about "
            "silence. " + LEVELS_NOTE
        ),
        "response_days": 15,
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "citations": {
            "response": cite("Art. 14(4)", "M"),
            "appeal": cite("", "L"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "counting": cite("ZUP BiH", "M"),
        },
        "appeal_body": "The second-instance body (appeal); the Ombudsman of BiH may be asked too",
        "appeal_note": "An appeal to the second-instance body; the Ombudsman may be asked too.",
        "harm_test_required": True,
        "classified_note": "The 2000 Act did not explicitly override secrecy laws (H).",
        "classified_advice": "Record the refusal and appeal within the window.",
        "classification_levels": SECRECY_LEVELS_BA,
    },
    {
        "jurisdiction": "BA-BIH",
        "name": "Freedom of Access to Information Act of the Federation of Bosnia and Herzegovina",
        "short_name": "FOI Act of FBiH",
        "gazette": "2001, amended 2011",
        "source_url": "https://www.rti-rating.org/",
        "confidence": "M",
        "confidence_note": "Appeal route H; periods M. No extension known. " + LEVELS_NOTE,
        "response_days": 15,
        "appeal_days": 8,
        "silence_appeal_closes": False,
        "citations": {
            "response": cite("Art. 14(4)", "M"),
            "appeal": cite("", "M"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "counting": cite("ZUP FBiH", "M"),
        },
        "appeal_body": "Head of the body (objection), then an administrative dispute",
        "appeal_note": "An objection to the head of the body, then an administrative dispute.",
        "harm_test_required": False,
        "classified_note": "Secrecy laws were not explicitly overridden.",
        "classified_advice": "Lodge an objection with the head of the body within 8 days.",
        "classification_levels": SECRECY_LEVELS_BA,
    },
    {
        "jurisdiction": "BA-SRP",
        "name": "Freedom of Access to Information Act of Republika Srpska",
        "short_name": "FOI Act of Republika Srpska",
        "gazette": "2001",
        "source_url": "https://www.rti-rating.org/",
        "confidence": "L",
        "confidence_note": "L-M. No extension known. " + LEVELS_NOTE,
        "response_days": 15,
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "citations": {
            "response": cite("Art. 14(4)", "L"),
            "appeal": cite("", "L"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "counting": cite("ZUP RS", "M"),
        },
        "appeal_body": "Second-instance body under the law on administrative procedure",
        "appeal_note": "An appeal under the law on administrative procedure.",
        "harm_test_required": False,
        "classified_note": "Secrecy laws were not explicitly overridden.",
        "classified_advice": "Appeal under the administrative procedure law within the window.",
        "classification_levels": SECRECY_LEVELS_BA,
    },
    {
        "jurisdiction": "BA-BRC",
        "name": "Brčko District: no FOI law of its own (district law in preparation)",
        "short_name": "Brčko District (no FOI law)",
        "effective_from": date(2023, 9, 13),
        "source_url": "https://www.rti-rating.org/",
        "confidence": "L",
        "confidence_note": (
            "M / L. Covered by the state law until September 2023; a district law is in preparation. "
            "No response period is known, so no deadline can be computed."
        ),
        "response_days": None,
        "appeal_body": "Court (action only)",
        "appeal_note": "Court action only; there is no administrative appeal.",
        "harm_test_required": False,
        "classified_advice": "Only a court action is available.",
        "classification_levels": SECRECY_LEVELS_BA,
    },
    {
        "jurisdiction": "ME",
        "name": "Law on Free Access to Information",
        "short_name": "FOI Law of Montenegro (2012)",
        "gazette": "Sl. list CG 44/12, 30/17",
        "effective_to": date(2026, 7, 6),
        "source_url": "https://www.azlp.me/",
        "confidence": "M",
        "confidence_note": "Periods M; whether the 8-day extension counts working days is unconfirmed. "
        + LEVELS_NOTE,
        "response_days": 15,
        "response_day_kind": "working",
        "urgent_hours": 48,
        "extension_days": 8,
        "extension_condition": "Voluminous information, partly classified, or from several sources.",
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "appeal_decision_days": 15,
        "citations": {
            "response": cite("Art. 31(1)", "M"),
            "urgent": cite("Art. 31(2)", "M"),
            "extension": cite("Art. 31(3)", "M"),
            "appeal": cite("", "M"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "appeal_decision": cite("", "M"),
            "counting": cite("ZUP CG", "M"),
        },
        "classified_outside_law": True,
        "harm_test_required": False,
        "classified_note": (
            "2017 amendment, Art. 1: the law does not apply to classified information at all — "
            "no harm test, no review by the Agency."
        ),
        "classified_advice": (
            "The Agency route is closed for classified information: ask the classifying body to "
            "declassify, or go to court."
        ),
        "classification_levels": SECRECY_LEVELS_ME,
    },
    {
        "jurisdiction": "ME",
        "name": "Law on Free Access to Information (2025)",
        "short_name": "FOI Law of Montenegro (2025)",
        "gazette": "Sl. list CG 160/2025",
        "effective_from": date(2026, 7, 7),
        "source_url": "https://me.propisi.net/zakon-o-slobodnom-pristupu-informacijama",
        "confidence": "L",
        "confidence_note": (
            "Published 2025-12-30, in force 2026-01-07, applies from 2026-07-07. Its periods are "
            "not yet confirmed from the text: the 2012 law's periods are used provisionally "
            "(15 working days, 48 hours urgent, 8 days extension, 15 days to complain after a "
            "decision, the Agency decides within 15 days). " + LEVELS_NOTE
        ),
        "provisional": True,
        "response_days": 15,
        "response_day_kind": "working",
        "urgent_hours": 48,
        "extension_days": 8,
        "extension_condition": "Provisional: the 2012 law's condition, until confirmed.",
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "appeal_decision_days": 15,
        "citations": {
            "response": cite("2012 law, Art. 31(1), provisional", "L"),
            "urgent": cite("2012 law, Art. 31(2), provisional", "L"),
            "extension": cite("2012 law, Art. 31(3), provisional", "L"),
            "appeal": cite("2012 law, provisional", "L"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "appeal_decision": cite("2012 law, provisional", "L"),
            "counting": cite("ZUP CG", "M"),
        },
        "classified_outside_law": False,
        "harm_test_required": True,
        "classified_note": (
            "Art. 3: information is covered regardless of its classification; the 2017 exclusion "
            "of classified information is not in the new Art. 1."
        ),
        "classified_advice": (
            "Complain to the Agency: a classification stamp alone does not take information out "
            "of the law."
        ),
        "classification_levels": SECRECY_LEVELS_ME,
    },
    {
        "jurisdiction": "MK",
        "name": "Law on Free Access to Public Information",
        "short_name": "FOI Law of North Macedonia (2019)",
        "gazette": "2019",
        "source_url": "https://aspi.mk/",
        "confidence": "H",
        "confidence_note": "Appeal window M-L. " + LEVELS_NOTE,
        "response_days": 20,
        "extension_days": 30,
        "extension_basis": "from_receipt",
        "appeal_days": 15,
        "silence_appeal_closes": False,
        "citations": {
            "response": cite("Art. 21(1)"),
            "extension": cite("the Agency's page (aspi.mk)", "H"),
            "appeal": cite("", "M"),
            "silence_appeal": NO_SILENCE_LIMIT,
            "counting": cite("ZOUP", "M"),
        },
        "harm_test_required": True,
        "classified_note": "Art. 6(1)(1), with a mandatory harm test before refusing.",
        "classified_advice": "Complain to the Agency: the harm test is mandatory before a refusal.",
        "classification_levels": SECRECY_LEVELS_MK,
    },
    {
        "jurisdiction": "AL",
        "name": "Law No. 119/2014 on the Right to Information",
        "short_name": "Law 119/2014 (Albania)",
        "gazette": "Law No. 119/2014",
        "source_url": "https://www.idp.al/",
        "confidence": "H",
        "confidence_note": "Secrecy rule M-L. " + LEVELS_NOTE,
        "response_days": 10,
        "response_day_kind": "working",
        "forwarded_response_days": 15,
        "extension_days": 5,
        "extension_day_kind": "working",
        "extension_condition": "The requester is notified immediately.",
        "silence_is_refusal": True,
        "appeal_days": 30,
        "appeal_day_kind": "working",
        "appeal_note": "Counted from the refusal or from the expiry of the deadline.",
        "appeal_decision_days": 15,
        "appeal_decision_day_kind": "working",
        "citations": {
            "response": cite("Art. 15(2)"),
            "extension": cite("Art. 15(4)", "M"),
            "appeal": cite("Art. 24(1)"),
            "silence_appeal": cite("Art. 24(1)"),
            "appeal_decision": cite("Art. 24", "M"),
            "counting": cite("Code of Administrative Procedure", "M"),
        },
        "harm_test_required": True,
        "classified_note": "Art. 17: limited for classified information, subject to a harm and public-interest test.",
        "classified_advice": "Complain to the Commissioner; ask for the harm and public-interest test.",
        "classification_levels": SECRECY_LEVELS_AL_XK,
    },
    {
        "jurisdiction": "XK",
        "name": "Law No. 06/L-081 on Access to Public Documents",
        "short_name": "Law 06/L-081 (Kosovo)",
        "gazette": "Law No. 06/L-081 (2019)",
        "source_url": "https://aip.rks-gov.net/",
        "confidence": "H",
        "confidence_note": "Whether periods count calendar or working days: M. " + LEVELS_NOTE,
        "response_days": 7,
        "urgent_hours": 48,
        "extension_days": 15,
        "extension_basis": "from_receipt",
        "extension_condition": (
            "15 days in total from registration, only if the body announces that it needs more "
            "time (not 7 + 15)."
        ),
        "appeal_days": 15,
        "citations": {
            "response": cite("Art. 13(1)"),
            "urgent": cite("", "M"),
            "extension": cite("Art. 13", "M"),
            "appeal": cite("the Information and Privacy Agency's page", "H"),
            "silence_appeal": cite("the Information and Privacy Agency's page", "H"),
            "counting": cite("Law on General Administrative Procedure", "M"),
        },
        "appeal_note": (
            "From refusal or silence. After the Agency's decision, an action at the administrative "
            "court within 30 days."
        ),
        "harm_test_required": False,
        "classified_note": "Unclear whether secrecy laws override the FOI law (M).",
        "classified_advice": "Record the refusal and complain to the Agency.",
        "classification_levels": SECRECY_LEVELS_AL_XK,
    },
]
