"""Letters a lawyer in each jurisdiction would send, as seed data: one set per (law, route,
language), each with an English version beside it.

Seed data: an admin edits the rows (LetterTemplate) in the database, never these constants.
The texts are legal text written here (not gettext): the official languages of the
jurisdiction, in the register of official correspondence. Serbian Cyrillic is generated from
the Serbian Latin by `procurement.core.transliteration`.

Bodies are Django templates rendered as plain text with (see `rules.letters.context`):
`request`, `law`, `authority`, `organisation` (the complainant: its name and `postal_address`
from the profile; a bracketed gap when missing), `appeal_body`, the dates `sent_on`,
`received_on`, `due_on`, `appeal_due_on`, `decision_delivered_on`, `today` already written
in the letter's language, `overdue`, `decision_number`, and `g`, the past-tense ending that agrees with the authority's grammatical gender ("postupi{{ g }}":
postupio / postupila / postupilo). Bracketed parts are for the requester to complete.

Routes (where a complaint goes):
- `appeal`: the law's appeal body (Commissioner, Agency, Appeals Council…);
- `court`: Serbia's six top bodies — an action at the Administrative Court (ZSPIJZ Art. 22(2));
- `objection` then `ombudsman`: the Federation of BiH — an objection to the head of the body
  that decided, then a complaint to the Ombudsman (or an administrative dispute), in that order.
"""

from procurement.core.transliteration import latin_to_cyrillic

ROUTE_ORDER = ["appeal", "objection", "ombudsman", "court"]
COMPLAINTS = ["complaint_silence", "complaint_refusal", "complaint_classified"]

# law key → the official languages its letters are written in, the default first.
LANGUAGES = {
    "RS": ["sr-latn", "sr"],
    "BA": ["bs", "hr", "sr-latn"],
    "BA-2000": ["bs", "hr", "sr-latn"],
    "BA-BIH": ["bs", "hr", "sr-latn"],
    "BA-SRP": ["sr", "sr-latn", "bs", "hr"],
    "ME": ["cnr"],
    "ME-2025": ["cnr"],
    "MK": ["mk"],
    "AL": ["sq"],
    "XK": ["sq", "sr-latn"],
}

# law key → the routes of its complaints, in the order they are taken.
ROUTES = {
    "RS": ["appeal", "court"],
    "BA-BIH": ["objection", "ombudsman"],
}

# (law key, language) → the phrase set the letter is written from.
DIALECT = {
    ("RS", "sr-latn"): "sr",
    ("RS", "sr"): "sr",
    ("XK", "sr-latn"): "sr",
    ("BA-SRP", "sr"): "ij",
    ("BA-SRP", "sr-latn"): "ij",
    ("BA", "sr-latn"): "ij",
    ("BA-2000", "sr-latn"): "ij",
    ("BA-BIH", "sr-latn"): "ij",
}
CYRILLIC = {"sr"}  # languages generated in Cyrillic from the Latin text


def law_key(jurisdiction: str, law_name: str) -> str:
    """The key of a seeded law (`reference.foi_laws.LAWS`): the jurisdiction's code, with the
    year for a second version (BA 2000 Act, Montenegro 2025)."""
    if jurisdiction == "BA" and "(2000)" in law_name:
        return "BA-2000"
    if jurisdiction == "ME" and "(2025)" in law_name:
        return "ME-2025"
    return jurisdiction


# The articles a letter cites: (article, paragraph); None = not confirmed (the letter leaves a
# bracket for the requester). Sources: the laws' citations in `reference/foi_laws.py`; RS
# Art. 15 (request) and Art. 9(5) (secrets) from the law's text; MK Art. 21 from an authority's
# page quoting the 2019 law (M).
ARTICLES = {
    "RS": {
        "request": ("15", None),
        "response": ("16", "1"),
        "appeal": ("22", "1"),
        "court": ("22", "2"),
        "classified": ("9", "5"),
    },
    "BA": {},
    "BA-2000": {"response": ("14", "4")},
    "BA-BIH": {"response": ("14", "4")},
    "BA-SRP": {"response": ("14", "4")},
    "ME": {"response": ("31", "1")},
    "ME-2025": {},
    "MK": {"response": ("21", "1")},
    "AL": {"response": ("15", "2"), "appeal": ("24", "1")},
    "XK": {"response": ("13", "1")},
}

