"""Red-flag sentences in the reader's language: the procedure's name, not its code, and counts
with their plural forms (the translators' notes on R010, R018, X001 and R064)."""

from django.utils import translation

from procurement.redflags.rules import (
    r010_unjustified_non_competitive,
    r018_single_bid,
    r064_contract_modified,
)
from tests.redflags.test_rules import contract, eur, process


def test_the_procedure_is_named_in_the_readers_words_never_by_its_code():
    def flag():
        return r010_unjustified_non_competitive(process(method="limited"))

    with translation.override("sr-latn"):
        assert "ograničen" in str(flag().explanation)
        assert "limited" not in str(flag().explanation)
    with translation.override("sq"):
        limited = translation.gettext("limited")
        assert limited in str(flag().explanation) and limited != "limited"
    with translation.override("sr"):
        single = r018_single_bid(process(method="open", number_of_tenderers=1))
        assert "отворен" in str(single.explanation) and "open" not in str(single.explanation)


def test_amendments_are_counted_with_plural_forms():
    def amended(n):
        return r064_contract_modified(contract(amendment_values=tuple(eur(1) for _ in range(n))))

    with translation.override("en"):
        assert str(amended(1).explanation) == "The contract was amended 1 time."
        assert str(amended(3).explanation) == "The contract was amended 3 times."
    with translation.override("sr-latn"):
        assert [str(amended(n).explanation) for n in (1, 3, 5)] == [
            "Ugovor je izmenjen 1 put.",
            "Ugovor je izmenjen 3 puta.",
            "Ugovor je izmenjen 5 puta.",
        ]
