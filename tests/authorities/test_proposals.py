"""Editors propose a missing authority from the request form (no JavaScript needed); it is
usable at once by their organisation, unconfirmed and invisible to everyone else, until a
reviewer confirms it, merges it into the authority on record (its requests follow), or
rejects it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from procurement.authorities.services.proposals import (
    confirm_proposal,
    merge_proposal,
    propose_authority,
    reject_proposal,
)
from procurement.awards.services.search_keys import refresh_organisation_keys
from procurement.foi.services.publication import publish_request
from procurement.foi.services.requests import create_request, mark_sent
from procurement.models import (
    AuditLog,
    AuthorityProposal,
    InfoRequest,
    Jurisdiction,
    Organisation,
)
from tests.factories import AuthorityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

NAME = "Javno komunalno preduzeće Zelenilo Pančevo"
SOURCE = "https://www.pancevo.rs/javna-preduzeca/"


def propose(client, people, **fields):
    client.force_login(people.editor_a)
    data = {
        "organisation": people.org_a.pk,
        "name": NAME,
        "foi_email": "Info@Zelenilo.rs",
        "jurisdiction": "RS",
        "source_url": SOURCE,
        **fields,
    }
    return client.post(reverse("workspace-authority-propose"), data)


def proposed(people) -> Organisation:
    return propose_authority(
        organisation=people.org_a,
        name=NAME,
        jurisdiction=Jurisdiction.objects.get(code="RS"),
        source_url=SOURCE,
        foi_email="info@zelenilo.rs",
        actor=people.editor_a,
    )


def test_the_request_form_offers_a_proposal_when_nothing_matches(client, people):
    client.force_login(people.editor_a)
    response = client.get(reverse("workspace-request-new"), {"authority_q": "Zelenilo Pančevo"})
    html = response.content.decode()
    assert "No authority matches" in html
    assert 'id="propose-authority" open' in html  # a plain <details>: no script needed
    assert f'action="{reverse("workspace-authority-propose")}"' in html
    assert 'value="Zelenilo Pančevo"' in html  # the name starts as the words searched


def test_proposing_continues_the_request_with_the_unconfirmed_authority(client, people):
    response = propose(client, people)
    authority = Organisation.objects.get(name=NAME)
    assert response.status_code == 302
    assert response.url == reverse("workspace-request-new") + f"?authority={authority.pk}"
    assert authority.register_status == "proposed" and authority.jurisdiction.code == "RS"
    assert authority.foi_email == "info@zelenilo.rs" and authority.source_url == SOURCE
    proposal = authority.proposal
    assert proposal.proposed_by_organisation == people.org_a
    assert proposal.proposed_by == people.editor_a and proposal.state == "pending"
    assert AuditLog.objects.filter(action="authorities.proposed", actor=people.editor_a).exists()
    page = client.get(response.url).content.decode()
    assert NAME in page and "Unconfirmed" in page and "info@zelenilo.rs" in page
    found = client.get(reverse("workspace-request-new"), {"authority_q": "zelenilo"})
    assert "badge unconfirmed" in found.content.decode()
    saved = client.post(
        reverse("workspace-request-new"),
        {
            "authority": authority.pk,
            "jurisdiction": "RS",
            "organisation": people.org_a.pk,
            "subject": "Contracts for parks",
            "text": "Please send them.",
            "action": "draft",
        },
    )
    assert saved.status_code == 302
    assert InfoRequest.objects.get(subject="Contracts for parks").authority == authority


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required"),
        ({"source_url": ""}, "source_url", "This field is required"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "Enter a valid URL"),
        ({"foi_email": "not-an-address"}, "foi_email", "Enter a valid email"),
        ({"jurisdiction": "FR"}, "jurisdiction", "Choose a jurisdiction"),
        ({"organisation": "999999"}, "organisation", "your own organisations"),
        ({"name": "Ministarstvo zdravlja"}, "name", "already on record"),
    ],
)
def test_a_bad_proposal_comes_back_with_the_reason_and_writes_nothing(
    client, people, fields, field, message
):
    AuthorityFactory(name="Ministarstvo zdravlja", country="RS")
    refresh_organisation_keys(Organisation.objects.values_list("pk", flat=True))
    before = Organisation.objects.count()
    response = propose(client, people, **fields)
    assert response.status_code == 400
    assert message in " ".join(response.context["proposal_form"].errors[field])
    assert Organisation.objects.count() == before
    assert 'id="propose-authority" open' in response.content.decode()


def test_the_same_proposal_twice_is_refused(people):
    proposed(people)
    with pytest.raises(ValidationError, match="proposed it already"):
        proposed(people)


def test_only_editors_propose_and_only_for_their_organisation(client, people):
    data = {"organisation": people.org_a.pk, "name": NAME, "jurisdiction": "RS"}
    data["source_url"] = SOURCE
    client.force_login(people.member_a)
    assert client.post(reverse("workspace-authority-propose"), data).status_code == 403
    client.force_login(people.member_b)  # an editor of B cannot propose in A's name
    response = client.post(reverse("workspace-authority-propose"), data)
    assert response.status_code == 400
    assert "your own organisations" in str(response.context["proposal_form"].errors)
    client.logout()
    assert client.post(reverse("workspace-authority-propose"), data).status_code == 302
    assert not Organisation.objects.filter(name=NAME).exists()
    assert client.get(reverse("workspace-authority-propose")).status_code == 302  # sign in


def test_a_proposal_is_seen_by_its_organisation_and_reviewers_only(client, people):
    authority = proposed(people)
    page = reverse("organisation-detail", args=[authority.pk])
    search = reverse("workspace-authorities") + "?q=zelenilo"
    api = reverse("api-organisation-detail", args=[authority.pk])
    for user, seen in [
        (None, False),
        (people.member_a, True),
        (people.editor_a, True),
        (people.member_b, False),
        (people.reviewer, True),
        (people.staff, True),
    ]:
        client.logout()
        if user:
            client.force_login(user)
        assert (client.get(page).status_code == 200) is seen, user
        assert (client.get(api).status_code == 200) is seen, user
        if user:
            assert (NAME in str(client.get(search).json())) is (user != people.member_b)
    client.force_login(people.member_a)
    body = client.get(page).content.decode()
    assert "Unconfirmed" in body and SOURCE in body
    data = client.get(api).json()
    assert data["register_status"] == "proposed" and data["foi_email"] == "info@zelenilo.rs"
    client.logout()
    assert NAME not in client.get(reverse("api-organisation-list") + "?q=zelenilo").content.decode()


def test_only_the_proposing_organisation_may_write_to_it(people):
    authority = proposed(people)
    with pytest.raises(ValidationError, match="not confirmed"):
        create_request(
            organisation=people.org_b,
            authority=authority,
            subject="s",
            text="t",
            actor=people.member_b,
        )


def request_to(authority, people, subject="Parks") -> InfoRequest:
    info_request = create_request(
        organisation=people.org_a,
        authority=authority,
        subject=subject,
        text="t",
        actor=people.editor_a,
    )
    mark_sent(
        request_id=info_request.pk,
        actor=people.editor_a,
        sent_on=timezone.localdate() - timedelta(days=2),
    )
    return info_request


def test_a_request_to_an_unconfirmed_authority_is_published_once_it_is_confirmed(people):
    authority = proposed(people)
    info_request = request_to(authority, people)
    with pytest.raises(ValidationError, match="awaits a reviewer's confirmation"):
        publish_request(request_id=info_request.pk, actor=people.editor_a)
    confirm_proposal(
        proposal_id=authority.proposal.pk,
        actor=people.reviewer,
        name="JKP Zelenilo Pančevo",
        foi_email="zelenilo@pancevo.rs",
    )
    authority.refresh_from_db()
    assert authority.register_status == "confirmed" and authority.name == "JKP Zelenilo Pančevo"
    assert authority.foi_email == "zelenilo@pancevo.rs"
    assert (
        authority.proposal.state == "confirmed" and authority.proposal.decided_by == people.reviewer
    )
    publish_request(request_id=info_request.pk, actor=people.editor_a)
    # Confirmed: anyone may write to it now.
    create_request(
        organisation=people.org_b,
        authority=authority,
        subject="s",
        text="t",
        actor=people.member_b,
    )


def test_merging_moves_the_requests_and_the_names(people):
    on_record = AuthorityFactory(name="JKP Zelenilo", foi_email="")
    refresh_organisation_keys([on_record.pk])
    authority = proposed(people)
    info_request = request_to(authority, people)
    proposal = authority.proposal
    with pytest.raises(ValidationError, match="Choose a confirmed authority"):
        merge_proposal(proposal_id=proposal.pk, target_id=authority.pk, actor=people.reviewer)
    merge_proposal(proposal_id=proposal.pk, target_id=on_record.pk, actor=people.reviewer)
    info_request.refresh_from_db()
    proposal.refresh_from_db()
    on_record.refresh_from_db()
    assert info_request.authority == on_record
    assert not Organisation.objects.filter(pk=authority.pk).exists()
    assert proposal.state == "merged" and proposal.merged_into == on_record
    assert proposal.organisation is None
    assert on_record.aliases.filter(name=NAME).exists() and "pancevo" in on_record.search_key
    assert on_record.foi_email == "info@zelenilo.rs"
    audit = AuditLog.objects.get(action="authorities.merged")
    assert audit.actor == people.reviewer
    assert audit.details == {
        "authority": authority.pk,
        "into": on_record.pk,
        "requests": [info_request.pk],
    }
    with pytest.raises(ValidationError, match="already decided"):
        reject_proposal(proposal_id=proposal.pk, actor=people.reviewer, reason="x")


def test_a_rejected_proposal_is_offered_no_more_and_its_organisation_sees_why(client, people):
    authority = proposed(people)
    with pytest.raises(ValidationError, match="Say why"):
        reject_proposal(proposal_id=authority.proposal.pk, actor=people.reviewer, reason=" ")
    with pytest.raises(Exception, match="Only reviewers"):
        reject_proposal(proposal_id=authority.proposal.pk, actor=people.editor_a, reason="no")
    reject_proposal(
        proposal_id=authority.proposal.pk,
        actor=people.reviewer,
        reason="A private company: the FOI law does not apply.",
    )
    client.force_login(people.editor_a)
    found = client.get(reverse("workspace-request-new"), {"authority_q": "zelenilo"})
    assert NAME not in found.content.decode()
    page = client.get(reverse("organisation-detail", args=[authority.pk])).content.decode()
    assert "Proposal rejected" in page and "the FOI law does not apply" in page
    with pytest.raises(ValidationError, match="not confirmed"):
        create_request(
            organisation=people.org_a,
            authority=authority,
            subject="s",
            text="t",
            actor=people.editor_a,
        )


def test_reviewers_decide_on_the_pages_without_javascript(client, people):
    on_record = AuthorityFactory(name="JKP Zelenilo")
    refresh_organisation_keys([on_record.pk])
    authority = proposed(people)
    proposal = authority.proposal
    client.force_login(people.reviewer)
    listing = client.get(reverse("authority-proposals")).content.decode()
    assert NAME in listing and people.org_a.name in listing
    detail = reverse("authority-proposal-detail", args=[proposal.pk])
    html = client.get(detail, {"q": "zelenilo"}).content.decode()
    assert f'name="target" value="{on_record.pk}"' in html
    decide = reverse("authority-proposal-decide", args=[proposal.pk])
    refused = client.post(decide, {"action": "merge"})
    assert (
        refused.status_code == 400
        and "Choose the authority to merge into" in refused.content.decode()
    )
    refused = client.post(decide, {"action": "reject", "reason": ""})
    assert refused.status_code == 400 and "Say why" in refused.content.decode()
    assert AuthorityProposal.objects.get(pk=proposal.pk).state == "pending"
    done = client.post(decide, {"action": "merge", "target": on_record.pk})
    assert done.status_code == 302 and done.url == reverse("authority-proposals")
    assert AuthorityProposal.objects.get(pk=proposal.pk).state == "merged"
    again = client.post(decide, {"action": "confirm"}, follow=True)
    assert "already decided" in again.content.decode()
    merged = client.get(reverse("authority-proposals"), {"state": "merged"}).content.decode()
    assert NAME in merged and on_record.name in merged
    assert client.get(reverse("authority-proposals"), {"state": "nonsense"}).status_code == 404


def test_the_proposals_queue_has_a_fixed_number_of_queries(
    client, people, django_assert_num_queries
):
    rs = Jurisdiction.objects.get(code="RS")
    for n in range(3):
        propose_authority(
            organisation=people.org_a,
            name=f"Zavod {n}",
            jurisdiction=rs,
            source_url=SOURCE,
            actor=people.editor_a,
        )
    client.force_login(people.reviewer)
    url = reverse("authority-proposals")
    # session, user, count, page (proposals with jurisdiction, organisations)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    for n in range(3, 60):
        propose_authority(
            organisation=people.org_a,
            name=f"Zavod {n}",
            jurisdiction=rs,
            source_url=SOURCE,
            actor=people.editor_a,
        )
    with django_assert_num_queries(4):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 50
    with django_assert_num_queries(4):
        assert client.get(url + "?page=2").status_code == 200
