"""The request letter e-mailed from the tracker, where the law on record has no `request`
letter template of its own: the legal basis in the first sentence, in the authority's official
language (English beside it), then the request as the editor wrote it.

Django templates rendered as plain text with the letter context of
`procurement.foi.rules.letters.context` (`request`, `law`, `authority`, `organisation`, …).
The law's name and article come from `reference.letters` (LAW_NAMES, ARTICLES).
"""

from procurement.core.transliteration import latin_to_cyrillic
from procurement.foi.reference.letters import (
    CYRILLIC,
    LANGUAGES,
    LAW_NAMES,
    PHRASES,
    _article,
    dialect,
)

# phrase set → (subject, title, the sentence after the legal basis, the reply line, urgent)
TEXTS = {
    "sr": (
        "Zahtev za pristup informacijama od javnog značaja: {{ request.subject }}",
        "Zahtev za pristup informacijama od javnog značaja",
        "{{ organisation.name }} traži pristup sledećim informacijama:",
        "Molimo da nam informacije dostavite elektronskom poštom, odgovorom na ovu poruku, na "
        "adresu sa koje je poslata.",
        "Zahtev je hitan: informacije se odnose na zaštitu života, slobode, zdravlja ili "
        "životne sredine.",
    ),
    "ij": (
        "Zahtjev za pristup informacijama: {{ request.subject }}",
        "Zahtjev za pristup informacijama",
        "{{ organisation.name }} traži pristup sljedećim informacijama:",
        "Molimo da nam informacije dostavite elektronskom poštom, odgovorom na ovu poruku, na "
        "adresu sa koje je poslana.",
        "Zahtjev je hitan: informacije se odnose na zaštitu života, slobode, zdravlja ili okoliša.",
    ),
    "hr": (
        "Zahtjev za pristup informacijama: {{ request.subject }}",
        "Zahtjev za pristup informacijama",
        "{{ organisation.name }} traži pristup sljedećim informacijama:",
        "Molimo da nam informacije dostavite elektroničkom poštom, odgovorom na ovu poruku, na "
        "adresu s koje je poslana.",
        "Zahtjev je hitan: informacije se odnose na zaštitu života, slobode, zdravlja ili okoliša.",
    ),
    "cnr": (
        "Zahtjev za pristup informacijama: {{ request.subject }}",
        "Zahtjev za pristup informacijama",
        "{{ organisation.name }} traži pristup sljedećim informacijama:",
        "Molimo da nam informacije dostavite elektronskom poštom, odgovorom na ovu poruku, na "
        "adresu sa koje je poslata.",
        "Zahtjev je hitan: informacije se odnose na zaštitu života, slobode, zdravlja ili "
        "životne sredine.",
    ),
    "mk": (
        "Барање за пристап до информации од јавен карактер: {{ request.subject }}",
        "Барање за пристап до информации од јавен карактер",
        "{{ organisation.name }} бара пристап до следните информации:",
        "Ве молиме информациите да ни ги доставите по електронска пошта, со одговор на оваа "
        "порака, на адресата од која е испратена.",
        "Барањето е итно: информациите се однесуваат на заштита на живот, слобода, здравје или "
        "животна средина.",
    ),
    "sq": (
        "Kërkesë për informim: {{ request.subject }}",
        "Kërkesë për informim",
        "{{ organisation.name }} kërkon qasje në informacionin e mëposhtëm:",
        "Ju lutemi të na e dërgoni informacionin me e-mail, duke iu përgjigjur këtij mesazhi, "
        "në adresën nga e cila është dërguar.",
        "Kërkesa është urgjente: informacioni ka të bëjë me mbrojtjen e jetës, lirisë, "
        "shëndetit ose mjedisit.",
    ),
    "en": (
        "Request for access to information: {{ request.subject }}",
        "Request for access to information",
        "{{ organisation.name }} requests access to the following information:",
        "We ask you to send the information by e-mail in reply to this message, to the address "
        "it comes from.",
        "The request is urgent: the information concerns the protection of life, liberty, "
        "health or the environment.",
    ),
}
TEXTS["bs"] = TEXTS["ij"]


def request_letter(key: str, language: str) -> tuple[str, str] | None:
    """(subject, body) of the request letter of law `key` in `language`; None if the law has
    no letters in that language."""
    if language != "en" and language not in LANGUAGES.get(key, []):
        return None
    name = dialect(key, language)
    phrases = PHRASES[name]
    subject, title, asks, reply, urgent = TEXTS[name]
    law = LAW_NAMES[key].get(name) or LAW_NAMES[key].get("sr") or LAW_NAMES[key]["en"]
    basis = phrases["basis"].format(art=_article(phrases, key, "request"), law=law)
    body = "\n".join(
        [
            "{{ authority.name }}",
            "",
            title,
            "",
            f"{basis}, {asks[0].lower()}{asks[1:]}",
            "",
            "{{ request.text }}",
            "",
            reply,
            "{% if request.is_urgent %}",
            urgent,
            "{% endif %}",
            "{{ organisation.name }}",
            "",
        ]
    )
    if language in CYRILLIC:
        return latin_to_cyrillic(subject), latin_to_cyrillic(body)
    return subject, body
