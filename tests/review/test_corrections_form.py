"""The public correction form on the award page, and its version for organisation members."""

import pytest
from django.urls import reverse

from procurement.models import ReviewStatus, SuggestedCorrection
from tests.factories import AwardFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]


def test_award_page_links_to_the_form_and_a_visitor_suggests(client):
    award = AwardFactory()
    assert (
        reverse("suggest-correction", args=["award", award.pk])
        in client.get(award.get_absolute_url()).content.decode()
    )
    url = reverse("suggest-correction", args=["award", award.pk])
    form = client.get(url).content.decode()
    assert "your email" in form.lower() and "On behalf of" not in form
    response = client.post(
        url,
        {
            "field": "value",
            "suggestion": "EUR 150 million, see the gazette.",
            "source_url": "https://example.org/gazette",
            "submitter_email": "reader@example.org",
        },
        follow=True,
    )
    assert "a reviewer will look at your suggestion" in response.content.decode()
    correction = SuggestedCorrection.objects.get()
    assert (correction.award, correction.submitter_email) == (award, "reader@example.org")


def test_members_may_write_in_their_organisations_name(client, people):
    award = AwardFactory()
    client.force_login(people.member_a)
    url = reverse("suggest-correction", args=["award", award.pk])
    form = client.get(url).content.decode()
    assert "On behalf of" in form and "Watchdog A" in form and "Watchdog B" not in form
    client.post(url, {"suggestion": "Supplier is wrong.", "organisation": people.org_a.pk})
    assert SuggestedCorrection.objects.get().organisation == people.org_a
    refused = client.post(url, {"suggestion": "x", "organisation": people.org_b.pk})
    assert refused.status_code == 400 and "valid choice" in refused.content.decode()
    assert SuggestedCorrection.objects.count() == 1


def test_bad_suggestions_are_explained(client):
    award = AwardFactory()
    url = reverse("suggest-correction", args=["award", award.pk])
    for data, message in [
        ({"suggestion": ""}, "This field is required"),
        ({"suggestion": "x" * 5001}, "at most 5000 characters"),
        ({"suggestion": "ok", "source_url": "javascript:alert(1)"}, "Enter a valid URL"),
        ({"suggestion": "ok", "submitter_email": "nope"}, "valid email address"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not SuggestedCorrection.objects.exists()


def test_unpublished_records_have_no_public_form(client, people):
    award = AwardFactory(review_status=ReviewStatus.VERIFIED)
    url = reverse("suggest-correction", args=["award", award.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"suggestion": "x"}).status_code == 404
    assert client.get(reverse("suggest-correction", args=["agreement", 1])).status_code == 404
    client.force_login(people.reviewer)
    assert client.get(url).status_code == 200


def test_the_form_is_rate_limited_per_address(client, settings):
    award = AwardFactory()
    url = reverse("suggest-correction", args=["award", award.pk])
    for n in range(10):
        assert client.post(url, {"suggestion": f"Note {n}"}).status_code == 302
    response = client.post(url, {"suggestion": "One too many"})
    assert response.status_code == 429 and "Too many suggestions" in response.content.decode()
    assert SuggestedCorrection.objects.count() == 10
    other = client.post(url, {"suggestion": "From elsewhere"}, REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 302
