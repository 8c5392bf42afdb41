"""Matching keys for organisation names: the folded name without its legal form.

"HUAWEI TECHNOLOGIES SERBIA", "Huawei Technologies Serbia d.o.o." and "Huawei Technologies
Serbia DOO" are one company: fold (procurement.core.folding.fold), then strip the legal-form words
at the end — d.o.o., a.d., SH.P.K., Ltd, GmbH … — repeatedly ("Co., Ltd." loses both).
A name that is nothing but a legal form keeps it, so that no key is ever empty.
"""

from functools import lru_cache

from procurement.core.folding import fold

# Folded, as word sequences: fold("d.o.o.") == "d o o". Longest first wins at each step.
LEGAL_FORMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in sorted(
        {
            # Serbia, Montenegro, Bosnia and Herzegovina, North Macedonia (Latin; Cyrillic folds)
            "d o o",
            "doo",
            "d o o e l",
            "dooel",
            "a d",
            "ad",
            "d d",
            "dd",
            "j p",
            "jp",
            "o d",
            "k d",
            "drustvo sa ogranicenom odgovornoscu",
            "drustvo s ogranicenom odgovornoscu",
            "akcionarsko drustvo",
            "dionicko drustvo",
            "drustvo so ogranicena odgovornost",
            "akcionersko drustvo",
            # Albania and Kosovo
            "sh p k",
            "shpk",
            "sh a",
            "sha",
            "l l c",
            # International
            "ltd",
            "limited",
            "llc",
            "inc",
            "incorporated",
            "corp",
            "corporation",
            "co",
            "company",
            "gmbh",
            "ag",
            "jsc",
            "pjsc",
            "ojsc",
            "plc",
            "s a",
            "sa",
            "s r l",
            "srl",
            "b v",
            "bv",
            "n v",
            "nv",
            "ab",
            "as",
            "oy",
            "kft",
            "spa",
            "s p a",
        },
        key=lambda form: -len(form.split()),
    )
)


@lru_cache(maxsize=1 << 16)  # imports ask for the same few thousand names again and again
def name_key(name: str) -> str:
    """The key two spellings of one organisation share: folded, legal forms stripped."""
    words = fold(name).split()
    stripped = True
    while stripped:
        stripped = False
        for form in LEGAL_FORMS:
            if len(words) > len(form) and tuple(words[-len(form) :]) == form:
                words = words[: -len(form)]
                stripped = True
                break
    return " ".join(words)