# The law's name in each phrase set, in the form the first sentence needs (genitive).
LAW_NAMES = {
    "RS": {
        "sr": "Zakona o slobodnom pristupu informacijama od javnog značaja "
        "(„Službeni glasnik RS“, br. 120/2004 … 105/2021)",
        "en": "Law on Free Access to Information of Public Importance "
        "(Official Gazette of RS 120/2004 … 105/2021)",
    },
    "BA": {
        "bs": "Zakona o slobodi pristupa informacijama na nivou institucija Bosne i Hercegovine "
        "(„Službeni glasnik BiH“, broj 61/23)",
        "hr": "Zakona o slobodi pristupa informacijama na razini institucija Bosne i Hercegovine "
        "(„Službeni glasnik BiH“, broj 61/23)",
        "ij": "Zakona o slobodi pristupa informacijama na nivou institucija Bosne i Hercegovine "
        "(„Službeni glasnik BiH“, broj 61/23)",
        "en": "Law on Freedom of Access to Information at the Level of the Institutions of "
        "Bosnia and Herzegovina (Official Gazette of BiH 61/23)",
    },
    "BA-2000": {
        "bs": "Zakona o slobodi pristupa informacijama u Bosni i Hercegovini "
        "(„Službeni glasnik BiH“, br. 28/00 … 100/13)",
        "hr": "Zakona o slobodi pristupa informacijama u Bosni i Hercegovini "
        "(„Službeni glasnik BiH“, br. 28/00 … 100/13)",
        "ij": "Zakona o slobodi pristupa informacijama u Bosni i Hercegovini "
        "(„Službeni glasnik BiH“, br. 28/00 … 100/13)",
        "en": "Freedom of Access to Information Act for Bosnia and Herzegovina "
        "(Official Gazette of BiH 28/00 … 100/13)",
    },
    "BA-BIH": {
        "bs": "Zakona o slobodi pristupa informacijama u Federaciji Bosne i Hercegovine",
        "hr": "Zakona o slobodi pristupa informacijama u Federaciji Bosne i Hercegovine",
        "ij": "Zakona o slobodi pristupa informacijama u Federaciji Bosne i Hercegovine",
        "en": "Freedom of Access to Information Act of the Federation of Bosnia and Herzegovina",
    },
    "BA-SRP": {
        "bs": "Zakona o slobodi pristupa informacijama Republike Srpske "
        "(„Službeni glasnik Republike Srpske“, broj 20/01)",
        "hr": "Zakona o slobodi pristupa informacijama Republike Srpske "
        "(„Službeni glasnik Republike Srpske“, broj 20/01)",
        "ij": "Zakona o slobodi pristupa informacijama Republike Srpske "
        "(„Službeni glasnik Republike Srpske“, broj 20/01)",
        "en": "Freedom of Access to Information Act of Republika Srpska "
        "(Official Gazette of Republika Srpska 20/01)",
    },
    "ME": {
        "cnr": "Zakona o slobodnom pristupu informacijama („Službeni list CG“, br. 44/12 i 30/17)",
        "en": "Law on Free Access to Information (Official Gazette of Montenegro 44/12, 30/17)",
    },
    "ME-2025": {
        "cnr": "Zakona o slobodnom pristupu informacijama („Službeni list CG“, broj 160/25)",
        "en": "Law on Free Access to Information (Official Gazette of Montenegro 160/25)",
    },
    "MK": {
        "mk": "Законот за слободен пристап до информации од јавен карактер "
        "(„Службен весник на Република Северна Македонија“ бр. 101/2019)",
        "en": "Law on Free Access to Public Information (Official Gazette of the Republic of "
        "North Macedonia 101/2019)",
    },
    "AL": {
        "sq": "Ligjit nr. 119/2014 „Për të drejtën e informimit“",
        "en": "Law No. 119/2014 on the Right to Information",
    },
    "XK": {
        "sq": "Ligjit nr. 06/L-081 për qasje në dokumente publike",
        "sr": "Zakona br. 06/L-081 o pristupu javnim dokumentima",
        "en": "Law No. 06/L-081 on Access to Public Documents",
    },
}

NOT_CONFIRMED = "address not confirmed"
AUTHORITY_ADDRESS = "the authority's own address"


# Where a law sends the appeal to the second-instance body of the body that decided (BiH 2000
# Act, Republika Srpska): no single body for the law; the decision's instruction on legal
# remedy names it (recorded with the decision step: `decision_appeal_body`), else the
# requester fills in the bracket.
def _second_instance(bracket: str, through: str) -> str:
    return (
        f"{{% if decision_appeal_body %}}{{{{ decision_appeal_body }}}}"
        f"{{% else %}}{bracket}{{% endif %}}, {through}"
    )


SECOND_INSTANCE = {
    "bs": _second_instance("[naziv drugostepenog organa]", "putem javnog organa koji je odlučio"),
    "hr": _second_instance(
        "[naziv drugostupanjskog tijela]", "putem tijela javne vlasti koje je odlučilo"
    ),
    "ij": _second_instance("[naziv drugostepenog organa]", "putem javnog organa koji je odlučio"),
    "en": _second_instance(
        "[name of the second-instance body]", "through the public body that decided"
    ),
}


def appeals_to_second_instance(jurisdiction: str, law_name: str) -> bool:
    """The law sends the appeal to the deciding body's own second instance (no one body for
    the law): the decision names it, and the letters need it recorded."""
    appeal = ADDRESSEES.get((law_key(jurisdiction, law_name), "appeal"), {})
    return appeal.get("name") is SECOND_INSTANCE


