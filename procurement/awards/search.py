"""Search queries: the folded words of a query, each matched as a word prefix."""

from procurement.core.folding import fold

MAX_QUERY_WORDS = 8


def query_words(query: str) -> list[str]:
    """The folded words of a search query, each matched as a word prefix (Niša, Beogradu).

    At most MAX_QUERY_WORDS distinct words; each is plain [0-9a-z], safe in a tsquery.
    """
    return list(dict.fromkeys(fold(query).split()))[:MAX_QUERY_WORDS]


def prefix_tsquery(words: list[str]) -> str:
    """PostgreSQL to_tsquery('simple', …) text: every word as a prefix, all required."""
    return " & ".join(f"{word}:*" for word in words)
