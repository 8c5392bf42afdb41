"""The search page's links (facets, filter chips, pages, exports) keep every other
parameter of the current URL exactly as the QueryDict way wrote them, which the
templatetags now build from pieces encoded once per request."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from procurement.templatetags import browse

PAGING = ("after", "before", "page")


def _reference(query: str, drop=(), **changes) -> str:
    """The links as written before (a QueryDict copied and re-encoded per link)."""
    params = QueryDict(query, mutable=True)
    for key in (*PAGING, *drop):
        params.pop(key, None)
    for name, value in changes.items():
        params[name] = value
    for key in [k for k, v in params.lists() if not any(v)]:
        del params[key]
    return "?" + params.urlencode() if params else "?"


QUERIES = [
    "",
    "q=huawei",
    "q=%D0%9D%D0%B8%D1%88&country=RS&country=ME",
    "country=RS&method=&legal_basis=procurement_law&page=4&after=abc%3D%3D",
    "red_flag=R018&red_flag=X001&q=kamera+beogradu&sort=date",
    "q=a%26b%3Dc&year=2020&before=xyz&value_min=10&currency=EUR",
    "supplier=7&q=&q=&buyer=3",
]


@pytest.mark.parametrize("query", QUERIES)
def test_every_link_keeps_the_other_parameters_as_before(query):
    context = {"request": RequestFactory().get(f"/awards/?{query}")}
    for name, value in [
        ("country", "AL"),
        ("year", "2021"),
        ("q", "Ниш & co"),
        ("red_flag", "R069"),
        ("sep", "semicolon"),
        ("after", "cursor/+="),
        ("method", ""),
    ]:
        assert browse.query_with(context, name, value) == _reference(query, **{name: value})
    assert browse.query_without(context, "country", "q") == _reference(query, ("country", "q"))
    assert browse.query_without(context, "nothing") == _reference(query)
    assert browse.current_query(context) == _reference(query)
    assert browse.query_page(context, "after", "c1+/=", 3) == _reference(
        query, after="c1+/=", page="3"
    )
    assert browse.query_page(context, "before", "", 1) == _reference(query, before="", page="1")


def test_a_link_never_changes_the_next_one():
    context = {"request": RequestFactory().get("/awards/?country=RS&q=x")}
    assert browse.query_with(context, "country", "ME") == "?country=ME&q=x"
    assert browse.query_with(context, "year", "2020") == "?country=RS&q=x&year=2020"
    assert browse.query_without(context, "country") == "?q=x"
    assert browse.current_query(context) == "?country=RS&q=x"
