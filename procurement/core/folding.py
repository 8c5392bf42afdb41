"""Folding names written in two scripts into one key, for search and matching.

Fold one way only: Cyrillic → Latin (Serbian/Macedonian table), then đ → dj (U+0111 has no
Unicode decomposition), then strip combining marks, then casefold. Latin → Cyrillic is
ambiguous (konjunktura ≠ коњунктура) and never builds a key. `anyascii`/`unidecode` romanise
the Russian way (Ниш → Nish) and must not be used here. Search keys, queries, OCDS party
matching, review filters and red-flag rules all fold the same way.
"""

import re
import unicodedata

# Serbian and Macedonian Cyrillic to their official Latin alphabets (Macedonian Ѓ/Ќ as gj/kj),
# plus the other Cyrillic letters that appear in foreign names.
_CYRILLIC_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "đ",
    "е": "e",
    "ж": "ž",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "ć",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "č",
    "џ": "dž",
    "ш": "š",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    "й": "j",
    "ы": "y",
    "э": "e",
    "ю": "ju",
    "я": "ja",
    "щ": "šč",
    "ъ": "",
    "ь": "",
    "ё": "e",
    "є": "je",
    "і": "i",
    "ї": "ji",
    "ґ": "g",
    "ў": "u",
}
_TABLE = str.maketrans(
    {**_CYRILLIC_TO_LATIN, **{k.upper(): v.capitalize() for k, v in _CYRILLIC_TO_LATIN.items()}}
)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """The search key of `text`: Latin, lower case, no diacritics, words separated by spaces.

    Београд, Beograd and BEOGRAD all fold to "beograd"; Ђорђе and Đorđe to "djordje".
    """
    if not text:
        return ""
    latin = text.translate(_TABLE).replace("đ", "dj").replace("Đ", "Dj")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(ch)
    )
    return _NOT_WORD.sub(" ", stripped.casefold()).strip()


def latin_lower(text: str) -> str:
    """`text` in Latin letters, lower case, without diacritics, punctuation and spacing kept
    (dates such as 20.03.2026 stay readable): fold's first steps only."""
    latin = (text or "").translate(_TABLE).replace("đ", "dj").replace("Đ", "Dj")
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(ch)
    )
    return stripped.casefold()


def fold_all(*texts: str) -> str:
    """One search key for several names (a name and its aliases), without repeated words."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in fold(text).split():
            seen.setdefault(word, None)
    return " ".join(seen)