# (law key, route) → where the complaint goes: its name per phrase set, postal and e-mail
# address (None: not confirmed — the letter leaves a bracket), and the source.
ADDRESSEES = {
    ("RS", "appeal"): {
        "name": {
            "sr": "Poverenik za informacije od javnog značaja i zaštitu podataka o ličnosti",
            "en": "Commissioner for Information of Public Importance and Personal Data Protection",
        },
        "postal": "Bulevar kralja Aleksandra 15, 11120 Beograd",
        "email": "office@poverenik.rs",
        "source": "Commissioner's contact details as published in several privacy notices "
        "(stored public code); the brief (M–H)",
    },
    ("RS", "court"): {
        "name": {"sr": "Upravni sud", "en": "Administrative Court (Upravni sud)"},
        "postal": None,
        "email": None,
        "source": "ZSPIJZ Art. 22(2) (H); the court's address is not confirmed",
    },
    ("BA", "appeal"): {
        "name": {
            "bs": "Žalbeno vijeće pri Vijeću ministara Bosne i Hercegovine",
            "hr": "Žalbeno vijeće pri Vijeću ministara Bosne i Hercegovine",
            "ij": "Žalbeno vijeće pri Savjetu ministara Bosne i Hercegovine",
            "en": "Appeals Council at the Council of Ministers of Bosnia and Herzegovina",
        },
        "postal": None,
        "email": None,
        "source": "foi-laws.md (body H); address not confirmed",
    },
    ("BA-2000", "appeal"): {
        "name": SECOND_INSTANCE,
        "postal": None,
        "email": None,
        "source": "2000 Act: appeal to the second-instance body (M); no single body for the law: "
        "the one the decision names (its instruction on legal remedy), else a bracket",
    },
    ("BA-BIH", "objection"): {
        "name": {
            "bs": "{{ authority.name }}, rukovodilac javnog organa",
            "hr": "{{ authority.name }}, čelnik tijela javne vlasti",
            "ij": "{{ authority.name }}, rukovodilac javnog organa",
            "en": "{{ authority.name }}, head of the public body",
        },
        "postal": AUTHORITY_ADDRESS,
        "email": None,
        "source": "foi-laws.md: objection to the head of the body (M)",
    },
    ("BA-BIH", "ombudsman"): {
        "name": {
            "bs": "Institucija ombudsmena za ljudska prava Bosne i Hercegovine",
            "hr": "Institucija ombudsmana za ljudska prava Bosne i Hercegovine",
            "ij": "Institucija ombudsmana za ljudska prava Bosne i Hercegovine",
            "en": "Institution of Human Rights Ombudsman of Bosnia and Herzegovina",
        },
        "postal": "Akademika Jovana Surutke 13, 78000 Banja Luka",
        "email": None,
        "source": "Ombudsman's special report on FOI (2019), letterhead (M)",
    },
    ("BA-SRP", "appeal"): {
        "name": SECOND_INSTANCE,
        "postal": None,
        "email": None,
        "source": "Republika Srpska FOI Act / ZUP RS: appeal to the second-instance body; "
        "the body is not named in any source read for the law (L); the letter names the one the "
        "decision names (its instruction on legal remedy), else leaves a bracket",
    },
    ("ME", "appeal"): {
        "name": {
            "cnr": "Agencija za zaštitu ličnih podataka i slobodan pristup informacijama",
            "en": "Agency for Personal Data Protection and Free Access to Information",
        },
        "postal": None,
        "email": None,
        "source": "Agency's own pages (azlp.me) for the name (H); address not confirmed",
    },
    ("MK", "appeal"): {
        "name": {
            "mk": "Агенција за заштита на правото на слободен пристап до информациите од "
            "јавен карактер",
            "en": "Agency for the Protection of the Right to Free Access to Public Information",
        },
        "postal": None,
        "email": "komspi@komspi.mk",
        "source": "Agency's notice on komspi.mk (e-mail, H); postal address not confirmed",
    },
    ("AL", "appeal"): {
        "name": {
            "sq": "Komisioneri për të Drejtën e Informimit dhe Mbrojtjen e të Dhënave Personale",
            "en": "Commissioner for the Right to Information and Protection of Personal Data",
        },
        "postal": "Rr. „Abdi Toptani“, Nd. 5, Tiranë 1001",
        "email": "info@idp.al",
        "source": "privacy notices citing the Commissioner's contact details (M)",
    },
    ("XK", "appeal"): {
        "name": {
            "sq": "Agjencia për Informim dhe Privatësi",
            "sr": "Agencija za informisanje i privatnost",
            "en": "Information and Privacy Agency",
        },
        "postal": None,
        "email": None,
        "source": "Agency's name (aip.rks-gov.net, H); address not confirmed",
    },
}
ADDRESSEES[("ME-2025", "appeal")] = ADDRESSEES[("ME", "appeal")]


# ---------------------------------------------------------------------------------------------
# Phrase sets. {law}, {art}, {to_name}, {to_postal}, {to_email} are filled per law and route when
# the templates are built; {{ … }} and {% … %} are left for Django at render time.

