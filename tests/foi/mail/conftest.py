"""A Serbian request of an organisation with an editor, to an authority with an FOI e-mail."""

from dataclasses import dataclass

import pytest

from procurement.foi.selectors.mail import request_address
from procurement.models import InfoRequest, Organisation, User
from tests.foi import builders


@dataclass
class Mail:
    org: Organisation
    editor: User
    member: User
    authority: Organisation
    draft: InfoRequest

    @property
    def address(self) -> str:
        return request_address(self.draft.pk)


@pytest.fixture
def foi(reference, media_root, settings) -> Mail:
    settings.FOI_MAIL_DOMAIN = "foi.example.org"
    org = builders.organisation()
    editor = builders.member(org)
    member = builders.member(org, role="member")
    draft = builders.draft(org, editor, subject="Safe City camera contracts")
    draft.authority.foi_email = "Pristup@Ministarstvo.gov.rs"
    draft.authority.save()
    draft.followers.add(member)
    return Mail(org, editor, member, draft.authority, draft)
