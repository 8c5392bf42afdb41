"""The pure rules of FOI mail: request addresses, reading a received message (text, HTML,
attachments, bounces, auto-replies), and the status a reply suggests in every language."""

from datetime import date

import pytest

from procurement.core.mail_parsing import html_to_text, parse_message
from procurement.foi.reference.foi_laws import (
    SECRECY_LEVELS_AL_XK,
    SECRECY_LEVELS_BA,
    SECRECY_LEVELS_ME,
    SECRECY_LEVELS_MK,
    SECRECY_LEVELS_RS,
)
from procurement.foi.rules import mail_addresses
from procurement.foi.rules.reply_status import dates_in, suggest
from tests.foi.mail.messages import dsn, reply

SECRET = "test-secret"
DOMAIN = "foi.example.org"


# --- addresses ----------------------------------------------------------------------------


def test_a_request_address_leads_back_to_its_request_and_only_with_the_right_token():
    address = mail_addresses.request_address(42, SECRET, DOMAIN)
    assert address.startswith("request+42.") and address.endswith("@foi.example.org")
    assert mail_addresses.request_id_from_address(address, SECRET, DOMAIN) == 42
    # Mail servers may change case; angle brackets come with headers.
    assert mail_addresses.request_id_from_address(f"<{address.upper()}>", SECRET, DOMAIN) == 42
    token = mail_addresses.request_token(42, SECRET)
    forged = f"request+43.{token}@{DOMAIN}"  # another request's id with this token
    assert mail_addresses.request_id_from_address(forged, SECRET, DOMAIN) is None
    assert mail_addresses.request_id_from_address(address, "other-secret", DOMAIN) is None
    assert (
        mail_addresses.request_id_from_address(address.replace(DOMAIN, "evil.org"), SECRET, DOMAIN)
        is None
    )
    for junk in ("", "request+0.abc@foi.example.org", "request+1@foi.example.org", "no-at-sign"):
        assert mail_addresses.request_id_from_address(junk, SECRET, DOMAIN) is None
    assert mail_addresses.is_our_domain("Anything@FOI.example.org", DOMAIN)
    assert not mail_addresses.is_our_domain("x@example.org", DOMAIN)


# --- parsing ------------------------------------------------------------------------------


def test_a_reply_is_read_with_its_identity_text_and_attachments():
    parsed = parse_message(
        reply(
            to="request+1.aaaaaaaaaaaa@foi.example.org",
            in_reply_to="<sent-1@foi.example.org>",
            attachments=[("rešenje.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")],
        )
    )
    assert parsed.message_id == "<reply-1@ministarstvo.gov.rs>"
    assert parsed.in_reply_to == ["<sent-1@foi.example.org>"]
    assert parsed.from_address == "pisarnica@ministarstvo.gov.rs"
    assert parsed.recipients == ["request+1.aaaaaaaaaaaa@foi.example.org"]
    assert parsed.kind == "reply" and parsed.bounce is None
    assert "tražene informacije" in parsed.text
    assert [(a.name, a.content_type) for a in parsed.attachments] == [
        ("rešenje.pdf", "application/pdf")
    ]
    assert parsed.date is not None and parsed.date.tzinfo is not None


def test_html_is_stripped_safely_scripts_and_styles_dropped():
    html = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<p>Odbija se&nbsp;zahtev &amp; <b>obrazloženje</b></p><script>alert('x')</script>"
        "<ul><li>prvo</li><li>drugo</li></ul><img src=x onerror=alert(1)></body></html>"
    )
    text = html_to_text(html)
    assert "alert" not in text and "color" not in text and "<" not in text
    assert "Odbija se\xa0zahtev & obrazloženje" in text or "Odbija se zahtev & obrazloženje" in text
    assert "- prvo" in text and "- drugo" in text
    parsed = parse_message(reply(to="x@foi.example.org", text="", html=html, attachments=[]))
    assert "alert" not in parsed.text and "prvo" in parsed.text


