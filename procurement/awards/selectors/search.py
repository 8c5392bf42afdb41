"""The award search: every folded query word must start a word of the award's search document.

One behaviour on both backends (one test contract, tests/awards/test_contract.py):
- PostgreSQL: full text on the stored tsvector `search_vector` (migration 0002, GIN index),
  each word a prefix (`nis:*`), ranked with ts_rank; trigram similarity on organisation keys
  suggests a name when nothing matches.
- SQLite (the embedded default): the same matches through LIKE on the folded document,
  without ranking (relevance is a constant, so results fall back to newest first).
"""

from django.db import connections
from django.db.models import BooleanField, Expression, F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from procurement.awards.search import prefix_tsquery, query_words
from procurement.models import Organisation

# The document is normalised to "word word word": a word starts the text or follows a space.
_VECTOR_MATCH = "{vector} @@ to_tsquery('simple', %s)"
# Normalisation 1: a match in a short document ranks above the same match in a long one.
# float8, so that the value a page cursor carries compares equal to the one recomputed.
_VECTOR_RANK = "ts_rank({vector}, to_tsquery('simple', %s), 1)::float8"


class _OnSearchVector(Expression):
    """SQL over the award's stored tsvector column (not a model field: see migration 0002),
    qualified like `search_document` so that it works inside subqueries too."""

    def __init__(self, template: str, tsquery: str, output_field) -> None:
        super().__init__(output_field=output_field)
        self.template, self.tsquery = template, tsquery
        self.document = F("search_document")

    def get_source_expressions(self) -> list:
        return [self.document]

    def set_source_expressions(self, expressions: list) -> None:
        (self.document,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.document)
        vector = column.replace('"search_document"', '"search_vector"')
        return self.template.format(vector=vector), (*params, self.tsquery)


def _is_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_awards(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow awards to those matching every word of `query` as a word prefix, in any script."""
    words = query_words(query)
    if not words:
        return queryset
    if _is_postgres(queryset):
        match = _OnSearchVector(_VECTOR_MATCH, prefix_tsquery(words), BooleanField())
        return queryset.filter(match)
    condition = Q()
    for word in words:
        condition &= Q(search_document__startswith=word) | Q(search_document__contains=f" {word}")
    return queryset.filter(condition)


def with_relevance(queryset: QuerySet, query: str) -> QuerySet:
    """Annotate `relevance`: ts_rank on PostgreSQL; a constant elsewhere (no ranking)."""
    words = query_words(query)
    if words and _is_postgres(queryset):
        rank = _OnSearchVector(_VECTOR_RANK, prefix_tsquery(words), FloatField())
    else:
        rank = Value(0.0, output_field=FloatField())
    return queryset.annotate(relevance=rank)


def suggest_organisations(
    query: str, organisations: QuerySet[Organisation], limit: int = 3
) -> list[Organisation]:
    """Among `organisations` (those the searcher may see), the ones whose folded names
    resemble `query` (PostgreSQL trigram word similarity); offered when a search finds
    nothing, e.g. "huavei" → Huawei. Empty on SQLite."""
    words = query_words(query)
    queryset = organisations
    if not words or not _is_postgres(queryset):
        return []
    text = " ".join(words)
    similarity = RawSQL("word_similarity(%s, search_key)", (text,), output_field=FloatField())
    close = RawSQL("%s <%% search_key", (text,), output_field=BooleanField())
    return list(
        queryset.filter(close)
        .annotate(similarity=similarity)
        .order_by("-similarity", "name")[:limit]
    )
