"""A text search's first page counted in the read that ranks it (PostgreSQL).

Ranking a text search by relevance reads every match to sort them, and its count read up to
EXACT_CAP + 1 of the same matches again (the bounded count: 3 ms for "huawei" on 200,000
awards and 11 on 1,000,000; 14 and 60 for "kamera beogradu", issue 17). On the first page of
a search that sorts many matches (`keyset.sorts_every_match`) by relevance, the page's ids are
sorted with a count of every match beside them (`keyset.first_ids_and_total`), then the page
reads its rows by id. The planner's estimate, which the count needs anyway above EXACT_CAP,
decides beforehand whether the sort will be relevance (RANK_LIMIT), so the count, the sort,
the page and its cursors are exactly those of the other way (`count_awards`, then the page).
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from procurement.awards.selectors.facets import ResultCount, count_of, estimated, planned_count
from procurement.awards.selectors.keyset import (
    SORTS,
    Sort,
    choose_sort,
    clamped_size,
    first_ids_and_total,
    sorted_awards,
    sorts_every_match,
)


class RankedFirstPage:
    """The count of `matches` and the ids of their first page, found by one read, for
    `summarise(counted=…)` then `keyset_page(first_ids=…)`. Only for a first page (no
    cursor) of a text search sorted by relevance on PostgreSQL; otherwise it finds nothing
    and the count and the page are read the other way."""

    def __init__(
        self, matches: QuerySet, query: str, requested: str | None, size: int, paged: bool
    ) -> None:
        self.matches, self.query, self.requested = matches, query, requested
        self.size, self.paged = size, paged
        self.ids: list[int] | None = None
        self.planned: int | None = None

    def count(self) -> ResultCount | None:
        if self.paged or not self.query.strip():
            return None
        if connections[self.matches.db].vendor != "postgresql":
            return None
        try:
            self.planned = planned = planned_count(self.matches)
        except EmptyResultSet:  # e.g. .none(): nothing matches
            return None
        # Above EXACT_CAP the count is this estimate, and the sort is chosen from it; below,
        # the count is exact and the sort relevance whatever the estimate.
        if not sorts_every_match(self.query, planned):
            return None
        relevance = SORTS["relevance"]
        if choose_sort(self.requested, self.query, estimated(planned).value) != relevance:
            return None
        ranked = sorted_awards(self.matches, relevance, self.query)
        self.ids, total = first_ids_and_total(ranked, relevance, clamped_size(self.size) + 1)
        return count_of(total, planned)

    def ids_for(self, sort: Sort) -> list[int] | None:
        """The first page's ids when they were found in `sort`, else None."""
        return self.ids if sort.key == "relevance" else None