def test_a_message_without_message_id_gets_one_from_its_bytes():
    raw = (
        b"From: a@b.example\r\nSubject: x\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n\r\nhello\r\n"
    )
    assert parse_message(raw).message_id == parse_message(raw).message_id
    assert parse_message(raw).message_id.endswith("@no-message-id.invalid>")
    assert parse_message(raw + b"more").message_id != parse_message(raw).message_id


def test_a_delivery_status_notification_is_a_bounce_naming_the_failed_address():
    parsed = parse_message(
        dsn(
            to="request+1.a@foi.example.org",
            failed="info@mup.gov.rs",
            original_message_id="<orig@foi.example.org>",
        )
    )
    assert parsed.kind == "bounce"
    assert parsed.bounce.recipient == "info@mup.gov.rs"
    assert parsed.bounce.status == "5.1.1"
    assert "User unknown" in parsed.bounce.detail
    assert parsed.bounce.original_message_id == "<orig@foi.example.org>"


def test_a_plain_mailer_daemon_bounce_with_x_failed_recipients_is_a_bounce():
    raw = reply(
        to="request+1.a@foi.example.org",
        sender="mailer-daemon@mx.example.org",
        subject="Mail delivery failed: returning message to sender",
        text=(
            "A message that you sent could not be delivered.\n550 5.1.1 user unknown\n"
            "Message-ID: <orig-2@foi.example.org>"
        ),
        headers={"X-Failed-Recipients": "kabinet@ministarstvo.example"},
        attachments=[],
    )
    parsed = parse_message(raw)
    assert parsed.kind == "bounce"
    assert parsed.bounce.recipient == "kabinet@ministarstvo.example"
    assert parsed.bounce.status == "5.1.1"
    assert parsed.bounce.original_message_id == "<orig-2@foi.example.org>"


@pytest.mark.parametrize(
    ("headers", "subject"),
    [
        ({"Auto-Submitted": "auto-replied"}, "Re: Zahtev"),
        ({"X-Autoreply": "yes"}, "Re: Zahtev"),
        ({"Precedence": "auto_reply"}, "Re: Zahtev"),
        ({}, "Out of Office: Request for information"),
        ({}, "Automatic reply: Request for information"),
        ({}, "Automatski odgovor: Zahtev"),
        ({}, "Аутоматски одговор: Захтев"),
        ({}, "Автоматски одговор: Барање"),
        ({}, "Odsutan sam do 10. 3."),
        ({}, "Izvan ureda: Zahtjev"),
        ({}, "Përgjigje automatike: Kërkesë"),
        ({}, "Jashtë zyrës"),
    ],
)
def test_auto_replies_are_recognised_in_every_language(headers, subject):
    raw = reply(to="x@foi.example.org", subject=subject, headers=headers, attachments=[])
    assert parse_message(raw).kind == "auto_reply"


def test_an_ordinary_reply_is_not_taken_for_an_auto_reply():
    raw = reply(to="x@foi.example.org", headers={"Auto-Submitted": "no"}, attachments=[])
    assert parse_message(raw).kind == "reply"


# --- what a reply says ----------------------------------------------------------------------

RECEIVED = date(2026, 3, 2)

