"""Shareable search URLs: the current query string with one parameter set, removed or paged."""

from django import template
from django.http import QueryDict

register = template.Library()

# A new filter or sort starts again at the first page.
PAGING = ("after", "before", "page")


def _params(context) -> QueryDict:
    return context["request"].GET.copy()


def _encode(params: QueryDict) -> str:
    for key in [k for k, v in params.lists() if not any(v)]:
        del params[key]  # empty form fields make ugly, unshareable URLs
    return "?" + params.urlencode() if params else "?"


@register.simple_tag(takes_context=True)
def query_with(context, name: str, value) -> str:
    """The current URL's query with `name` set to `value`, back on page one."""
    params = _params(context)
    for key in PAGING:
        params.pop(key, None)
    params[name] = str(value)
    return _encode(params)


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current URL's query without `names`, back on page one."""
    params = _params(context)
    for key in (*PAGING, *names):
        params.pop(key, None)
    return _encode(params)


@register.simple_tag(takes_context=True)
def query_page(context, direction: str, cursor: str, number: int) -> str:
    """The URL of the next (`after`) or previous (`before`) page."""
    params = _params(context)
    for key in PAGING:
        params.pop(key, None)
    params[direction] = cursor
    params["page"] = str(number)
    return _encode(params)


@register.simple_tag(takes_context=True)
def current_query(context) -> str:
    """The current filters (no paging), for the export links."""
    params = _params(context)
    for key in PAGING:
        params.pop(key, None)
    return _encode(params)
