"""An invitation saved by an admin is emailed by a real worker, through the real broker."""

import pytest

from procurement.accounts.services.memberships import invitation_token, invite_member
from procurement.models import AuditLog
from tests.processes import CeleryProcess, wait_until, worker_environment

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def mail_worker(transactional_db, tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    worker = CeleryProcess(
        "worker",
        tmp_path,
        "--pool=solo",
        env=worker_environment(TEST_EMAIL_DIR=str(mail_dir)),
    ).start()
    yield worker, mail_dir
    worker.stop()


def written(mail_dir) -> str:
    """The first message once the file backend has finished it (it opens the file before it
    writes, and ends each message with a line of 79 dashes): "" until then."""
    for path in sorted(mail_dir.glob("*.log")):
        text = path.read_text()
        if text.rstrip().endswith("-" * 79):
            return text
    return ""


def test_the_invitation_email_is_sent_by_the_worker_after_commit(mail_worker, people):
    worker, mail_dir = mail_worker
    invitation = invite_member(
        organisation_id=people.org_a.pk,
        email="new.member@example.org",
        role="editor",
        actor=people.admin_a,
    )
    wait_until(
        lambda: AuditLog.objects.filter(action="invitation.sent").exists(),
        timeout=90,
        what="the worker to send the invitation",
    )
    text = wait_until(lambda: written(mail_dir), what="the mail file")
    assert "To: new.member@example.org" in text
    assert f"/invitations/{invitation_token(invitation)}/" in text
    assert "procurement.tasks.send_invitation_task" in worker.log()


def test_a_membership_change_is_emailed_to_the_other_admins_by_the_worker(mail_worker, people):
    from procurement.accounts.services.memberships import remove_member
    from procurement.models import Membership
    from tests.factories import UserFactory

    worker, mail_dir = mail_worker
    Membership.objects.create(
        user=UserFactory(username="admin_two", email="admin.two@example.org"),
        organisation=people.org_a,
        role="admin",
    )
    remove_member(membership_id=people.member_a.memberships.get().pk, actor=people.admin_a)
    text = wait_until(lambda: written(mail_dir), timeout=90, what="the notice")
    assert "To: admin.two@example.org" in text
    assert "admin_a removed member_a (member)." in text
    assert "procurement.tasks.email_notification_task" in worker.log()
