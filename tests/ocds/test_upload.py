"""The reviewers' upload: the file is stored, a real Celery worker imports it, the page
follows the progress without JavaScript and shows the report at the end."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procurement.models import ImportRun, ProcurementProcess, RedFlag, StoredFile
from tests.factories import UserFactory
from tests.ocds.releases import package, release
from tests.processes import CeleryProcess, wait_until, worker_environment


def _upload(name: str, releases: list[dict]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(package(releases)).encode(), "application/json")


@pytest.fixture
def reviewer(db):
    return UserFactory(is_reviewer=True)


def test_only_reviewers_and_staff_may_import(client, db):
    url = reverse("import-new")
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 200


def test_a_file_that_is_not_json_is_refused_and_nothing_stored(client, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("notes.json", b"%PDF-1.4 not json", "application/pdf")

    response = client.post(reverse("import-new"), {"file": upload})

    assert response.status_code == 400  # the same form, with the message
    assert "not a JSON" in response.content.decode()
    assert not StoredFile.objects.exists() and not ImportRun.objects.exists()


def test_the_list_of_imports_takes_a_fixed_number_of_queries(
    client, reviewer, django_assert_num_queries
):
    client.force_login(reviewer)
    for n in range(3):
        ImportRun.objects.create(source_name=f"file{n}.json", created_by=reviewer)
    with django_assert_num_queries(3):  # session, user, runs
        response = client.get(reverse("import-list"))
    for n in range(10):
        ImportRun.objects.create(source_name=f"more{n}.json", created_by=reviewer)
    with django_assert_num_queries(3):
        client.get(reverse("import-list"))
    assert "file0.json" in response.content.decode()


@pytest.mark.celery_worker
def test_upload_is_imported_by_a_worker_with_progress_and_report(
    client, transactional_db, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    worker = CeleryProcess(
        "worker",
        tmp_path,
        "--pool=prefork",
        "--concurrency=1",
        env=worker_environment(MEDIA_ROOT=str(settings.MEDIA_ROOT)),
    ).start()
    try:
        reviewer = UserFactory(is_reviewer=True)
        client.force_login(reviewer)
        single_bid = release("ocds-test01-up1")
        single_bid["tender"]["numberOfTenderers"] = 1
        bad = release("ocds-test01-up2")
        bad["awards"][0]["value"]["currency"] = "EURO"
        response = client.post(
            reverse("import-new"),
            {"file": _upload("portal.json", [single_bid, bad]), "country": "RS"},
        )
        assert response.status_code == 302
        run = ImportRun.objects.get()
        assert response["Location"] == reverse("import-detail", args=[run.pk])
        assert run.stored_file and run.created_by == reviewer
        assert (run.default_country, run.strict) == ("RS", False)

        page = client.get(response["Location"]).content.decode()
        if 'data-status="pending"' in page or 'data-status="running"' in page:
            assert 'http-equiv="refresh"' in page  # follows itself without JavaScript

        def finished():
            run.refresh_from_db()
            return run.status in ("succeeded", "partial", "failed")

        wait_until(finished, timeout=120, what=f"the import to finish:\n{worker.log()[-3000:]}")
        assert run.status == ImportRun.Status.PARTIAL
        assert ProcurementProcess.objects.get().ocid == "ocds-test01-up1"

        page = client.get(response["Location"]).content.decode()
        assert 'http-equiv="refresh"' not in page
        assert "releases[1].awards[0].value.currency" in page
        assert "&#x27;EURO&#x27; is not in currency" in page

        # the import queued the red-flag recomputation, which the worker ran
        wait_until(
            lambda: RedFlag.objects.filter(code="R018").exists(),
            timeout=120,
            what=f"red flags:\n{worker.log()[-3000:]}",
        )
        assert RedFlag.objects.get(code="R018").process.ocid == "ocds-test01-up1"
    finally:
        worker.stop()