SR = {
    "addr_authority": "[adresa organa vlasti]",
    "addr_complainant": "[adresa podnosioca: upišite je u profil organizacije]",
    "to": "Primalac",
    "email": "E-pošta",
    "nc": "[adresa nije potvrđena: upišite adresu]",
    "complainant": "Podnosilac",
    "authority": "Organ vlasti",
    "facts": "Podaci o zahtevu",
    "sent": "zahtev podnet",
    "received": "zahtev primljen",
    "ref": "broj zahteva",
    "subj": "predmet zahteva",
    "decision": "broj rešenja",
    "delivered": "rešenje primljeno",
    "blank": "[upišite]",
    "quoted": "Zahtevom smo tražili:",
    "encl": "Prilozi",
    "encl_request": "kopija zahteva",
    "encl_receipt": "dokaz o prijemu zahteva",
    "encl_decision": "kopija rešenja",
    "encl_objection": "kopija prigovora i odgovora na njega, ako ga ima",
    "sign": "[ime, prezime i potpis ovlašćenog lica]",
    "art": "članom {a}.",
    "art_p": "članom {a}. stav {p}.",
    "art_unknown": "članom [__]",
    "basis": "U skladu sa {art} {law}",
    "classified_cite": "Prema članu {a}. tačka {p}) Zakona, pristup informaciji označenoj kao "
    "tajna može se uskratiti samo ako bi njenim otkrivanjem mogle nastupiti teške pravne ili "
    "druge posledice po interese zaštićene zakonom koji pretežu nad interesom za pristup "
    "informaciji.",
    "reminder_subject": "Urgencija: zahtev za pristup informacijama od {{ sent_on }}, "
    "„{{ request.subject }}“",
    "reminder_title": "Predmet: Urgencija po zahtevu za pristup informacijama",
    "reminder_first": "{basis}, podsećamo vas na zahtev za pristup informacijama koji smo vam "
    "podneli {{ sent_on }}.",
    "reminder_overdue": "{% if due_on %}Zakonski rok za postupanje po zahtevu istekao je "
    "{{ due_on }}. {% endif %}Do danas nismo dobili tražene informacije niti rešenje o zahtevu. "
    "Molimo vas da nam tražene informacije dostavite bez daljeg odlaganja.",
    "reminder_polite": "{% if due_on %}Zakonski rok za postupanje po zahtevu ističe {{ due_on }}. "
    "{% endif %}Molimo vas da nas obavestite da li je odgovor u pripremi i kada ga možemo "
    "očekivati.",
    "subject": {
        "complaint_silence": "{title_word} zbog nepostupanja po zahtevu: {{ authority.name }}, "
        "zahtev od {{ sent_on }}",
        "complaint_refusal": "{title_word} protiv rešenja: {{ authority.name }}, "
        "zahtev od {{ sent_on }}",
        "complaint_classified": "{title_word} zbog uskraćivanja informacija označenih kao "
        "tajna: {{ authority.name }}",
    },
    "what": {
        "complaint_silence": "zbog nepostupanja po našem zahtevu za pristup informacijama "
        "upućenom organu vlasti {{ authority.name }}",
        "complaint_refusal": "protiv rešenja organa vlasti {{ authority.name }}"
        "{% if decision_number %} broj {{ decision_number }}{% endif %}"
        "{% if decision_delivered_on %}, primljenog {{ decision_delivered_on }}{% endif %}",
        "complaint_classified": "protiv odluke organa vlasti {{ authority.name }}"
        "{% if decision_number %} broj {{ decision_number }}{% endif %} kojom je uskraćen "
        "pristup informacijama označenim kao tajna",
    },
    "paragraph": {
        "complaint_silence": "Rok za postupanje po zahtevu istekao je {{ due_on }}. "
        "{{ authority.name }} do danas nije postupi{{ g }} po zahtevu: nije nam dostavi{{ g }} "
        "tražene informacije niti je odluči{{ g }} o zahtevu.",
        "complaint_refusal": "{{ authority.name }} je "
        '{% if request.status == "partially_answered" %}samo delimično postupi{{ g }} po zahtevu'
        '{% elif request.status == "not_held" %}odgovori{{ g }} da ne poseduje tražene '
        "informacije{% else %}odbi{{ g }} zahtev{% endif %}"
        "{% if request.refusal_ground %}, pozivajući se na: {{ request.refusal_ground }}"
        "{% endif %}. Smatramo da je rešenje neosnovano: [obrazložite zašto su informacije od "
        "javnog značaja i zašto se navedeni razlog ne primenjuje]. Pristup informacijama može se "
        "ograničiti samo ako bi se njihovim otkrivanjem ozbiljno povredio zakonom zaštićeni "
        "interes koji preteže nad interesom javnosti da zna, što organ vlasti nije pokazao.",
        "complaint_classified": "{{ authority.name }} je odbi{{ g }} zahtev uz obrazloženje da "
        "su informacije označene kao tajna{% if request.classification_level %} "
        "(„{{ request.classification_level }}“){% endif %}{% if request.classification_article %}"
        ", pozivajući se na {{ request.classification_article }}{% endif %}. "
        "{% if request.harm_test_given is False %}Iz odluke se ne vidi da je odmerena šteta od "
        "otkrivanja informacija u odnosu na interes javnosti da zna. {% endif %}Sama oznaka "
        "tajnosti nije dovoljan razlog za odbijanje zahteva: pristup se može uskratiti samo ako "
        "bi otkrivanje ozbiljno povredilo zakonom zaštićeni interes koji preteže nad interesom "
        "javnosti da zna.",
    },
    "routes": {
        "appeal": (
            "ŽALBA",
            "Žalba",
            "izjavljujemo žalbu",
            "Predlažemo da se žalba uvaži i da se organu vlasti naloži da nam omogući pristup "
            "traženim informacijama.",
        ),
        "court": (
            "TUŽBA",
            "Tužba",
            "podnosimo tužbu u upravnom sporu",
            "Protiv ovog organa vlasti žalba Povereniku nije dopuštena, pa se zaštita prava "
            "ostvaruje tužbom Upravnom sudu. Predlažemo da sud uvaži tužbu i naloži tuženom "
            "organu da nam omogući pristup traženim informacijama.",
        ),
    },
}

# Ijekavian (Bosnian, Serbian in BiH, Montenegrin) from the ekavian text, word by word.
_IJEKAVIAN = [
    ("zahtev", "zahtjev"),
    ("Zahtev", "Zahtjev"),
    ("rešenj", "rješenj"),
    ("Rešenj", "Rješenj"),
    ("podsećamo", "podsjećamo"),
    ("obavestite", "obavijestite"),
    ("delimično", "djelimično"),
    ("primenjuje", "primjenjuje"),
    ("odmerena", "odmjerena"),
    ("povredio", "povrijedio"),
    ("povredilo", "povrijedilo"),
    ("podneli", "podnijeli"),
    ("podnet", "podnesen"),
    ("očekivati", "očekivati"),
    ("ovlašćenog", "ovlaštenog"),
    ("adresa organa vlasti", "adresa organa"),
    ("upišite je u profil organizacije", "upišite je u profil organizacije"),
]


