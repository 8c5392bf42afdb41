"""Every user-facing string in the templates is marked for translation (English first;
Serbian Latin and Cyrillic, Macedonian, Albanian and Bosnian follow)."""

import re

from tests.processes import ROOT

# Names that stay the same in every language.
UNTRANSLATED = {"CSV", "OCDS", "JSON", "API", "ICS", "SVG", "FOI", "OCID", "ISO"}
# The 500 page is rendered without a request context; e-mails are rendered per recipient.
STATIC = {"500.html"}


def untranslated_words(text: str) -> list[str]:
    for pattern in (
        r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}",
        r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}",
        r"{%.*?%}",
        r"{{.*?}}",
        r"{#.*?#}",
        r"<!--.*?-->",
        r"<(script|style)[^>]*>.*?</\1>",
        r"<[^>]*>",
        r"&[a-z#0-9]+;",
    ):
        text = re.sub(pattern, " ", text, flags=re.S)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in UNTRANSLATED]


def test_template_text_is_marked_for_translation():
    offenders = {
        str(path.relative_to(ROOT)): words[:5]
        for path in (ROOT / "templates").rglob("*.html")
        if path.name not in STATIC and (words := untranslated_words(path.read_text()))
    }
    assert offenders == {}


def test_attributes_people_read_are_marked_for_translation():
    readable = re.compile(r'(aria-label|title|placeholder|alt)="([^"{]*[A-Za-z]{3,}[^"{]*)"')
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "templates").rglob("*.html")
        for match in readable.finditer(path.read_text())
    ]
    assert offenders == []


def test_the_detector_finds_unmarked_text():
    assert untranslated_words("<p>Hello {{ name }}</p>") == ["Hello"]
    assert untranslated_words('<p>{% translate "Hello" %} {{ name }}</p>') == []
