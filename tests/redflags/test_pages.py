"""Red flags where the public reads them: award, process and organisation pages, the search
filter (HTML, API, CSV), the home page's count and chart, the indicators page. Always labelled
as risk indicators; never revealing an unpublished record."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from procurement.models import Award, RedFlag, ReviewStatus
from procurement.redflags import DEFAULT_THRESHOLDS
from procurement.redflags.explanations import explain
from procurement.redflags.selectors.flags import INDICATOR_NAMES, public_flags
from procurement.redflags.services import compute_red_flags
from tests.factories import AwardFactory, ProcessFactory

pytestmark = pytest.mark.django_db

NOT_FINDINGS = "they are not findings of wrongdoing"


@pytest.fixture
def flagged(demo):
    cache.clear()
    compute_red_flags()
    cache.clear()
    return demo


def safe_city() -> Award:
    return Award.objects.get(title="Safe City phase 1 awarded to Huawei")


def published_with(code: str) -> set[int]:
    """Published awards carrying `code` directly or through their process."""
    ids = set()
    for flag in public_flags().filter(code=code):
        if flag.award_id:
            ids.add(flag.award_id)
        elif flag.process_id and not flag.buyer_id:
            ids |= set(
                flag.process.awards.filter(review_status=ReviewStatus.PUBLISHED).values_list(
                    "pk", flat=True
                )
            )
    return ids


def test_award_page_explains_its_indicators_as_indicators(client, flagged):
    award = safe_city()
    codes = set(RedFlag.objects.filter(award=award).values_list("code", flat=True))
    assert "X001" in codes
    html = client.get(award.get_absolute_url()).content.decode()
    assert "Risk indicators" in html and NOT_FINDINGS in html
    assert str(INDICATOR_NAMES["X001"]) in html
    flag = RedFlag.objects.get(award=award, code="X001")
    explanation = explain(flag.code, flag.inputs)
    assert explanation and explanation.replace("'", "&#x27;") in html


def test_award_page_query_count_with_flags(client, flagged, django_assert_num_queries):
    award = safe_city()
    cache.clear()
    with django_assert_num_queries(13):  # the same as without flags: one query either way
        response = client.get(award.get_absolute_url())
    assert response.status_code == 200 and len(response.context["flags"]) >= 1


def test_unpublished_awards_never_show_through_flags(client, flagged):
    seen = safe_city()
    unverified = ReviewStatus.UNVERIFIED
    hidden = AwardFactory(
        title="Unverified direct award to Huawei",
        process=ProcessFactory(method="direct", review_status=unverified, buyer=seen.buyer),
        review_status=unverified,
        legal_basis="agreement",
        agreement=seen.agreement,
        suppliers=list(seen.suppliers.all()),
    )
    compute_red_flags()
    assert set(RedFlag.objects.filter(award=hidden).values_list("code", flat=True)) >= {"X001"}
    # a flag on an unpublished record is counted nowhere public
    assert public_flags().count() < RedFlag.objects.count()
    home = client.get(reverse("home"))
    assert home.context["numbers"]["red_flags"] == public_flags().count()
    found = client.get(reverse("award-search"), {"red_flag": list(INDICATOR_NAMES)})
    assert hidden.title not in found.content.decode()
    page = client.get(reverse("red-flags")).content.decode()
    assert hidden.title not in page
    for organisation in [hidden.buyer, *hidden.suppliers.all()]:
        page = client.get(reverse("organisation-detail", args=[organisation.pk]))
        assert hidden.title not in page.content.decode()
        assert hidden.process.title not in page.content.decode()


def test_search_filter_narrows_to_flagged_awards(client, flagged):
    expected = published_with("X001")
    assert expected and safe_city().pk in expected
    response = client.get(reverse("award-search"), {"red_flag": "X001"})
    assert response.status_code == 200
    html = response.content.decode()
    assert safe_city().title in html
    assert response.context["search"].count.value == len(expected)
    not_flagged = Award.objects.filter(review_status=ReviewStatus.PUBLISHED).exclude(
        pk__in=expected
    )
    assert not_flagged.exists() and not_flagged.first().title not in html
    # the filter in force is shown in words and the box stays ticked
    assert str(INDICATOR_NAMES["X001"]) in html
    assert re.search(r'name="red_flag" value="X001"[^>]*checked', html)
    assert not re.search(r'name="red_flag" value="X002"[^>]*checked', html)


def test_several_codes_repeated_or_comma_separated(client, flagged):
    either = published_with("X001") | published_with("X002")
    repeated = client.get(reverse("award-search"), {"red_flag": ["X001", "X002"]})
    commas = client.get(reverse("award-search"), {"red_flag": "x001, X002"})
    assert repeated.context["search"].count.value == len(either)
    assert commas.context["search"].count.value == len(either)


def test_unknown_code_is_a_clear_400(client, flagged):
    page = client.get(reverse("award-search"), {"red_flag": "R999"})
    assert page.status_code == 400 and "R999" in page.content.decode()
    api = client.get("/api/awards/", {"red_flag": "R999"})
    assert api.status_code == 400 and "red_flag" in api.json()


def test_api_and_csv_honour_the_filter(client, flagged):
    expected = published_with("X002")
    assert expected
    api = client.get("/api/awards/", {"red_flag": "X002"}).json()
    assert {row["id"] for row in api["results"]} == expected
    response = client.get("/awards/export.csv", {"red_flag": "X002"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == len(expected)


def test_home_counts_and_charts_flags_per_country(client, flagged):
    html = client.get(reverse("home")).content.decode()
    assert "Risk indicators raised" in html
    assert "Risk indicators raised per country, by indicator" in html
    serbia = public_flags().filter(country="RS").count()
    assert serbia and '<th scope="row">Serbia</th>' in html
    chart = client.get(reverse("home")).context["red_flags"]
    assert {row.label: row.total for row in chart.rows}["Serbia"] == serbia


def test_indicators_page_lists_every_rule_with_its_count(client, flagged):
    response = client.get(reverse("red-flags"))
    html = response.content.decode()
    indicators = response.context["indicators"]
    assert [row["code"] for row in indicators] == list(INDICATOR_NAMES)
    assert sum(row["count"] for row in indicators) == public_flags().count()
    assert f'href="{reverse("award-search")}?red_flag=X001"' in html
    assert "not a finding of wrongdoing" in html
    # the rules quote the thresholds in code, not copies of them
    assert f"({DEFAULT_THRESHOLDS['R003']['min_days']} by default in the six" in html
    assert f"({round(DEFAULT_THRESHOLDS['R059']['max_ratio'] * 100)}% by default)" in html


def test_organisation_pages_show_buyer_and_supplier_flags(
    client, flagged, django_assert_num_queries
):
    award = safe_city()
    huawei = award.suppliers.first()
    cache.clear()
    with django_assert_num_queries(16):  # the page's 13, then per side: counts (+ first flags)
        supplier = client.get(reverse("organisation-detail", args=[huawei.parent_id or huawei.pk]))
    html = supplier.content.decode()
    assert "Risk indicators as supplier" in html and "X001" in html
    panel = supplier.context["supplier_flags"]
    assert dict(panel.counts)["X001"] >= 1 and panel.total >= len(panel.flags)
    buyer = client.get(reverse("organisation-detail", args=[award.process.buyer_id]))
    assert "Risk indicators as buyer" in buyer.content.decode()
    assert dict(buyer.context["buyer_flags"].counts)["X001"] >= 1


def test_process_page_lists_its_flags(client, flagged):
    award = safe_city()
    html = client.get(reverse("process-detail", args=[award.process_id])).content.decode()
    assert "Risk indicators" in html and "X001" in html


def test_a_long_list_of_flags_ends_with_a_search_for_the_rest(client, flagged):
    from procurement.awards.selectors.organisations import flags_for_buyer
    from procurement.redflags.selectors.flags import flag_panel

    buyer = safe_city().buyer
    panel = flag_panel(flags_for_buyer(buyer.pk), limit=1)
    assert panel.total > 1 and len(panel.flags) == 1 and panel.more == panel.total - 1
    assert panel.query == "&".join(f"red_flag={code}" for code, _n in panel.counts)
    found = client.get(f"{reverse('award-search')}?buyer={buyer.pk}&{panel.query}")
    assert found.status_code == 200 and safe_city().title in found.content.decode()
