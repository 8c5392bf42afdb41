"""Every page of the access matrix, rendered in each of the six languages, holds no English
left from the templates or the code (data — names, titles, subjects — is not counted).

How a leftover is found: the English words of the tracker are the words of every msgid in the
catalogues (and nothing else is English on a page but data); a page in language L must not
show any of them, except words the translations of L use themselves (codes such as API, OCDS,
place names, or words the two languages share). Before looking, everything the database holds
as text (names, titles, subjects, usernames, addresses, notes) and the page's own query are
cut out of the page, so that a title written in English is never counted. The check is run in
English too, where it must find English (it can fail).

A page translated only partly fails here even when each string is marked: a label computed
once at import, a choice shown by its code, a count without ngettext, a catalogue without the
msgid, or a sentence built from English pieces.
"""

import html as html_lib
import re
from functools import cache
from pathlib import Path

import django
import pytest
import rest_framework
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from procurement.core import catalogues, formatting, languages
from tests.test_access_matrix import CASES, build_world, expected, login_as

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]

LOCALE = Path(settings.LOCALE_PATHS[0])
# Installed packages whose own catalogues render strings on our pages (forms, auth, admin).
PACKAGES = [Path(django.__file__).parent, Path(rest_framework.__file__).parent]
CATALOGUE_OF = {"sr-latn": "sr_Latn", "sr": "sr", "mk": "mk", "sq": "sq", "bs": "bs"}
# The role that sees the most of each page, in this order.
ROLE_ORDER = ["admin_a", "reviewer", "staff", "member_b", "anonymous"]
WORD = re.compile(r"[^\W\d_]{3,}")
READABLE_ATTRIBUTES = re.compile(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"')


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


@cache
def english_words() -> frozenset[str]:
    """The words of every msgid of the tracker's catalogue (placeholders and markup removed)."""
    found: set[str] = set()
    for message in catalogues.entries(
        catalogues.read_catalogue(LOCALE / "sr_Latn" / "LC_MESSAGES" / "django.po")
    ):
        for msgid in message.id if message.pluralizable else [message.id]:
            found |= words(re.sub(catalogues.PLACEHOLDER, " ", msgid))
    return frozenset(found)


@cache
def words_of_language(language: str) -> frozenset[str]:
    """Every word the translations of `language` use: ours, and Django's own catalogues
    (admin, auth, forms) for the strings Django renders."""
    found: set[str] = set()
    name = CATALOGUE_OF[language]
    paths = [LOCALE / name / "LC_MESSAGES" / "django.po"]
    for package in PACKAGES:
        paths += sorted(package.glob(f"**/locale/{name}/LC_MESSAGES/django.po"))
    for path in paths:
        with path.open("rb") as handle:
            catalogue = read_po(handle)
        for message in catalogue:
            for string in catalogues.forms(message):
                found |= words(string or "")
    cldr = formatting.babel_locale(language)  # country, language, month and day names
    for names in (cldr.territories, cldr.languages, cldr.months["format"]["wide"]):
        found |= words(" ".join(map(str, names.values())))
    keep = catalogues.word_list(LOCALE / "sr_Latn" / "KEEP_LATIN.txt")
    return frozenset(found | {w.lower() for token in keep for w in WORD.findall(token)})


def database_strings() -> list[str]:
    """Every text value in the database (the page's data), longest first."""
    found: set[str] = set()
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                found |= set(_strings(value))
    return sorted((s for s in found if len(s) >= 3), key=len, reverse=True)


def _strings(value):
    if isinstance(value, str):
        yield value
        yield from value.splitlines()
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def visible_text(page: str, language: str = "") -> str:
    """What a reader sees or hears in the page's language: text nodes and the readable
    attributes, unescaped; not <code> (identifiers, parameter values), nor elements marked in
    another language (lang="…": the switcher's
    language names, a letter to a Serbian authority, the API schema's own English) are not."""
    page = re.sub(r"<(script|style|code)[^>]*>.*?</\1>", " ", page, flags=re.S)  # code: names
    page = re.sub(
        r'<(?!html\b)(\w+)\b[^>]*\slang="([^"]*)"[^>]*>.*?</\1>',
        lambda m: m.group(0) if m.group(2).lower() == language else " ",
        page,
        flags=re.S,
    )
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    attributes = " ".join(READABLE_ATTRIBUTES.findall(page))
    text = re.sub(r"<[^>]+>", " ", page)
    return html_lib.unescape(f"{text} {attributes}")


def without_data(text: str, data: list[str], query: str) -> str:
    for value in [*data, *re.split(r"[=&]", html_lib.unescape(query))]:
        if len(value) >= 3:
            text = text.replace(value, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|/\S+", " ", text)  # addresses, links, paths
    return text


def leftovers(text: str, language: str) -> list[str]:
    english = english_words() - words_of_language(language) if language != "en" else None
    found = []
    for match in WORD.finditer(text):
        word = match.group(0).lower()
        if match.group(0).isupper() and len(word) <= 4:
            continue  # a code: ISO currency (ALL, TOP, TRY) or country
        if english is not None and word in english:
            found.append(text[max(0, match.start() - 40) : match.end() + 40].strip())
    return found


def pages():
    """(case, role) for every GET page of the matrix and a role it answers with a page."""
    for case in CASES:
        if case.method != "get":
            continue
        role = next((r for r in ROLE_ORDER if expected(case, r) == "ok"), None)
        if role is not None:
            yield case, role


PAGES = list(pages())


def render_all(client, language: str) -> dict[str, list[str]]:
    """Each HTML page in `language`: {case name: the English left on it}."""
    world = build_world()
    data = database_strings()
    problems: dict[str, list[str]] = {}
    rendered = 0
    for case, role in PAGES:
        login_as(client, world, role)
        with translation.override("en"):
            target = case.url(world)
        target = languages.with_language(target, language)
        response = client.get(target, HTTP_ACCEPT_LANGUAGE=language)
        translation.deactivate()
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        rendered += 1
        page = response.content.decode()
        assert f'lang="{languages.BCP47[language]}"' in page, (case.name, target)
        query = target.split("?", 1)[1] if "?" in target else ""
        text = visible_text(page, languages.BCP47[language].lower())
        found = leftovers(without_data(text, data, query), language)
        if found:
            problems[f"{case.name} [{role}] {target}"] = found[:6]
    assert rendered > 60, rendered
    return problems


@pytest.mark.parametrize("language", ["sr-latn", "sr", "mk", "sq", "bs"])
def test_every_page_is_in_the_readers_language(client, language):
    problems = render_all(client, language)
    assert problems == {}, "\n".join(f"{name}: {found}" for name, found in problems.items())


def test_the_check_finds_english_on_an_english_page():
    text = visible_text("<h1>Awards</h1><p>Search the award history</p>")
    found = [w for w in WORD.findall(text) if w.lower() in english_words()]
    assert found == ["Awards", "Search", "the", "award", "history"]
    assert leftovers("Dodele ugovora — award history", "sr-latn") != []
    assert leftovers("Dodele ugovora", "sr-latn") == []
    assert without_data("Ministry of the Matrix rules", ["Ministry of the Matrix"], "").split() == [
        "rules"
    ]