def _convert(value, pairs):
    if isinstance(value, dict):
        return {key: _convert(item, pairs) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(_convert(item, pairs) for item in value)
    for old, new in pairs:
        value = value.replace(old, new)
    return value


_BA_BODY = [
    ("organu vlasti {{", "javnom organu {{"),
    ("organa vlasti {{", "javnog organa {{"),
    ("organu vlasti", "javnom organu"),
    ("organa vlasti", "javnog organa"),
    ("organ vlasti", "javni organ"),
    ("Organ vlasti", "Javni organ"),
]
IJ = _convert(SR, _IJEKAVIAN + _BA_BODY)
IJ["routes"] = {
    "appeal": IJ["routes"]["appeal"],
    "objection": (
        "PRIGOVOR",
        "Prigovor",
        "podnosimo prigovor rukovodiocu javnog organa",
        "Predlažemo da rukovodilac javnog organa uvaži prigovor i omogući nam pristup traženim "
        "informacijama.",
    ),
    "ombudsman": (
        "PRITUŽBA",
        "Pritužba",
        "podnosimo pritužbu",
        "Prigovor rukovodiocu javnog organa podnijeli smo [datum podnošenja prigovora], a on "
        "nije uvažen [ili: na njega nije odgovoreno]. Predlažemo da Ombudsman ispita postupanje javnog organa i preporuči mu da nam omogući "
        "pristup traženim informacijama. Zadržavamo pravo da pokrenemo upravni spor.",
    ),
}
BS = _convert(IJ, [])
BS["sign"] = "[ime, prezime i potpis ovlaštene osobe]"
HR = _convert(
    IJ,
    [
        ("javnom organu", "tijelu javne vlasti"),
        ("javnog organa", "tijela javne vlasti"),
        ("Javni organ", "Tijelo javne vlasti"),
        ("javni organ", "tijelo javne vlasti"),
        ("Podnosilac", "Podnositelj"),
        ("Primalac", "Primatelj"),
        ("rukovodiocu", "čelniku"),
        ("podnosioca", "podnositelja"),
        ("rukovodilac", "čelnik"),
        ("kopija", "preslika"),
        ("djelimično", "djelomično"),
        ("upravni spor", "upravni spor"),
        ("informacija", "informacija"),
    ],
)
HR.update(
    {
        "art": "člankom {a}.",
        "art_p": "člankom {a}. stavkom {p}.",
        "art_unknown": "člankom [__]",
        "basis": "U skladu s {art} {law}",
        "sign": "[ime, prezime i potpis ovlaštene osobe]",
    }
)
CNR = _convert(
    IJ,
    [
        ("javnom organu", "organu vlasti"),
        ("javnog organa", "organa vlasti"),
        ("Javni organ", "Organ vlasti"),
        ("javni organ", "organ vlasti"),
    ],
)
CNR["routes"] = {
    "appeal": (
        "ŽALBA",
        "Žalba",
        "izjavljujemo žalbu Agenciji",
        "Predlažemo da Agencija uvaži žalbu i naloži organu vlasti da nam omogući pristup "
        "traženim informacijama.",
    )
}

MK = {
    "addr_authority": "[адреса на имателот]",
    "addr_complainant": "[адреса на барателот: внесете ја во профилот на организацијата]",
    "to": "До",
    "email": "Е-пошта",
    "nc": "[адресата не е потврдена: внесете ја адресата]",
    "complainant": "Барател",
    "authority": "Имател на информации",
    "facts": "Податоци за барањето",
    "sent": "барањето е поднесено",
    "received": "барањето е примено",
    "ref": "број на барањето",
    "subj": "предмет на барањето",
    "decision": "број на решението",
    "delivered": "решението е примено",
    "blank": "[внесете]",
    "quoted": "Со барањето побаравме:",
    "encl": "Прилози",
    "encl_request": "копија од барањето",
    "encl_receipt": "доказ за приемот на барањето",
    "encl_decision": "копија од решението",
    "encl_objection": "",
    "sign": "[име, презиме и потпис на овластеното лице]",
    "art": "член {a}",
    "art_p": "член {a} став {p}",
    "art_unknown": "член [__]",
    "basis": "Согласно {art} од {law}",
    "reminder_subject": "Ургенција: барање за пристап до информации од {{ sent_on }}, "
    "„{{ request.subject }}“",
    "reminder_title": "Предмет: Ургенција за барање за пристап до информации од јавен карактер",
    "reminder_first": "{basis}, ве потсетуваме на барањето за пристап до информации од јавен "
    "карактер што ви го поднесовме на {{ sent_on }}.",
    "reminder_overdue": "{% if due_on %}Законскиот рок за постапување по барањето истече на "
    "{{ due_on }}. {% endif %}До денес не ги добивме бараните информации ниту решение по "
    "барањето. Ве молиме бараните информации да ни ги доставите без натамошно одложување.",
    "reminder_polite": "{% if due_on %}Законскиот рок за постапување по барањето истекува на "
    "{{ due_on }}. {% endif %}Ве молиме да нè известите дали одговорот е во подготовка и кога "
    "можеме да го очекуваме.",
    "subject": {
        "complaint_silence": "{title_word} поради непостапување по барање: "
        "{{ authority.name }}, барање од {{ sent_on }}",
        "complaint_refusal": "{title_word} против решение: {{ authority.name }}, барање од "
        "{{ sent_on }}",
        "complaint_classified": "{title_word} поради одбивање на пристап до класифицирани "
        "информации: {{ authority.name }}",
    },
    "what": {
        "complaint_silence": "поради непостапување на имателот на информации "
        "{{ authority.name }} по нашето барање за пристап до информации од јавен карактер",
        "complaint_refusal": "против решението на имателот на информации {{ authority.name }}"
        "{% if decision_number %} број {{ decision_number }}{% endif %}"
        "{% if decision_delivered_on %}, примено на {{ decision_delivered_on }}{% endif %}",
        "complaint_classified": "против одлуката на имателот на информации "
        "{{ authority.name }}{% if decision_number %} број {{ decision_number }}{% endif %} со "
        "која е одбиен пристапот до информации означени како класифицирани",
    },
    "paragraph": {
        "complaint_silence": "Рокот за постапување по барањето истече на {{ due_on }}. "
        "{{ authority.name }} до денес не постапи{{ g }} по барањето: не ни ги достави{{ g }} "
        "бараните информации ниту донесе{{ g }} решение.",
        "complaint_refusal": "{{ authority.name }} "
        '{% if request.status == "partially_answered" %}само делумно постапи{{ g }} по барањето'
        '{% elif request.status == "not_held" %}одговори{{ g }} дека не ги поседува бараните '
        "информации{% else %}го одби{{ g }} барањето{% endif %}"
        "{% if request.refusal_ground %}, повикувајќи се на: {{ request.refusal_ground }}"
        "{% endif %}. Сметаме дека решението е неосновано: [образложете зошто информациите се "
        "од јавен карактер и зошто наведената причина не се применува]. Пристапот може да се "
        "ограничи само ако објавувањето би предизвикало штета по заштитен интерес што е "
        "поголема од јавниот интерес, а имателот тоа не го покажа.",
        "complaint_classified": "{{ authority.name }} го одби{{ g }} барањето со образложение "
        "дека информациите се класифицирани{% if request.classification_level %} "
        "(„{{ request.classification_level }}“){% endif %}{% if request.classification_article %}"
        ", повикувајќи се на {{ request.classification_article }}{% endif %}. "
        "{% if request.harm_test_given is False %}Од одлуката не се гледа дека е извршен тест "
        "на штетност во однос на јавниот интерес. {% endif %}Самата ознака за класификација не "
        "е доволна причина за одбивање: пристапот може да се одбие само ако штетата по "
        "заштитениот интерес е поголема од јавниот интерес.",
    },
    "routes": {
        "appeal": (
            "ЖАЛБА",
            "Жалба",
            "изјавуваме жалба",
            "Предлагаме Агенцијата да ја уважи жалбата и да му наложи на имателот на информации "
            "да ни овозможи пристап до бараните информации.",
        )
    },
}

SQ = {
    "addr_authority": "[adresa e autoritetit]",
    "addr_complainant": "[adresa e ankuesit: shënojeni në profilin e organizatës]",
    "to": "Drejtuar",
    "email": "E-mail",
    "nc": "[adresa nuk është konfirmuar: shënoni adresën]",
    "complainant": "Ankuesi",
    "authority": "Autoriteti publik",
    "facts": "Të dhënat e kërkesës",
    "sent": "kërkesa u dërgua më",
    "received": "kërkesa u mor më",
    "ref": "numri i kërkesës",
    "subj": "objekti i kërkesës",
    "decision": "numri i vendimit",
    "delivered": "vendimi u mor më",
    "blank": "[plotësoni]",
    "quoted": "Në kërkesë kërkuam:",
    "encl": "Bashkëlidhur",
    "encl_request": "kopje e kërkesës",
    "encl_receipt": "dëshmi e marrjes së kërkesës",
    "encl_decision": "kopje e vendimit",
    "encl_objection": "",
    "sign": "[emri, mbiemri dhe nënshkrimi i personit të autorizuar]",
    "art": "nenit {a}",
    "art_p": "nenit {a}, pika {p},",
    "art_unknown": "nenit [__]",
    "basis": "Në bazë të {art} të {law}",
    "reminder_subject": "Kujtesë: kërkesë për informim e datës {{ sent_on }}, "
    "„{{ request.subject }}“",
    "reminder_title": "Lënda: Kujtesë për kërkesën për informim",
    "reminder_first": "{basis}, ju kujtojmë kërkesën për informim që ju dërguam më {{ sent_on }}.",
    "reminder_overdue": "{% if due_on %}Afati ligjor për t’iu përgjigjur kërkesës mbaroi më "
    "{{ due_on }}. {% endif %}Deri sot nuk kemi marrë as informacionin e kërkuar, as vendim "
    "për kërkesën. Ju lutemi të na dërgoni informacionin pa vonesë të mëtejshme.",
    "reminder_polite": "{% if due_on %}Afati ligjor për t’iu përgjigjur kërkesës mbaron më "
    "{{ due_on }}. {% endif %}Ju lutemi të na njoftoni nëse përgjigjja është në përgatitje dhe "
    "kur mund ta presim.",
    "subject": {
        "complaint_silence": "{title_word} për mospërgjigje: {{ authority.name }}, kërkesa e "
        "datës {{ sent_on }}",
        "complaint_refusal": "{title_word} kundër vendimit: {{ authority.name }}, kërkesa e "
        "datës {{ sent_on }}",
        "complaint_classified": "{title_word} për refuzim të informacionit të klasifikuar: "
        "{{ authority.name }}",
    },
    "what": {
        "complaint_silence": "për mospërgjigjen e autoritetit publik {{ authority.name }} ndaj "
        "kërkesës sonë për informim",
        "complaint_refusal": "kundër vendimit të autoritetit publik {{ authority.name }}"
        "{% if decision_number %} nr. {{ decision_number }}{% endif %}"
        "{% if decision_delivered_on %}, marrë më {{ decision_delivered_on }}{% endif %}",
        "complaint_classified": "kundër vendimit të autoritetit publik {{ authority.name }}"
        "{% if decision_number %} nr. {{ decision_number }}{% endif %} që refuzoi qasjen në "
        "informacion të shënuar si të klasifikuar",
    },
    "paragraph": {
        "complaint_silence": "Afati për t’iu përgjigjur kërkesës mbaroi më {{ due_on }}. "
        "Deri sot, {{ authority.name }} nuk ka dhënë informacionin e kërkuar dhe nuk ka nxjerrë "
        "vendim për kërkesën.",
        "complaint_refusal": "{{ authority.name }} "
        '{% if request.status == "partially_answered" %}iu përgjigj kërkesës vetëm pjesërisht'
        '{% elif request.status == "not_held" %}u përgjigj se nuk e zotëron informacionin'
        "{% else %}e refuzoi kërkesën{% endif %}{% if request.refusal_ground %}, duke u "
        "mbështetur në: {{ request.refusal_ground }}{% endif %}. Vendimi është i pabazuar: "
        "[shpjegoni pse informacioni është me interes publik dhe pse arsyeja e dhënë nuk "
        "zbatohet]. E drejta e informimit mund të kufizohet vetëm kur dhënia e informacionit "
        "dëmton rëndë një interes të mbrojtur që peshon më shumë se interesi publik, gjë që "
        "autoriteti nuk e ka treguar.",
        "complaint_classified": "{{ authority.name }} e refuzoi kërkesën me arsyetimin se "
        "informacioni është i klasifikuar{% if request.classification_level %} "
        "(„{{ request.classification_level }}“){% endif %}{% if request.classification_article %}"
        ", duke u mbështetur në {{ request.classification_article }}{% endif %}. "
        "{% if request.harm_test_given is False %}Vendimi nuk tregon se dëmi nga dhënia e "
        "informacionit është peshuar kundrejt interesit publik. {% endif %}Shënimi i "
        "klasifikimit vetëm nuk mjafton për refuzimin.",
    },
    "routes": {
        "appeal": (
            "ANKESË",
            "Ankesë",
            "paraqesim ankesë",
            "Kërkojmë që ankesa të pranohet dhe autoritetit publik t’i urdhërohet të na japë "
            "qasje në informacionin e kërkuar.",
        )
    },
}

EN = {
    "addr_authority": "[the authority's address]",
    "addr_complainant": "[the complainant's address: enter it in the organisation's profile]",
    "to": "To",
    "email": "E-mail",
    "nc": "[address not confirmed: enter the address]",
    "complainant": "Complainant",
    "authority": "Authority",
    "facts": "The request",
    "sent": "sent on",
    "received": "received on",
    "ref": "reference number",
    "subj": "subject",
    "decision": "decision number",
    "delivered": "decision delivered on",
    "blank": "[complete]",
    "quoted": "The request read:",
    "encl": "Enclosures",
    "encl_request": "a copy of the request",
    "encl_receipt": "proof of its receipt",
    "encl_decision": "a copy of the decision",
    "encl_objection": "a copy of the objection and of any answer to it",
    "sign": "[name and signature of the authorised person]",
    "art": "Article {a}",
    "art_p": "Article {a}({p})",
    "art_unknown": "Article [__]",
    "basis": "Under {art} of the {law}",
    "reminder_subject": "Reminder: request for information of {{ sent_on }}, "
    "“{{ request.subject }}”",
    "reminder_title": "Reminder — request for access to information",
    "reminder_first": "{basis}, we remind you of the request for access to information we sent "
    "you on {{ sent_on }}.",
    "reminder_overdue": "{% if due_on %}Under the law the answer was due by {{ due_on }}. "
    "{% endif %}We have received neither the information nor a decision on the request. We ask "
    "you to send us the information without further delay.",
    "reminder_polite": "{% if due_on %}Under the law the answer is due by {{ due_on }}. "
    "{% endif %}We would be grateful to know whether the answer is on its way, and when we may "
    "expect it.",
    "subject": {
        "complaint_silence": "{title_word}: no answer from {{ authority.name }} to the request "
        "of {{ sent_on }}",
        "complaint_refusal": "{title_word} against the decision of {{ authority.name }} on the "
        "request of {{ sent_on }}",
        "complaint_classified": "{title_word}: {{ authority.name }} refused information as "
        "classified",
    },
    "what": {
        "complaint_silence": "because {{ authority.name }} has not answered our request for "
        "access to information",
        "complaint_refusal": "against the decision of {{ authority.name }}"
        "{% if decision_number %} No. {{ decision_number }}{% endif %}"
        "{% if decision_delivered_on %}, delivered on {{ decision_delivered_on }}{% endif %}",
        "complaint_classified": "against the decision of {{ authority.name }}"
        "{% if decision_number %} No. {{ decision_number }}{% endif %} refusing access to "
        "information marked as classified",
    },
    "paragraph": {
        "complaint_silence": "The time limit for answering expired on {{ due_on }}. To this "
        "day {{ authority.name }} has neither provided the information nor issued a decision on "
        "the request.",
        "complaint_refusal": "{{ authority.name }} "
        '{% if request.status == "partially_answered" %}answered only in part'
        '{% elif request.status == "not_held" %}replied that it does not hold the information'
        "{% else %}refused the request{% endif %}{% if request.refusal_ground %}, citing: "
        "{{ request.refusal_ground }}{% endif %}. We consider the decision unfounded: [explain "
        "why the information is of public importance and why the ground cited does not apply]. "
        "Access may be restricted only where disclosure would seriously harm a protected "
        "interest that outweighs the public's interest in knowing; the authority has not shown "
        "such harm.",
        "complaint_classified": "{{ authority.name }} refused the request on the ground that "
        "the information is classified{% if request.classification_level %} "
        "“{{ request.classification_level }}”{% endif %}{% if request.classification_article %}"
        ", citing {{ request.classification_article }}{% endif %}. "
        "{% if request.harm_test_given is False %}The decision does not show that the harm of "
        "disclosure was weighed against the public interest. {% endif %}A classification mark "
        "alone does not justify a refusal.",
    },
    "routes": {
        "appeal": (
            "COMPLAINT",
            "Complaint",
            "we lodge this complaint",
            "We ask that the complaint be upheld and that the authority be ordered to give us "
            "access to the information requested.",
        ),
        "court": (
            "ACTION",
            "Action",
            "we bring this action in an administrative dispute",
            "No complaint to the Commissioner lies against this authority, so the right is "
            "protected by an action at the Administrative Court. We ask the court to uphold the "
            "action and to order the respondent to give us access to the information requested.",
        ),
        "objection": (
            "OBJECTION",
            "Objection",
            "we lodge this objection with the head of the public body",
            "We ask the head of the body to uphold the objection and to give us access to the "
            "information requested.",
        ),
        "ombudsman": (
            "COMPLAINT",
            "Complaint",
            "we lodge this complaint",
            "We lodged an objection with the head of the public body on [date of the objection] "
            "and it was not upheld [or: it was not answered]. We ask the Ombudsman to examine the body's conduct and to recommend that it give us "
            "access to the information requested. We reserve the right to bring an "
            "administrative dispute.",
        ),
    },
}

PHRASES = {"sr": SR, "ij": IJ, "bs": BS, "hr": HR, "cnr": CNR, "mk": MK, "sq": SQ, "en": EN}


def dialect(key: str, language: str) -> str:
    """The phrase set a letter of law `key` in `language` is written from."""
    return DIALECT.get((key, language), language)


def _article(phrases: dict, key: str, route_or_rule: str) -> str:
    found = ARTICLES.get(key, {}).get(route_or_rule)
    if found is None:
        return phrases["art_unknown"]
    article, paragraph = found
    if paragraph:
        return phrases["art_p"].format(a=article, p=paragraph)
    return phrases["art"].format(a=article)


def _law(key: str, name: str) -> str:
    names = LAW_NAMES[key]
    return names.get(name) or names.get("sr" if name == "ij" else name) or names["en"]


def _addressee_lines(phrases: dict, name: str, key: str, route: str) -> str:
    addressee = ADDRESSEES[key, route]
    names = addressee["name"]
    lines = [f"{phrases['to']}: {names.get(name) or names.get('sr') or names['en']}"]
    if addressee["postal"] == AUTHORITY_ADDRESS:
        lines.append(_authority_address(phrases))
    else:
        lines.append(addressee["postal"] or phrases["nc"])
    if addressee["email"]:
        lines.append(f"{phrases['email']}: {addressee['email']}")
    return "\n".join(lines)


def _facts(p: dict, refusal: bool) -> str:
    lines = [
        f"{p['facts']}:",
        f"— {p['subj']}: {{{{ request.subject }}}}",
        f"— {p['sent']}: {{{{ sent_on }}}}",
        f"— {p['received']}: {{% if received_on %}}{{{{ received_on }}}}"
        f"{{% else %}}{p['blank']}{{% endif %}}",
        f"— {p['ref']}: {{% if request.reference_number %}}{{{{ request.reference_number }}}}"
        f"{{% else %}}{p['blank']}{{% endif %}}",
    ]
    if refusal:
        lines.append(
            f"— {p['decision']}: {{% if decision_number %}}{{{{ decision_number }}}}"
            f"{{% else %}}{p['blank']}{{% endif %}}"
        )
        lines.append(
            f"— {p['delivered']}: {{% if decision_delivered_on %}}{{{{ decision_delivered_on }}}}"
            f"{{% else %}}{p['blank']}{{% endif %}}"
        )
    return "\n".join(lines)


def _authority_address(p: dict) -> str:
    return (
        "{% if authority.postal_address %}{{ authority.postal_address }}{% else %}"
        + p["addr_authority"]
        + "{% endif %}"
    )


def _complainant(p: dict) -> str:
    return (
        f"{p['complainant']}: {{{{ organisation.name }}}}, "
        "{% if organisation.postal_address %}{{ organisation.postal_address }}{% else %}"
        + p["addr_complainant"]
        + "{% endif %}"
    )


def _signature(p: dict) -> str:
    return f"{{{{ today }}}}\n{{{{ organisation.name }}}}\n{p['sign']}"


def build(key: str, name: str, kind: str, route: str = "appeal") -> tuple[str, str]:
    """(subject, body) of a letter of law `key` written from phrase set `name`."""
    p = PHRASES[name]
    law = _law(key, name)
    if kind == "reminder":
        basis = p["basis"].format(art=_article(p, key, "response"), law=law)
        body = "\n".join(
            [
                "{{ authority.name }}",
                _authority_address(p),
                "",
                _complainant(p),
                "",
                p["reminder_title"],
                "",
                p["reminder_first"].replace("{basis}", basis),
                "",
                _facts(p, refusal=False),
                "",
                "{% if overdue %}"
                + p["reminder_overdue"]
                + "{% else %}"
                + p["reminder_polite"]
                + "{% endif %}",
                "",
                p["quoted"],
                "",
                "{{ request.text }}",
                "",
                _signature(p),
            ]
        )
        return p["reminder_subject"], body
    title, title_word, verb, petition = p["routes"][route]
    receipt = "{% if received_on %}— " + p["encl_receipt"] + "{% endif %}"
    basis = p["basis"].format(art=_article(p, key, route), law=law)
    refusal = kind != "complaint_silence"
    enclosures = [p["encl_request"]]
    if kind == "complaint_silence":
        enclosures.append(None)
    else:
        enclosures.append(p["encl_decision"])
    if route == "ombudsman":
        enclosures.append(p["encl_objection"])
    body = "\n".join(
        [
            _addressee_lines(p, name, key, route),
            "",
            _complainant(p),
            f"{p['authority']}: {{{{ authority.name }}}}",
            "",
            title,
            "",
            f"{basis}, {verb} {p['what'][kind]}.",
            "",
            _facts(p, refusal),
            "",
            p["paragraph"][kind] + _classified_cite(p, key, kind),
            "",
            petition,
            "",
            p["quoted"],
            "",
            "{{ request.text }}",
            "",
            f"{p['encl']}:",
            *[f"— {item}" if item else receipt for item in enclosures],
            "",
            _signature(p),
        ]
    )
    return p["subject"][kind].replace("{title_word}", title_word), body


def _classified_cite(p: dict, key: str, kind: str) -> str:
    found = ARTICLES.get(key, {}).get("classified")
    if kind != "complaint_classified" or not found or "classified_cite" not in p:
        return ""
    return " " + p["classified_cite"].format(a=found[0], p=found[1])


def routes_for(key: str) -> list[str]:
    return ROUTES.get(key, ["appeal"])


def templates_for(key: str, kinds: list[str]) -> dict[tuple[str, str, str], tuple[str, str]]:
    """Every letter of law `key`: (kind, route, language) → (subject, body), in the official
    languages and in English."""
    found = {}
    for language in [*LANGUAGES.get(key, []), "en"]:
        name = dialect(key, language)
        for kind in kinds:
            routes = ["appeal"] if kind == "reminder" else routes_for(key)
            for route in routes:
                subject, body = build(key, name, kind, route)
                if language in CYRILLIC:
                    subject, body = latin_to_cyrillic(subject), latin_to_cyrillic(body)
                found[kind, route, language] = (subject, body)
    return found
