"""Red flags follow the data: every write path that changes what a rule reads queues one
recomputation of the right processes after its transaction commits — nothing when it is
refused — and the flags change once a worker has done it; the daily run catches requests
that went unanswered (no write at all); a real worker stores what a classified refusal
recorded through the workflow service means."""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.admin import site
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import RequestFactory

from procurement.documents.services import upload_document
from procurement.foi.services.publication import publish_request, unpublish_request
from procurement.foi.services.request_steps import Upload, record_step
from procurement.foi.services.requests import record_receipt, request_transition
from procurement.models import (
    Award,
    Contract,
    ContractAmendment,
    Document,
    InfoRequest,
    ProcurementProcess,
    RedFlag,
    RedFlagRecomputation,
    RedFlagThreshold,
    ReviewStatus,
    TaskHeartbeat,
)
from procurement.redflags import services as service
from procurement.redflags.services import compute_red_flags, recompute_lapsed_requests
from procurement.review.services.corrections import resolve_correction, suggest_correction
from procurement.review.services.decisions import review_bulk, review_transition
from tests.factories import (
    AuthorityFactory,
    AwardFactory,
    ContractFactory,
    ProcessFactory,
    UserFactory,
)
from tests.foi.builders import CLASSIFIED_FACTS, at, member, organisation, sent
from tests.processes import wait_until
from tests.uploads import PDF, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference", "media_root")]

D = date
YEAR = date(2023, 5, 1)


