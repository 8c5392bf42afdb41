"""The reviewers' queue and review page: filters, bulk decisions, history, flags, corrections."""

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.awards.services.search_keys import refresh_awards
from procurement.core.formatting import format_datetime
from procurement.models import (
    Award,
    RedFlag,
    ReviewDecision,
    ReviewStatus,
    SuggestedCorrection,
)
from tests.factories import AuthorityFactory, AwardFactory, ContractFactory, ProcessFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]
U = ReviewStatus.UNVERIFIED


def flag(award, code="X001"):
    return RedFlag.objects.create(
        key=f"{code}:award:{award.pk}",
        code=code,
        rule_version="1",
        award=award,
        inputs={"agreement": "2009 Serbia–China agreement", "method": "direct"},
        computed_at=timezone.now(),
    )


def awards(n, **fields):
    return [AwardFactory(review_status=U, title=f"Pending award {i}", **fields) for i in range(n)]


def test_queue_lists_what_awaits_review_with_flags_in_constant_queries(
    client, people, django_assert_num_queries
):
    pending = awards(3)
    flag(pending[0])
    published = AwardFactory(title="Public and fine")
    corrected = AwardFactory(title="Public but questioned")
    SuggestedCorrection.objects.create(award=corrected, suggestion="Value is wrong.")
    client.force_login(people.reviewer)
    url = reverse("review-queue")
    # session, user, count, page, red flags, open corrections, suppliers, corrections list,
    # proposed authorities awaiting review
    # the countries in the data (the country filter offers each)
    with django_assert_num_queries(10):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert all(a.title in html for a in pending) and corrected.title in html
    assert published.title not in html
    assert ">X001<" in html and "1 open" in html
    more = awards(60)
    for award in more[:5]:
        flag(award)
    with django_assert_num_queries(10):  # page 1 of 2: same number of queries
        response = client.get(url)
    assert len(response.context["page"].object_list) == 50
    assert "Page 1 of 2" in response.content.decode()
    with django_assert_num_queries(10):
        assert client.get(url + "?kind=award&page=2").status_code == 200


def test_queue_filters_and_kinds(client, people):
    process = ProcessFactory(review_status=U, country="ME", title="Montenegro highway")
    award = AwardFactory(process=process, review_status=U, title="Highway loan award")
    flag(award)
    serbian = AwardFactory(review_status=U, title="Serbian award")
    refresh_awards([award.pk, serbian.pk])  # as every write path does
    ContractFactory(award=award, review_status=U, title="Highway contract")
    client.force_login(people.reviewer)
    url = reverse("review-queue")
    html = client.get(url, {"country": "ME"}).content.decode()
    assert "Highway loan award" in html and "Serbian award" not in html
    html = client.get(url, {"flagged": "true"}).content.decode()
    assert "Highway loan award" in html and "Serbian award" not in html
    html = client.get(url, {"q": "SERBIAN"}).content.decode()
    assert "Serbian award" in html and "Highway loan award" not in html
    html = client.get(url, {"q": process.ocid}).content.decode()  # awards: OCID, buyer, suppliers
    assert "Highway loan award" in html and "Serbian award" not in html
    html = client.get(url, {"kind": "contract", "q": "highway"}).content.decode()
    assert "Highway contract" in html
    html = client.get(url, {"kind": "contract"}).content.decode()
    assert "Highway contract" in html and "Serbian award" not in html
    html = client.get(url, {"kind": "process", "status": "all"}).content.decode()
    assert "Montenegro highway" in html
    assert client.get(url, {"kind": "agreement"}).status_code == 404
    assert client.get(url, {"status": "bogus"}).status_code == 400


def test_bulk_verify_then_publish(client, people):
    chosen = awards(3)
    client.force_login(people.reviewer)
    ids = [a.pk for a in chosen]
    response = client.post(
        reverse("review-bulk"),
        {"kind": "award", "ids": ids, "action": "verify", "next": "/review/?kind=award"},
        follow=True,
    )
    assert "Verify: 3 records." in response.content.decode()
    assert set(Award.objects.filter(pk__in=ids).values_list("review_status", flat=True)) == {
        "verified"
    }
    client.post(reverse("review-bulk"), {"kind": "award", "ids": ids, "action": "publish"})
    assert Award.objects.filter(pk__in=ids, review_status="published").count() == 3
    assert ReviewDecision.objects.filter(award__in=ids).count() == 6