# (language, text, expected status, expected facts)
REPLIES = [
    # Serbian, Latin and Cyrillic
    ("sr-latn", "Poštovani, u prilogu dostavljamo tražene informacije.", "answered", {}),
    ("sr-cyrl", "Поштовани, у прилогу достављамо тражене информације.", "answered", {}),
    (
        "sr-latn",
        "Rešenjem se zahtev odbija na osnovu člana 9. stav 1 Zakona.",
        "refused",
        {"refusal_ground": "člana 9. stav 1"},
    ),
    (
        "sr-cyrl",
        "Решењем се захтев одбија на основу члана 14. Закона.",
        "refused",
        {"refusal_ground": "члана 14"},
    ),
    (
        "sr-latn",
        "Zahtev se odbija jer su podaci označeni stepenom tajnosti STROGO POVERLJIVO, "
        "član 9. stav 1.",
        "classified",
        {"classification_level": "STROGO POVERLJIVO", "classification_article": "član 9. stav 1"},
    ),
    (
        "sr-cyrl",
        "Тражени подаци су означени степеном тајности ПОВЕРЉИВО у складу са чланом 8.",
        "classified",
        {"classification_level": "POVERLJIVO", "classification_article": "чланом 8"},
    ),
    (
        "sr-latn",
        "Zahtevu se delimično udovoljava; u ostalom delu se odbija.",
        "partially_answered",
        {},
    ),
    ("sr-cyrl", "Орган не поседује тражене информације.", "not_held", {}),
    (
        "sr-latn",
        "Obaveštavamo vas da se rok za postupanje produžava do 20.03.2026.",
        "extended",
        {},
    ),
    ("sr-latn", "Vaš zahtev je primljen i zaveden pod brojem 07-123/26.", "acknowledged", {}),
    # Bosnian / Croatian / Montenegrin
    ("bs", "Dostavljamo Vam tražene informacije u privitku.", "answered", {}),
    (
        "bs",
        "Zahtjev se odbija u skladu sa članom 8. stav 2 Zakona.",
        "refused",
        {"refusal_ground": "članom 8. stav 2"},
    ),
    (
        "bs",
        "Informacija je označena stepenom tajnosti POVJERLJIVO.",
        "classified",
        {"classification_level": "POVJERLJIVO"},
    ),
    (
        "hr",
        "Zahtjevu se djelomično udovoljava, a u preostalom dijelu odbija.",
        "partially_answered",
        {},
    ),
    ("hr", "Tijelo javne vlasti ne posjeduje traženu informaciju.", "not_held", {}),
    ("hr", "Rok za rješavanje zahtjeva produljuje se do 15. travnja 2026.", "extended", {}),
    (
        "cnr",
        "Podaci su označeni kao STROGO TAJNO, član 12.",
        "classified",
        {"classification_level": "STROGO TAJNO", "classification_article": "član 12"},
    ),
    ("cnr", "Zahtjev je zaprimljen pod brojem 01-55/26.", "acknowledged", {}),
    # Macedonian
    ("mk", "Во прилог ви ги доставуваме бараните информации.", "answered", {}),
    (
        "mk",
        "Барањето се одбива согласно член 6 став 1 од Законот.",
        "refused",
        {"refusal_ground": "член 6 став 1"},
    ),
    (
        "mk",
        "Информацијата е класифицирана со степен СТРОГО ДОВЕРЛИВО согласно член 6.",
        "classified",
        {"classification_level": "СТРОГО ДОВЕРЛИВО", "classification_article": "член 6"},
    ),
    ("mk", "Барањето делумно се одобрува, а делумно се одбива.", "partially_answered", {}),
    ("mk", "Институцијата не поседува такви информации.", "not_held", {}),
    ("mk", "Рокот за одговор се продолжува до 25.03.2026.", "extended", {}),
    # Albanian
    ("sq", "Bashkëngjitur ju dërgojmë informacionin e kërkuar.", "answered", {}),
    (
        "sq",
        "Kërkesa juaj refuzohet në bazë të nenit 17.",
        "refused",
        {"refusal_ground": "nenit 17"},
    ),
    (
        "sq",
        "Informacioni është i klasifikuar me nivelin Sekret sipas nenit 4.",
        "classified",
        {"classification_level": "Sekret", "classification_article": "nenit 4"},
    ),
    (
        "sq",
        "Kërkesa pranohet pjesërisht dhe refuzohet për pjesën tjetër.",
        "partially_answered",
        {},
    ),
    ("sq", "Institucioni nuk e disponon informacionin e kërkuar.", "not_held", {}),
    ("sq", "Afati për përgjigje zgjatet deri më 30 mars 2026.", "extended", {}),
    # English
    ("en", "Please find attached the information you requested.", "answered", {}),
    (
        "en",
        "Your request is refused under Article 9(1) of the Act.",
        "refused",
        {"refusal_ground": "Article 9(1)"},
    ),
    (
        "en",
        "The documents are classified CONFIDENTIAL under Article 8.",
        "classified",
        {"classification_level": "CONFIDENTIAL", "classification_article": "Article 8"},
    ),
    (
        "en",
        "We can disclose the information only in part; the rest is refused.",
        "partially_answered",
        {},
    ),
    ("en", "The ministry does not hold the information you asked for.", "not_held", {}),
    ("en", "We need to extend the deadline to April 3, 2026.", "extended", {}),
    ("en", "We have received your request and will answer in due course.", "acknowledged", {}),
]
LAW_LEVELS = {
    "sr-latn": SECRECY_LEVELS_RS,
    "sr-cyrl": SECRECY_LEVELS_RS,
    "bs": SECRECY_LEVELS_BA,
    "hr": SECRECY_LEVELS_BA,
    "cnr": SECRECY_LEVELS_ME,
    "mk": SECRECY_LEVELS_MK,
    "sq": SECRECY_LEVELS_AL_XK,
    "en": [],
}


