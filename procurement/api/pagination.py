"""API pagination: the award keyset (same sorts and cursors as the HTML page) and cursors."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from procurement.awards.selectors.keyset import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORTS, keyset_page


def page_size(request) -> int:
    raw = request.query_params.get("page_size", DEFAULT_PAGE_SIZE)
    try:
        size = int(raw)
    except (TypeError, ValueError):
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [f"A whole number from 1 to {MAX_PAGE_SIZE}."]})
    return size


class AwardKeysetPagination(BasePagination):
    """`after`/`before` cursors over the view's sort; `count` exact up to 1,000, else estimated."""

    query_parameters = ("sort", "after", "before", "page_size")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        try:
            self.page = keyset_page(
                queryset,
                view.sort,
                after=request.query_params.get("after"),
                before=request.query_params.get("before"),
                size=page_size(request),
                narrow=view.narrow,
                first_ids=view.first_ids,
            )
        except DjangoValidationError as error:
            raise ValidationError({"after": error.messages}) from error
        self.count = view.count  # summarised (and cached) before the sort was chosen
        return self.page.items

    def _link(self, name: str, cursor: str | None) -> str | None:
        if not cursor:
            return None
        url = self.request.build_absolute_uri()
        for other in ("after", "before"):
            url = remove_query_param(url, other)
        return replace_query_param(url, name, cursor)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count.value,
                "count_is_exact": self.count.exact,
                "sort": self.page.sort.key,
                "next": self._link("after", self.page.next_cursor),
                "previous": self._link("before", self.page.previous_cursor),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_is_exact", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Exact up to 1,000, else estimated."},
                "count_is_exact": {"type": "boolean"},
                "sort": {"type": "string", "enum": list(SORTS)},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        text = {"schema": {"type": "string"}, "required": False, "in": "query"}
        return [
            {
                **text,
                "name": "sort",
                "description": "relevance (with q), date or value",
                "schema": {"type": "string", "enum": list(SORTS)},
            },
            {**text, "name": "after", "description": "Cursor from `next`."},
            {**text, "name": "before", "description": "Cursor from `previous`."},
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows per page, 1–{MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


class IdCursorPagination(CursorPagination):
    """Newest rows first, by a cursor: as fast on the last page as on the first."""

    ordering = "-id"
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    query_parameters = ("cursor", "page_size")