def test_bulk_with_bad_input_changes_nothing(client, people):
    chosen = awards(2)
    client.force_login(people.reviewer)
    url = reverse("review-bulk")
    cases = [
        ({"kind": "award", "action": "verify"}, "Choose at least one record"),
        ({"kind": "award", "ids": ["1", "x"], "action": "verify"}, "Choose records from the list"),
        ({"kind": "award", "ids": [chosen[0].pk], "action": "reject"}, "needs a reason"),
        ({"kind": "award", "ids": [chosen[0].pk], "action": "publish"}, "not possible"),
        ({"kind": "award", "ids": [a.pk for a in chosen], "action": "nuke"}, "valid choice"),
        (
            {"kind": "award", "ids": [chosen[0].pk], "action": "verify", "note": "n" * 5001},
            "at most 5000",
        ),
    ]
    for data, message in cases:
        html = client.post(url, data, follow=True).content.decode()
        assert message in html, message
    assert not ReviewDecision.objects.exists()
    assert set(Award.objects.values_list("review_status", flat=True)) == {U}
    away = client.post(
        url,
        {
            "kind": "award",
            "ids": [chosen[0].pk],
            "action": "verify",
            "next": "https://evil.example.org/",
        },
    )
    assert away.url == reverse("review-queue")  # never redirected off the site


def test_review_page_shows_history_flags_corrections_and_decides(client, people):
    award = awards(1)[0]
    flag(award)
    correction = SuggestedCorrection.objects.create(
        award=award,
        field="value",
        suggestion="It was <b>EUR 2 million</b>.",
        submitter_email="reader@example.org",
    )
    award.value_amount = 2_000_000
    award._history_user = people.staff
    award.save()
    client.force_login(people.reviewer)
    url = reverse("review-detail", args=["award", award.pk])
    html = client.get(url).content.decode()
    # the explanation, rendered from the flag's inputs
    assert "Awarded under 2009 Serbia–China agreement, outside the procurement law" in html
    assert "It was &lt;b&gt;EUR 2 million&lt;/b&gt;." in html  # escaped
    assert "1000000.00" in html and "2000000" in html and ">staff<" in html  # the diff
    for action in ("Start review", "Verify", "Reject"):
        assert f">{action}</button>" in html
    assert ">Publish</button>" not in html

    client.post(reverse("review-decide", args=["award", award.pk]), {"action": "verify"})
    client.post(reverse("review-decide", args=["award", award.pk]), {"action": "publish"})
    award.refresh_from_db()
    assert award.review_status == "published"
    html = client.get(url).content.decode()
    assert "review status" in html and "published" in html and ">reviewer<" in html

    refused = client.post(
        reverse("review-resolve-correction", args=[correction.pk]),
        {"decision": "reject"},
        follow=True,
    )
    assert "Say why" in refused.content.decode()
    client.post(
        reverse("review-resolve-correction", args=[correction.pk]),
        {"decision": "accept", "note": "Value corrected."},
    )
    correction.refresh_from_db()
    assert correction.state == "accepted" and correction.resolved_by == people.reviewer


def test_review_pages_are_for_reviewers(client, people):
    award = awards(1)[0]
    urls = [reverse("review-queue"), reverse("review-detail", args=["award", award.pk])]
    for url in urls:
        assert client.get(url).status_code == 302
    for user in (people.admin_a, people.member_b):
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert (
                response.status_code == 403 and "You may not do this" in response.content.decode()
            )
        assert (
            client.post(
                reverse("review-decide", args=["award", award.pk]), {"action": "verify"}
            ).status_code
            == 403
        )
    award.refresh_from_db()
    assert award.review_status == U


def test_history_credits_each_person_only_with_what_they_changed(client, people):
    """Issue 16: labels, local time in the reader's language, the names of related records,
    and who changed what — a change made without a history record (an import's update) is not
    credited to the reviewer who saved next."""
    award = awards(1)[0]
    buyer = AuthorityFactory(name="Ministry of the Interior")
    Award.objects.filter(pk=award.pk).update(buyer=buyer)  # an import's update: no history
    client.force_login(people.reviewer)
    client.post(reverse("review-decide", args=["award", award.pk]), {"action": "verify"})
    client.post(reverse("review-decide", args=["award", award.pk]), {"action": "publish"})
    award.refresh_from_db()
    html = client.get(reverse("review-detail", args=["award", award.pk])).content.decode()
    rows = [row for row in html.split("<tr>") if "</td>" in row]
    reviewer_rows = [row for row in rows if ">reviewer<" in row]
    assert reviewer_rows and all(
        "review status" in row or ">published<" in row for row in reviewer_rows
    ), reviewer_rows
    assert not any("Ministry of the Interior" in row for row in reviewer_rows)
    (buyer_row,) = [row for row in rows if "Ministry of the Interior" in row]
    assert "not recorded" in buyer_row and f"#{buyer.pk}" not in html
    assert format_datetime(award.published_at) in html  # local time, not 2026-…+00:00
    assert "+00:00" not in html
