"""The catalogues: complete, placeholders kept, Serbian Cyrillic generated from Serbian Latin,
and compiled by Babel into .mo files that Python's own gettext reads."""

import gettext
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from procurement.core import catalogues
from procurement.core.transliteration import latin_to_cyrillic

LOCALE = settings.LOCALE_PATHS[0]
ALL = [*catalogues.TRANSLATED, catalogues.CYRILLIC]


def load(name: str):
    return catalogues.read_catalogue(catalogues.po_path(LOCALE, name))


@pytest.mark.parametrize("name", ALL)
def test_every_entry_is_translated_without_fuzzy_and_keeps_its_placeholders(name):
    catalogue = load(name)
    assert len(list(catalogues.entries(catalogue))) > 1000
    assert [str(problem) for problem in catalogues.problems(catalogue)] == []


@pytest.mark.parametrize("name", ALL)
def test_every_catalogue_has_the_same_msgids(name):
    ids = {(m.context, str(m.id)) for m in catalogues.entries(load(name))}
    assert ids == {(m.context, str(m.id)) for m in catalogues.entries(load("sr_Latn"))}


def test_the_checker_finds_what_it_must():
    from babel.messages.catalog import Catalog

    catalogue = Catalog(locale="sr_Latn")
    catalogue.add("Due on %(day)s", "Rok: %(dan)s")
    catalogue.add("Save", "")
    catalogue.add("Open", "Otvoren", flags=["fuzzy"])
    catalogue.add(("%(n)d day", "%(n)d days"), ("%(n)d dan", "%(n)d dana", ""))
    catalogue.add("<b>Note</b>: see %(link)s", "<strong>Napomena</strong>: vidi %(link)s")
    found = sorted(problem.what.split(":")[0] for problem in catalogues.problems(catalogue))
    assert found == ["empty", "empty", "fuzzy", "placeholders differ", "placeholders differ"]


def test_serbian_cyrillic_is_the_transliteration_of_serbian_latin():
    """Every Cyrillic entry is exactly the table's transliteration of its Latin one, but for
    the tokens kept Latin and the words listed as exceptions; the generated file is current."""
    latin, cyrillic = load("sr_Latn"), load("sr")
    transliterate = catalogues.Transliterator.from_locale(LOCALE)
    by_id = {(m.context, str(m.id)): m for m in catalogues.entries(cyrillic)}
    plain = {}  # the table alone, no exceptions: where it differs, only listed words may
    for message in catalogues.entries(latin):
        generated = by_id[(message.context, str(message.id))]
        for source, target in zip(
            catalogues.forms(message), catalogues.forms(generated), strict=True
        ):
            assert target == transliterate(source), message.id
            table = latin_to_cyrillic(source, keep=transliterate.keep)
            if table != target:
                plain[source] = (table, target)
    listed = set(transliterate.exceptions)
    for source, (table, target) in plain.items():
        differing = {
            word.lower()
            for word, a, b in zip(
                re.findall(r"\w+", source),
                re.findall(r"\w+", table),
                re.findall(r"\w+", target),
                strict=True,
            )
            if a != b
        }
        assert differing <= listed, source


def test_the_exceptions_list_is_used_for_two_letter_digraphs():
    transliterate = catalogues.Transliterator.from_locale(LOCALE)
    assert transliterate("Injekcija kapitala") == "Инјекција капитала"
    assert transliterate("konjunktura i ljudi") == "коњунктура и људи"
    assert transliterate("Izvoz u OCDS formatu (JSON)") == "Извоз у OCDS формату (JSON)"


def test_the_generator_writes_the_committed_file(tmp_path, settings):
    """`make messages` regenerates sr from sr_Latn: the committed sr catalogue is what it
    writes, so the two never drift."""
    locale = tmp_path / "locale"
    (locale / "sr_Latn" / "LC_MESSAGES").mkdir(parents=True)
    for name in ("KEEP_LATIN.txt", "DIGRAPH_EXCEPTIONS.txt"):
        (locale / "sr_Latn" / name).write_bytes((LOCALE / "sr_Latn" / name).read_bytes())
    source = catalogues.po_path(LOCALE, "sr_Latn")
    catalogues.po_path(locale, "sr_Latn").write_bytes(source.read_bytes())
    settings.LOCALE_PATHS = [locale]
    call_command("generate_cyrillic_catalogue", verbosity=0)
    written = catalogues.read_catalogue(catalogues.po_path(locale, "sr"))
    committed = load("sr")
    assert [(m.id, m.string) for m in written] == [(m.id, m.string) for m in committed]


@pytest.mark.parametrize("name", ALL)
def test_babel_compiles_what_pythons_gettext_reads(tmp_path, name):
    """No GNU gettext needed: Babel's .mo is read by the standard library, every entry, with
    the plural rule of the catalogue."""
    mo = tmp_path / "django.mo"
    count = catalogues.compile_catalogue(catalogues.po_path(LOCALE, name), mo)
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalogue = load(name)
    assert count == len(list(catalogues.entries(catalogue)))
    samples = {3: (1, 2, 5), 2: (1, 2)}[catalogue.num_plurals]  # one number per plural form
    for message in catalogues.entries(catalogue):
        if message.pluralizable:
            for n, form in zip(samples, catalogues.forms(message), strict=True):
                assert compiled.ngettext(*message.id, n) == form
        elif message.context:
            assert compiled.pgettext(message.context, message.id) == message.string
        else:
            assert compiled.gettext(message.id) == message.string


def test_serbian_plurals_count_one_few_many(tmp_path):
    mo = tmp_path / "django.mo"
    catalogues.compile_catalogue(catalogues.po_path(LOCALE, "sr_Latn"), mo)
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    days = [
        compiled.ngettext("%(n)d calendar day", "%(n)d calendar days", n) % {"n": n}
        for n in (1, 2, 5, 21)
    ]
    assert days == [
        "1 kalendarski dan",
        "2 kalendarska dana",
        "5 kalendarskih dana",
        "21 kalendarski dan",
    ]


def test_the_site_speaks_each_language():
    """The compiled catalogues are the ones Django loads (make test compiles them first)."""
    expected = {
        "en": "Awards",
        "sr-latn": "Dodele ugovora",
        "sr": "Доделе уговора",
    }
    for language, word in expected.items():
        with translation.override(language):
            assert translation.gettext("Awards") == word
    for language in ("mk", "sq", "bs"):
        with translation.override(language):
            assert translation.gettext("Awards") != "Awards"