@pytest.mark.parametrize(("language", "text", "status", "facts"), REPLIES)
def test_replies_suggest_their_status_in_every_language(language, text, status, facts):
    suggestion = suggest(text, levels=LAW_LEVELS[language], received=RECEIVED)
    assert suggestion is not None, text
    assert suggestion.status == status, (text, suggestion)
    for name, value in facts.items():
        assert suggestion.facts.get(name) == value, (text, suggestion.facts)


@pytest.mark.parametrize(
    ("text", "new_date"),
    [
        ("Obaveštavamo vas da se rok za postupanje produžava do 20.03.2026.", date(2026, 3, 20)),
        ("Rok za rješavanje zahtjeva produljuje se do 15. travnja 2026.", date(2026, 4, 15)),
        ("Рокот за одговор се продолжува до 25 март 2026 година.", date(2026, 3, 25)),
        ("Afati për përgjigje zgjatet deri më 30 mars 2026.", date(2026, 3, 30)),
        ("We need to extend the deadline to April 3, 2026.", date(2026, 4, 3)),
        ("Rok se produžava, odgovor do 2026-04-10.", date(2026, 4, 10)),
        # a date before the reply (the request's own date) is not the new deadline
        ("Na vaš zahtev od 01.03.2026. rok se produžava do 31. marta 2026.", date(2026, 3, 31)),
    ],
)
def test_an_extension_notice_carries_its_new_date(text, new_date):
    suggestion = suggest(text, received=RECEIVED)
    assert suggestion.status == "extended"
    assert suggestion.extended_to == new_date


def test_a_classified_level_is_taken_from_the_law_as_written():
    text = "Подаци носе ознаку ДРЖАВНА ТАЈНА."
    suggestion = suggest(f"Одбија се. {text}", levels=SECRECY_LEVELS_RS)
    assert suggestion.status == "classified"
    assert suggestion.facts["classification_level"] == "DRŽAVNA TAJNA"  # the law's spelling


def test_a_contract_extension_is_not_a_deadline_extension():
    text = "U prilogu dostavljamo aneks o produženju ugovora."
    assert suggest(text).status == "answered"


def test_nothing_recognisable_suggests_nothing_unless_files_came_with_it():
    assert suggest("Poštovani, hvala.") is None
    assert suggest("Poštovani, hvala.", has_attachments=True).status == "answered"


def test_dates_in_reads_numeric_and_written_dates():
    assert dates_in("do 5.4.2026 i 2026-05-01 ili 7 maja 2026") == [
        date(2026, 4, 5),
        date(2026, 5, 1),
        date(2026, 5, 7),
    ]
    assert dates_in("31.02.2026") == []  # not a date
