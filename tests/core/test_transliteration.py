"""Serbian Latin → Cyrillic for translator-written text (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from procurement.core.folding import fold
from procurement.core.transliteration import latin_to_cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Ljubljana", "Љубљана"),
        ("NJEGOŠ", "ЊЕГОШ"),
        ("Džep i džak", "Џеп и џак"),
        (
            "Poverenik za informacije od javnog značaja",
            "Повереник за информације од јавног значаја",
        ),
        ("rešenje, žalba, ćutanje, đak", "решење, жалба, ћутање, ђак"),
        ("LJILJANA Ljiljana", "ЉИЉАНА Љиљана"),
    ],
)
def test_letters_and_digraphs(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    "protected",
    [
        "%(name)s",
        "%s",
        "%d",
        "%%",
        "{count}",
        "{0}",
        "{{ request.subject }}",
        "{% if due_on %}",
        '<a href="https://poverenik.rs/lj">',
        "&nbsp;",
        "https://example.org/awards/?q=niš",
        "kancelarija@poverenik.rs",
    ],
)
def test_placeholders_markup_urls_and_addresses_are_kept(protected):
    assert latin_to_cyrillic(f"Rok {protected} ističe") == f"Рок {protected} истиче"


def test_kept_tokens_stay_latin_whole_words_only():
    text = "Izvoz OCDS i BA-SRP, ne OCDSX"
    assert latin_to_cyrillic(text, keep=["OCDS", "BA-SRP"]) == "Извоз OCDS и BA-SRP, не ОЦДСX"


def test_exceptions_split_the_digraph_and_keep_case():
    exceptions = {"injekcija": "инјекција", "konjunktura": "конјунктура"}
    assert latin_to_cyrillic("Injekcija, konjunktura", exceptions=exceptions) == (
        "Инјекција, конјунктура"
    )
    assert latin_to_cyrillic("INJEKCIJA", exceptions=exceptions) == "ИНЈЕКЦИЈА"


def test_decomposed_input_is_read_as_its_letters():
    assert latin_to_cyrillic("z\u030calba") == "жалба"


serbian_latin = st.text(
    alphabet="abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ .,", max_size=40
)


@given(serbian_latin)
def test_folding_the_cyrillic_gives_the_latin_key(text):
    """Folding (the search key) undoes the transliteration: both scripts find the same records."""
    assert fold(latin_to_cyrillic(text)) == fold(text)