@pytest.fixture
def queued(monkeypatch) -> list[tuple[list[int], list[tuple]]]:
    """What write paths hand to the broker: one (process ids, buyer-years) per published
    RedFlagRecomputation row."""
    sent_tasks: list = []

    def publish(job_id):
        job = RedFlagRecomputation.objects.get(pk=job_id)
        sent_tasks.append((list(job.process_ids), [tuple(pair) for pair in job.country_years]))

    monkeypatch.setattr(service, "_publish", publish)
    return sent_tasks


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The block is a transaction of its own that commits: its on-commit callbacks run. (The
    test's own transaction never commits: a recomputation its setup asked for is forgotten,
    as a new transaction would start without it.)"""

    @contextmanager
    def block():
        connection.red_flags_pending = None
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return block


def work_off(queued) -> None:
    """What the worker does with each queued task (recompute_red_flags_task's body)."""
    for ids, pairs in queued:
        compute_red_flags(process_ids=ids, country_years=pairs)
    queued.clear()


def codes(**subject) -> set[str]:
    return set(RedFlag.objects.filter(**subject).values_list("code", flat=True))


@pytest.fixture
def reviewer():
    return UserFactory(is_reviewer=True)


# --- review decisions -----------------------------------------------------------------------


def heavy_buyer_year():
    """A buyer with two published direct awards in 2023 and one verified, about to be
    published; its peers award competitively. R013 needs three published procedures."""
    heavy, light = AuthorityFactory(), AuthorityFactory()
    for _ in range(2):
        AwardFactory(process=ProcessFactory(buyer=heavy), award_date=YEAR)
    for _ in range(3):
        AwardFactory(process=ProcessFactory(buyer=light, method="open"), award_date=YEAR)
    pending = AwardFactory(
        process=ProcessFactory(buyer=heavy), award_date=YEAR, review_status=ReviewStatus.VERIFIED
    )
    compute_red_flags()
    assert not codes(code="R013")
    return heavy, pending


def test_publishing_an_award_queues_its_process_and_r013_of_its_buyer_year_follows(
    queued, committed, reviewer
):
    heavy, award = heavy_buyer_year()

    with committed():
        review_transition(kind="award", pk=award.pk, action="publish", actor=reviewer)
    assert queued == [([award.process_id], [])]
    work_off(queued)
    assert RedFlag.objects.get(code="R013").buyer == heavy

    with committed():
        review_transition(
            kind="award", pk=award.pk, action="unpublish", actor=reviewer, note="Wrong buyer."
        )
    work_off(queued)
    assert not codes(code="R013")


def test_a_bulk_decision_queues_one_task_for_all_its_records_or_nothing(
    queued, committed, reviewer
):
    awards = [AwardFactory(review_status=ReviewStatus.VERIFIED) for _ in range(2)]
    unverified = AwardFactory(review_status=ReviewStatus.UNVERIFIED)

    with committed(), pytest.raises(ValidationError):
        review_bulk(
            kind="award",
            ids=[a.pk for a in [*awards, unverified]],
            action="publish",
            actor=reviewer,
        )
    assert queued == []

    with committed():
        review_bulk(kind="award", ids=[a.pk for a in awards], action="publish", actor=reviewer)
    assert queued == [(sorted(a.process_id for a in awards), [])]


def test_contract_and_process_decisions_queue_their_process(queued, committed, reviewer):
    contract = ContractFactory(review_status=ReviewStatus.UNVERIFIED)
    process = ProcessFactory(review_status=ReviewStatus.UNVERIFIED)
    with committed():
        review_transition(kind="contract", pk=contract.pk, action="verify", actor=reviewer)
    with committed():
        review_transition(kind="process", pk=process.pk, action="verify", actor=reviewer)
    assert queued == [([contract.award.process_id], []), ([process.pk], [])]


# --- the FOI workflow -----------------------------------------------------------------------


@pytest.fixture
def org():
    return organisation()


@pytest.fixture
def editor(org):
    return member(org)


def published_request_about(contract, org, editor, sent_on=None):
    sent_on = sent_on or D(2026, 1, 30)
    info_request = sent(org, editor, sent_on, received_on=sent_on, contracts=[contract])
    publish_request(request_id=info_request.pk, actor=editor)
    return info_request


@time_machine.travel(at(D(2026, 2, 20)), tick=False)
def test_a_classified_refusal_about_a_direct_award_contract_raises_x002_on_its_award(
    queued, committed, org, editor
):
    contract = ContractFactory(award=AwardFactory(process=ProcessFactory(method="direct")))
    info_request = published_request_about(contract, org, editor)
    compute_red_flags(process_ids=[contract.award.process_id])
    assert "X002" not in codes(award=contract.award)
    queued.clear()

    with committed(), pytest.raises(ValidationError):  # refused: no level, article, harm test
        request_transition(
            request_id=info_request.pk, to="classified", actor=editor, on=D(2026, 2, 16)
        )
    assert queued == []

    with committed():
        request_transition(
            request_id=info_request.pk,
            to="classified",
            actor=editor,
            on=D(2026, 2, 16),
            **CLASSIFIED_FACTS,
        )
    assert queued == [([contract.award.process_id], [])]
    work_off(queued)
    flag = RedFlag.objects.get(code="X002", award=contract.award)
    assert flag.inputs["requests"] == [info_request.pk]
    assert RedFlag.objects.get(code="R063", contract=contract).inputs["strength"] == "stronger"


@time_machine.travel(at(D(2026, 2, 20)), tick=False)
def test_steps_of_a_private_request_queue_nothing(queued, committed, org, editor):
    contract = ContractFactory()
    with committed():
        info_request = sent(org, editor, D(2026, 1, 30), contracts=[contract])
        request_transition(
            request_id=info_request.pk,
            to="refused",
            actor=editor,
            on=D(2026, 2, 10),
            refusal_ground="Art. 9",
        )
    assert queued == []  # only published requests count, and publishing queues (below)

    with committed():
        publish_request(request_id=info_request.pk, actor=editor)
    assert queued == [([contract.award.process_id], [])]
    with committed():
        unpublish_request(request_id=info_request.pk, actor=editor)
    assert len(queued) == 2


@time_machine.travel(at(D(2026, 2, 20)), tick=False)
def test_receipt_and_a_step_with_its_document_queue_one_task_each(queued, committed, org, editor):
    contract = ContractFactory()
    info_request = published_request_about(contract, org, editor, sent_on=D(2026, 2, 2))
    queued.clear()

    with committed():
        record_receipt(request_id=info_request.pk, actor=editor, received_on=D(2026, 2, 4))
    assert queued == [([contract.award.process_id], [])]

    with committed():
        record_step(
            request_id=info_request.pk,
            to="refused",
            actor=editor,
            on=D(2026, 2, 16),
            refusal_ground="Art. 9",
            upload=Upload(upload("decision.pdf", PDF), document_type=Document.Type.DECISION),
        )
    assert len(queued) == 2  # the transition and the upload of the request's document: one


# --- documents and corrections --------------------------------------------------------------


def test_a_signed_contract_uploaded_clears_r063(queued, committed, reviewer):
    contract = ContractFactory()
    compute_red_flags(process_ids=[contract.award.process_id])
    assert codes(contract=contract) == {"R063"}

    with committed(), pytest.raises(ValidationError):
        upload_document(parent=contract, uploaded=upload("empty.pdf", b""), actor=reviewer)
    assert queued == []

    with committed():
        upload_document(
            parent=contract,
            uploaded=upload("contract.pdf", PDF),
            actor=reviewer,
            document_type=Document.Type.CONTRACT_SIGNED,
        )
    assert queued == [([contract.award.process_id], [])]
    work_off(queued)
    assert codes(contract=contract) == set()


def test_a_request_document_queues_nothing(queued, committed, org, editor):
    info_request = sent(org, editor, D(2026, 1, 30))
    with committed():
        upload_document(parent=info_request, uploaded=upload("letter.pdf", PDF), actor=editor)
    assert queued == []


def test_an_accepted_correction_queues_its_record_a_rejected_one_nothing(
    queued, committed, reviewer
):
    award = AwardFactory()
    accepted, rejected = (
        suggest_correction(kind="award", pk=award.pk, suggestion="Wrong value.", user=reviewer)
        for _ in range(2)
    )
    with committed():
        resolve_correction(correction_id=rejected.pk, accept=False, actor=reviewer, note="No.")
    assert queued == []
    with committed():
        resolve_correction(correction_id=accepted.pk, accept=True, actor=reviewer)
    assert queued == [([award.process_id], [])]


# --- the admin --------------------------------------------------------------------------------


def admin_of(model):
    return site._registry[model]


@pytest.fixture
def staff_request():
    request = RequestFactory().post("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def test_an_award_moved_to_another_process_queues_both_and_its_old_year(
    queued, committed, staff_request
):
    award = AwardFactory(award_date=YEAR)
    old, new = award.process, ProcessFactory(country="ME")
    admin = admin_of(Award)
    award = Award.objects.get(pk=award.pk)
    award.process, award.award_date = new, D(2024, 3, 1)

    with committed():
        admin.save_model(staff_request, award, form=None, change=True)
        admin.save_related(staff_request, _form_of(admin, staff_request, award), [], change=True)

    assert queued == [(sorted([old.pk, new.pk]), [("RS", 2023)])]


def _form_of(admin, request, obj):
    form_class = admin.get_form(request, obj)
    form = form_class(instance=obj)
    form.save_m2m = lambda: None
    return form


@pytest.mark.parametrize(
    "model", [ProcurementProcess, Award, Contract, ContractAmendment, InfoRequest, Document]
)
def test_every_admin_of_a_model_the_rules_read_queues_its_processes_on_save(
    model, queued, committed, staff_request, org
):
    contract = ContractFactory()
    process_id = contract.award.process_id
    obj = {
        ProcurementProcess: lambda: contract.award.process,
        Award: lambda: contract.award,
        Contract: lambda: contract,
        ContractAmendment: lambda: ContractAmendment.objects.create(contract=contract),
        InfoRequest: lambda: sent(org, None, D(2026, 1, 30), contracts=[contract]),
        Document: lambda: Document.objects.create(
            contract=contract, title="Annex", url="https://example.org/annex.pdf"
        ),
    }[model]()
    with committed():
        admin_of(model).save_model(staff_request, obj, form=None, change=True)
        admin_of(model).save_related(
            staff_request, _form_of(admin_of(model), staff_request, obj), [], True
        )
    assert queued == [([process_id], [])]  # one task for the save and its inlines


def test_a_threshold_edited_in_the_admin_queues_the_processes_of_its_country(
    queued, committed, staff_request
):
    serbian, montenegrin = ProcessFactory(country="RS"), ProcessFactory(country="ME")
    threshold = RedFlagThreshold.objects.create(code="R003", country="ME", params={"min_days": 9})
    with committed():
        admin_of(RedFlagThreshold).save_model(staff_request, threshold, form=None, change=True)
    assert queued == [([montenegrin.pk], [])]
    threshold.country = ""  # everywhere
    with committed():
        admin_of(RedFlagThreshold).save_model(staff_request, threshold, form=None, change=True)
    assert queued[1] == (sorted([serbian.pk, montenegrin.pk]), [])


def test_deleting_a_process_in_the_admin_drops_its_flags_and_recomputes_its_buyer_year(
    queued, committed, staff_request
):
    buyer = AuthorityFactory()
    processes = [ProcessFactory(buyer=buyer, number_of_tenderers=1) for _ in range(3)]
    awards = [AwardFactory(process=p, award_date=YEAR) for p in processes]
    for _ in range(2):
        AwardFactory(process=ProcessFactory(method="open"), award_date=YEAR)
    compute_red_flags()
    assert RedFlag.objects.get(code="R013").buyer == buyer
    gone = awards[0]
    assert codes(process=gone.process)

    with committed():
        admin_of(ProcurementProcess).delete_model(staff_request, gone.process)

    assert not RedFlag.objects.filter(process_id=gone.process_id).exists()  # CASCADE
    assert queued == [([gone.process_id], [("RS", 2023)])]
    work_off(queued)
    assert not codes(code="R013")  # two procedures left: below R013's minimum


def test_deleting_awards_from_the_admin_list_queues_their_processes(
    queued, committed, staff_request
):
    awards = [AwardFactory(award_date=YEAR) for _ in range(2)]
    with committed():
        admin_of(Award).delete_queryset(staff_request, Award.objects.filter(pk=awards[0].pk))
    assert queued == [([awards[0].process_id], [("RS", 2023)])]


def test_the_admin_delete_page_queues_the_process_of_a_contract(queued, client, committed):
    contract = ContractFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    with committed():
        response = client.post(
            f"/admin/procurement/contract/{contract.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302 and not Contract.objects.exists()
    assert queued == [([contract.award.process_id], [])]


def posted_back(response) -> dict:
    """The admin change form and its inlines as the browser would post them unchanged."""

    def values(form) -> dict:
        return {
            form.add_prefix(name): "" if form[name].value() is None else form[name].value()
            for name in form.fields
        }

    data = values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        data.update(values(inline.formset.management_form))
        for form in inline.formset.forms:
            data.update(values(form))
    return data


def test_an_amendment_added_inline_on_the_contract_page_raises_the_amendment_flags(
    queued, client, committed
):
    contract = ContractFactory(
        value_status="disclosed", value_amount=1_000_000, value_currency="EUR"
    )
    compute_red_flags(process_ids=[contract.award.process_id])
    assert codes(contract=contract) == {"R063"}
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/procurement/contract/{contract.pk}/change/"
    data = posted_back(client.get(url))
    data.update(
        {
            "amendments-TOTAL_FORMS": 1,
            "amendments-0-amended_on": "2024-02-01",
            "amendments-0-amended_on_precision": "day",
            "amendments-0-value_status": "disclosed",
            "amendments-0-value_amount": "1100000",
            "amendments-0-value_currency": "EUR",
            "amendments-0-description": "Two more districts.",
        }
    )

    with committed():
        response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert queued == [([contract.award.process_id], [])]  # the save and its inline: one task
    work_off(queued)
    assert codes(contract=contract) == {"R054", "R063", "R064", "R069"}  # a direct award


# --- one task per transaction ---------------------------------------------------------------


def test_writes_of_one_transaction_share_one_task_a_rolled_back_savepoint_queues_nothing(
    queued, committed
):
    first, second, third = (ProcessFactory() for _ in range(3))
    with committed(), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            service.recompute_red_flags_on_commit([first.pk])
            raise RuntimeError
        service.recompute_red_flags_on_commit([second.pk])
        service.recompute_red_flags_on_commit([third.pk], country_years=[("RS", 2020)])
    assert queued == [(sorted([second.pk, third.pk]), [("RS", 2020)])]


# --- the date: requests that lapse into "unanswered" ----------------------------------------


def test_the_daily_run_recomputes_processes_whose_requests_lapsed_since_the_last(org, editor):
    assert settings.CELERY_BEAT_SCHEDULE["recompute-lapsed-red-flags"]["task"] == (
        "procurement.tasks.recompute_lapsed_red_flags_task"
    )
    contract = ContractFactory()
    with time_machine.travel(at(D(2026, 2, 2)), tick=False):
        info_request = published_request_about(contract, org, editor, sent_on=D(2026, 2, 2))
        compute_red_flags(process_ids=[contract.award.process_id])
    due = InfoRequest.objects.get(pk=info_request.pk).due_on
    assert RedFlag.objects.get(code="R063").inputs["strength"] == "plain"

    with time_machine.travel(at(due), tick=False):
        assert recompute_lapsed_requests() == 0  # due today: not yet unanswered
    with time_machine.travel(at(due + timedelta(days=3)), tick=False):  # beat was down
        assert recompute_lapsed_requests() == 1
        assert recompute_lapsed_requests() == 0  # the same day again: nothing new
    r063 = RedFlag.objects.get(code="R063")
    assert r063.inputs["unanswered_requests"] == [info_request.pk]
    assert TaskHeartbeat.objects.get(name=service.LAPSED).runs == 3


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_site_shows_flags_as_soon_as_it_is_loaded(demo):
    assert {"X001", "R063"} <= codes()


# --- a real worker --------------------------------------------------------------------------


@pytest.mark.celery_worker
def test_a_classified_refusal_recorded_through_the_workflow_raises_x002_through_a_worker(
    celery_worker,
):
    from tracker.celery import app

    app.control.purge()
    org = organisation()
    editor = member(org)
    contract = ContractFactory(award=AwardFactory(process=ProcessFactory(method="direct")))
    today = date.today()
    info_request = sent(org, editor, today - timedelta(days=5), contracts=[contract])
    publish_request(request_id=info_request.pk, actor=editor)  # autocommit: committed now

    request_transition(
        request_id=info_request.pk,
        to="classified",
        actor=editor,
        on=today - timedelta(days=1),
        **CLASSIFIED_FACTS,
    )

    flag = wait_until(
        lambda: RedFlag.objects.filter(code="X002", award=contract.award).first(),
        timeout=60,
        what="X002 stored by the worker",
    )
    assert flag.inputs["requests"] == [info_request.pk]
    assert "procurement.tasks.recompute_red_flags_task" in celery_worker.log()
