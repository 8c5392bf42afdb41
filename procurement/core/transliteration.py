"""Serbian Latin → Cyrillic, for text a translator or a lawyer wrote (pure).

The Serbian alphabets map one to one (lj → љ, nj → њ, dž → џ), so translator-written Serbian
Latin becomes Cyrillic by table; names and foreign words do not (konjunktura is коњунктура,
but injekcija is инјекција), so a caller passes the words whose lj, nj or dž are two letters,
and the tokens that stay Latin (codes, brands, formats). Placeholders (`%(name)s`, `{name}`,
`{{ var }}`, `{% tag %}`), HTML tags and entities, URLs and e-mail addresses are never touched.
Search keys never come from here: they fold the other way (procurement.awards.search).
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping

_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
_LETTERS = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzž",
        "абцчћдђефгхијклмнопрсштувзж",
        strict=True,
    )
)

# Spans copied as they are: template and format placeholders, tags, entities, URLs, e-mails.
_PROTECTED = re.compile(
    r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[sdifrx]"  # %(name)s
    r"|%[#0 +-]*\d*(?:\.\d+)?[sdifrx%]"  # %s, %d, %%
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # Django template syntax
    r"|\{[A-Za-z_][A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}"  # str.format fields
    r"|<[^>]*>"  # HTML tags
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"  # entities
    r"|(?:https?|ftp|mailto)://\S+|www\.\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    re.DOTALL,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _letters(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair.lower() in _DIGRAPHS:
            cyr = _DIGRAPHS[pair.lower()]
            out.append(cyr.upper() if pair[0].isupper() else cyr)
            i += 2
            continue
        char = word[i]
        cyr = _LETTERS.get(char.lower())
        out.append(char if cyr is None else (cyr.upper() if char.isupper() else cyr))
        i += 1
    return "".join(out)


def _plain(text: str, keep: frozenset[str], exceptions: Mapping[str, str]) -> str:
    def word(match: re.Match) -> str:
        w = match.group(0)
        if w in keep:
            return w
        known = exceptions.get(w.lower())
        if known is not None:
            return (
                known.upper() if w.isupper() else (known.capitalize() if w[0].isupper() else known)
            )
        return _letters(w)

    return _WORD.sub(word, text)


def latin_to_cyrillic(
    text: str, *, keep: Iterable[str] = (), exceptions: Mapping[str, str] | None = None
) -> str:
    """Serbian Latin text in Cyrillic, letter by letter; placeholders, markup and `keep` untouched.

    `keep` holds tokens that stay Latin (matched whole: "OCDS", "Huawei", "BA-SRP"); `exceptions`
    maps a lower-case Latin word to its Cyrillic where lj, nj or dž are two letters.
    """
    text = unicodedata.normalize("NFC", text)
    keep_tokens = sorted({k for k in keep if k}, key=len, reverse=True)
    keep_words = frozenset(k for k in keep_tokens if _WORD.fullmatch(k))
    phrases = [k for k in keep_tokens if not _WORD.fullmatch(k)]
    exceptions = {k.lower(): v for k, v in (exceptions or {}).items()}
    pattern = _PROTECTED
    if phrases:
        alternatives = "|".join(rf"(?<![\w-]){re.escape(p)}(?![\w-])" for p in phrases)
        pattern = re.compile(f"{_PROTECTED.pattern}|{alternatives}", re.DOTALL)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(_plain(text[last : match.start()], keep_words, exceptions))
        out.append(match.group(0))
        last = match.end()
    out.append(_plain(text[last:], keep_words, exceptions))
    return "".join(out)
