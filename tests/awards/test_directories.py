"""/organisations/ and /agreements/: browse by country and kind, with counts and totals,
keyset pages, only what the reader may see, a fixed number of queries."""

import re

import pytest
from django.db.models import Sum
from django.urls import reverse

from procurement.awards.selectors import directories
from procurement.models import Agreement, Award, Organisation, RegisterStatus
from procurement.templatetags.tracker import amount

pytestmark = pytest.mark.django_db


def options(html: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return dict(re.findall(r'<option value="(\w*)"[^>]*>([^<]*)</option>', select))


def test_organisations_by_country_and_kind_with_their_awards(client, demo):
    html = client.get(reverse("organisation-list")).content.decode()
    countries = options(html, "country")
    assert 5 <= len(countries) - 1 <= 20  # the countries in the data, not 250
    assert countries["RS"].startswith("Serbia (")
    kinds = options(html, "kind")
    assert any(label.startswith("company (") for label in kinds.values())
    page = client.get(reverse("organisation-list"), {"country": "CN", "kind": "company"})
    html = page.content.decode()
    assert page.status_code == 200 and "Huawei" in html
    assert 'value="CN" selected' in html and 'value="company" selected' in html
    huawei = Organisation.objects.filter(name__icontains="huawei", country="CN").first()
    won = Award.objects.filter(review_status="published", suppliers=huawei).count()
    assert won and f"?supplier={huawei.pk}" in html
    assert "Ministry of Interior" not in html  # a public authority, not a company
    authorities = client.get(reverse("organisation-list"), {"country": "RS", "kind": "company"})
    # None here: the choice is kept (with 0), not silently dropped.
    assert 'value="RS" selected>Serbia (0)' in authorities.content.decode()
    assert "0 organisations" in authorities.content.decode()


def test_organisations_never_list_an_unconfirmed_proposal(client, demo):
    Organisation.objects.create(
        name="Proposed Body Nobody Confirmed",
        kind="public_authority",
        country="RS",
        register_status=RegisterStatus.PROPOSED,
    )
    html = client.get(reverse("organisation-list"), {"country": "RS"}).content.decode()
    assert "Proposed Body Nobody Confirmed" not in html


def test_organisation_pages_are_keyset_pages(client, demo, monkeypatch):
    monkeypatch.setattr(directories, "PAGE_SIZE", 5)
    first = client.get(reverse("organisation-list")).content.decode()
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', first)
    assert len(names) == 5
    after = re.search(r'rel="next" href="\?after=([^"]+)"', first).group(1)
    second = client.get(reverse("organisation-list"), {"after": after}).content.decode()
    more = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', second)
    assert more and not set(more) & set(names) and "First page" in second
    broken = client.get(reverse("organisation-list"), {"after": "not-a-cursor"})
    assert broken.status_code == 400 and "start again" in broken.content.decode()


def test_agreements_by_country_with_awards_and_totals(client, demo):
    html = client.get(reverse("agreement-list")).content.decode()
    total = Agreement.objects.count()
    assert f"{total} agreements" in html
    assert "RS" in options(html, "country")
    serbia = client.get(reverse("agreement-list"), {"country": "RS"}).content.decode()
    title = "Strategic Agreement on Economic, Technological and Infrastructural Cooperation"
    assert title in serbia
    # Each agreement's published awards with a disclosed value, added up per currency.
    sums = (
        Award.objects.filter(review_status="published", value_status="disclosed")
        .exclude(agreement=None)
        .order_by()
        .values_list("agreement", "value_currency")
        .annotate(total=Sum("value_amount"))
    )
    assert sums
    for agreement_id, currency, total in sums:
        row = client.get(reverse("agreement-list")).content.decode()
        row = row.split(f'href="/en/agreements/{agreement_id}/"', 1)[1].split("</tr>", 1)[0]
        assert amount(total, currency) in row
    # An award without a disclosed value is said so, never added as 0.
    hidden = (
        Award.objects.filter(review_status="published", value_status="undisclosed")
        .exclude(agreement=None)
        .values_list("agreement", flat=True)
        .first()
    )
    assert hidden
    page = client.get(reverse("agreement-list")).content.decode()
    row = page.split(f'href="/en/agreements/{hidden}/"', 1)[1].split("</tr>", 1)[0]
    assert "undisclosed</span>" in row
    montenegro = client.get(reverse("agreement-list"), {"country": "ME"}).content.decode()
    assert title not in montenegro and "Bar–Boljare" in montenegro


@pytest.mark.parametrize("name", ["organisation-list", "agreement-list"])
def test_directory_query_counts_are_fixed(client, demo, django_assert_num_queries, name):
    queries = {"organisation-list": 4, "agreement-list": 7}[name]
    with django_assert_num_queries(queries):
        assert client.get(reverse(name)).status_code == 200
    with django_assert_num_queries(queries):
        assert client.get(reverse(name), {"country": "RS", "kind": "company"}).status_code == 200
