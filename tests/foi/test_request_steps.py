"""The workspace's composite writes: logging and sending in one go, a step with its file."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from procurement.foi.services.request_steps import Sending, Upload, log_request, record_step
from procurement.models import Document, InfoRequest, RequestEvent, StoredFile
from tests.factories import AuthorityFactory
from tests.foi.builders import at, member, organisation, sent
from tests.uploads import PDF, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def team():
    org = organisation()
    return org, member(org)


def log(team, **kwargs):
    org, editor = team
    return log_request(
        organisation=org,
        authority=AuthorityFactory(),
        subject="Contracts",
        text="Please send them.",
        actor=editor,
        **kwargs,
    )


def test_a_request_logged_as_sent_has_its_deadlines(team):
    info_request = log(team, sending=Sending(date(2026, 2, 27), date(2026, 3, 2), "post", "1/26"))
    assert info_request.status == "sent" and info_request.due_on == date(2026, 3, 17)
    assert info_request.channel == "post" and info_request.reference_number == "1/26"


def test_a_refused_sending_date_leaves_no_draft_behind(team):
    with pytest.raises(ValidationError) as error:
        log(team, sending=Sending(date(2026, 3, 5)))
    assert error.value.message_dict == {"on": ["The date cannot be in the future."]}
    assert not InfoRequest.objects.exists() and not RequestEvent.objects.exists()


def test_a_step_with_its_file_attaches_it_to_the_steps_event(team):
    org, editor = team
    info_request = sent(org, editor, date(2026, 2, 20))
    record_step(
        request_id=info_request.pk,
        to="answered",
        actor=editor,
        on=date(2026, 3, 2),
        upload=Upload(upload("answer.pdf", PDF), "The answer", Document.Type.RESPONSE),
    )
    document = Document.objects.get()
    assert document.event == info_request.events.get(to_status="answered")
    assert document.title == "The answer" and document.date_published == date(2026, 3, 2)


def test_a_refused_step_stores_no_file(team, media_root):
    org, editor = team
    info_request = sent(org, editor, date(2026, 2, 20))
    with pytest.raises(ValidationError):
        record_step(
            request_id=info_request.pk,
            to="answered",
            actor=editor,
            on=date(2026, 2, 1),
            upload=Upload(upload("answer.pdf", PDF)),
        )
    assert not Document.objects.exists() and not StoredFile.objects.exists()
    assert (
        not any(path.is_file() for path in media_root.rglob("*")) if media_root.exists() else True
    )
    assert InfoRequest.objects.get().status == "sent"
