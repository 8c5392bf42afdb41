"""The translation catalogues under locale/: read, checked, compiled and the Cyrillic one generated.

Everything here uses Babel, so a machine with nothing but Python compiles the catalogues (no
GNU gettext). Serbian Cyrillic (`sr`) is never edited by hand: it is the one-to-one
transliteration of Serbian Latin (`sr_Latn`), leaving Latin the tokens in `KEEP_LATIN.txt` and
taking the words of `DIGRAPH_EXCEPTIONS.txt` (lj, nj, dž as two letters) as written there.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from procurement.core.transliteration import latin_to_cyrillic

# Catalogue directory names under locale/ (Django's `to_locale` of settings.LANGUAGES).
TRANSLATED = ("sr_Latn", "mk", "sq", "bs")
CYRILLIC, LATIN = "sr", "sr_Latn"
GENERATED_NOTE = (
    "Generated from locale/sr_Latn by `manage.py generate_cyrillic_catalogue` (`make messages`): "
    "do not edit; correct the Serbian Latin catalogue, KEEP_LATIN.txt or DIGRAPH_EXCEPTIONS.txt."
)

# What a translation must carry over exactly as the source has it.
PLACEHOLDER = re.compile(
    r"%\(\w+\)[sdifr]"  # %(name)s
    r"|%[sdifr]"  # %s
    r"|%%"
    r"|\{\{[^}]*\}\}"  # {{ request }}
    r"|\{\w*\}"  # {name} {0} {}
    r"|<[^>]+>"  # tags and their attributes
    r"|&#?\w+;"  # entities
    r"|https?://[^\s<>\"“”„]+"  # URLs
    r"|[\w.+-]+@[\w-]+\.[\w.-]+"  # e-mail addresses
)


def po_path(locale_dir: Path, name: str) -> Path:
    return locale_dir / name / "LC_MESSAGES" / "django.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, ignore_obsolete=True)


def write_catalogue(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalogue, width=79, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def entries(catalogue: Catalog) -> Iterator[Message]:
    """The translatable entries (not the header)."""
    return (message for message in catalogue if message.id)


def forms(message: Message) -> tuple[str, ...]:
    """A message's translation(s): one string, or one per plural form."""
    string = message.string
    return tuple(string) if isinstance(string, (tuple, list)) else (string,)


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text or ""))


@dataclass(frozen=True)
class Problem:
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.what}: {self.msgid[:80]!r}"


def problems(catalogue: Catalog) -> list[Problem]:
    """Empty or fuzzy entries, missing plural forms, placeholders unlike the msgid's."""
    found = []
    plurals = catalogue.num_plurals
    for message in entries(catalogue):
        msgid = message.id[0] if message.pluralizable else message.id
        if message.fuzzy:
            found.append(Problem(msgid, "fuzzy"))
        strings = forms(message)
        if message.pluralizable and len(strings) != plurals:
            found.append(Problem(msgid, f"{len(strings)} plural forms, {plurals} wanted"))
        sources = [
            placeholders(source) for source in (message.id if message.pluralizable else [msgid])
        ]
        for string in strings:
            if not string:
                found.append(Problem(msgid, "empty"))
            elif placeholders(string) not in sources:
                found.append(Problem(msgid, f"placeholders differ: {sorted(placeholders(string))}"))
    return found


def word_list(path: Path) -> list[str]:
    """One token per line; blank lines and lines starting with # are skipped."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def digraph_exceptions(path: Path) -> dict[str, str]:
    """`latin cyrillic` per line: words whose lj, nj or dž are two letters (injekcija инјекција)."""
    pairs = {}
    for line in word_list(path):
        latin, _, cyrillic = line.partition(" ")
        if not cyrillic.strip():
            raise ValueError(f"{path.name}: “{line}” needs the Cyrillic spelling after a space")
        pairs[latin.lower()] = cyrillic.strip()
    return pairs


@dataclass(frozen=True)
class Transliterator:
    """The Serbian Latin → Cyrillic rule of the catalogues, with its lists of exceptions."""

    keep: tuple[str, ...]
    exceptions: dict[str, str]

    @classmethod
    def from_locale(cls, locale_dir: Path) -> "Transliterator":
        latin_dir = locale_dir / LATIN
        return cls(
            keep=tuple(word_list(latin_dir / "KEEP_LATIN.txt")),
            exceptions=digraph_exceptions(latin_dir / "DIGRAPH_EXCEPTIONS.txt"),
        )

    def __call__(self, text: str) -> str:
        return latin_to_cyrillic(text, keep=self.keep, exceptions=self.exceptions)


def cyrillic_catalogue(latin: Catalog, transliterate: Transliterator) -> Catalog:
    """The Serbian Cyrillic catalogue: the Latin one with every translation transliterated."""
    cyrillic = Catalog(
        locale=CYRILLIC, domain="django", header_comment="# " + GENERATED_NOTE, fuzzy=False
    )
    # The header (and so the plural rule) is the Latin catalogue's, but for the language.
    renamed = {"Language": CYRILLIC, "Language-Team": "Serbian (Cyrillic), generated"}
    cyrillic.mime_headers = [(key, renamed.get(key, value)) for key, value in latin.mime_headers]
    for message in entries(latin):
        strings = tuple(transliterate(string) for string in forms(message))
        cyrillic.add(
            message.id,
            strings if message.pluralizable else strings[0],
            locations=message.locations,
            flags=message.flags,
            auto_comments=message.auto_comments,
            user_comments=message.user_comments,
            context=message.context,
        )
    return cyrillic


def compile_catalogue(po: Path, mo: Path) -> int:
    """Write the .mo beside its .po (Babel, no gettext); the number of entries compiled."""
    catalogue = read_catalogue(po)
    buffer = BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    mo.write_bytes(buffer.getvalue())
    return sum(1 for message in entries(catalogue) if message.string and not message.fuzzy)


def catalogue_paths(locale_dirs: Iterable[Path]) -> Iterator[Path]:
    for locale_dir in locale_dirs:
        yield from sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))
