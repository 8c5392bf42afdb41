"""Shareable search URLs: the current query string with one parameter set, removed or paged."""

from django import template
from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from procurement.core.search_summaries import current_version
from procurement.models import Award
from procurement.templatetags.tracker import money, partial_date

register = template.Library()

# A new filter or sort starts again at the first page.
PAGING = ("after", "before", "page")


def _encoded(name: str, values: list[str]) -> str:
    """One parameter as QueryDict.urlencode writes it (name=value&name=other)."""
    params = QueryDict(mutable=True)
    params.setlist(name, values)
    return params.urlencode()


def _pieces(context) -> dict[str, str]:
    """The current query's parameters but paging, each already encoded ("" for one with
    only empty values: it keeps its place should a link set it): read once per request,
    then each link — forty facet links on a search page — only swaps one piece."""
    request = context["request"]
    pieces = getattr(request, "_browse_query_pieces", None)
    if pieces is None:
        pieces = {
            name: _encoded(name, values) if any(values) else ""
            for name, values in request.GET.lists()
            if name not in PAGING
        }
        request._browse_query_pieces = pieces
    return pieces


def _query(pieces: dict[str, str], changes: dict[str, str] | None = None) -> str:
    """`pieces` with each change set in place (a new name goes last); empty parameters are
    left out (they make ugly, unshareable URLs)."""
    pieces = dict(pieces)
    for name, value in (changes or {}).items():
        pieces[name] = _encoded(name, [value]) if value else ""
    written = "&".join(piece for piece in pieces.values() if piece)
    return "?" + written if written else "?"


@register.simple_tag(takes_context=True)
def query_with(context, name: str, value) -> str:
    """The current URL's query with `name` set to `value`, back on page one."""
    return _query(_pieces(context), {name: str(value)})


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current URL's query without `names`, back on page one."""
    pieces = _pieces(context)
    return _query({name: piece for name, piece in pieces.items() if name not in names})


@register.simple_tag(takes_context=True)
def query_page(context, direction: str, cursor: str, number: int) -> str:
    """The URL of the next (`after`) or previous (`before`) page."""
    return _query(_pieces(context), {direction: cursor, "page": str(number)})


@register.simple_tag(takes_context=True)
def current_query(context) -> str:
    """The current filters (no paging), for the export links."""
    return _query(_pieces(context))


def _url_maker(name: str):
    """reverse() once per page, then fill in each primary key (reverse costs ~30 µs a call)."""
    template = reverse(name, args=[999999999])
    return lambda pk: template.replace("999999999", str(pk))


ROW_SECONDS = 3600


@register.simple_tag
def award_rows(awards) -> str:
    """The rows of `_award_table.html` for a page of results, built in Python: the search
    page's hottest loop (the same markup as `_award_row.html`, several times faster). A
    rendered row is cached per (award, data version, language): the version changes on every
    award write (procurement.core.search_summaries), so a cached row is never stale."""
    awards = list(awards)
    version = current_version()
    if version < 0 or not awards:  # no cache: render every row
        return mark_safe("\n".join(_render_rows(awards)))  # noqa: S308 — format_html
    language = get_language()
    keys = {award.pk: f"award-row:{version}:{language}:{award.pk}" for award in awards}
    cached = cache.get_many(list(keys.values()))  # the cache fails open (tracker.cache)
    missing = [award for award in awards if keys[award.pk] not in cached]
    if missing:
        fresh = dict(zip((keys[a.pk] for a in missing), _render_rows(missing), strict=True))
        cache.set_many(fresh, ROW_SECONDS)
        cached.update(fresh)
    return mark_safe("\n".join(cached[keys[award.pk]] for award in awards))  # noqa: S308


def _render_rows(awards) -> list[str]:
    award_url, agreement_url = _url_maker("award-detail"), _url_maker("agreement-detail")
    not_stated = gettext("not stated")
    possibly = " — " + gettext("possibly under")
    # Words every undisclosed value and undated award repeats: translated once per page.
    undisclosed, undated = money(None), partial_date(None)
    # get_FOO_display() rebuilds a hashable copy of the choices on every call: look up once.
    bases = {value: str(label) for value, label in Award.LegalBasis.choices}
    # On a phone a row is a card: each cell says what it is (site.css, data-label).
    labels = [gettext(name) for name in ("Buyer", "Supplier", "Legal basis", "Value", "Date")]
    rows = []
    for award in awards:
        suppliers = award.supplier_names.replace("; ", ", ") or not_stated
        basis = bases.get(award.legal_basis, award.legal_basis)
        if award.agreement_id:
            joiner = ":" if award.legal_basis in award.BASES_NAMING_AGREEMENT else possibly
            basis = format_html(
                '{}{} <a href="{}">{}</a>',
                basis,
                joiner,
                agreement_url(award.agreement_id),
                award.agreement,
            )
        rows.append(
            format_html(
                '<tr><td class="card-title"><a href="{}">{}</a></td><td data-label="{}">{}</td>'
                '<td data-label="{}">{}</td><td data-label="{}">{}</td>'
                '<td class="num" data-label="{}">{}</td><td data-label="{}">{}</td></tr>',
                award_url(award.pk),
                award.title,
                labels[0],
                award.buyer.name if award.buyer_id else not_stated,
                labels[1],
                suppliers,
                labels[2],
                basis,
                labels[3],
                money(award) if award.value_status == "disclosed" else undisclosed,
                labels[4],
                partial_date(award.award_date, award.award_date_precision)
                if award.award_date
                else undated,
            )
        )
    return rows
