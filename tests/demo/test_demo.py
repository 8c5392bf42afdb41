"""The demo dataset holds every fact of the policy paper listed in
tests/fixtures/reference/demo-facts.md, idempotently."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from procurement.core.folding import fold
from procurement.demo.services import load_demo
from procurement.models import (
    Agreement,
    Award,
    Citation,
    Contract,
    InfoRequest,
    Membership,
    Organisation,
    ProcurementProcess,
    ReviewStatus,
    User,
)
from tests import FIXTURES

pytestmark = pytest.mark.django_db
FACTS = FIXTURES / "reference" / "demo-facts.md"


def table_rows(heading: str) -> list[list[str]]:
    """The rows of the markdown table under `heading` in demo-facts.md."""
    text = FACTS.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def words(name: str) -> set[str]:
    return set(fold(re.sub(r"\(.*?\)", "", name)).split()) - {"a"}


def named(organisation: Organisation | None, name: str) -> bool:
    return organisation is not None and words(name) <= set(organisation.search_key.split())


@pytest.fixture
def loaded(db):
    load_demo(with_users=True, password="demo-password")


def test_every_award_row_of_the_paper_is_loaded(loaded):
    rows = table_rows("Awards, contracts and projects")
    assert len(rows) == 16
    for country, buyer, supplier, what, _when, value, _how in rows:
        processes = ProcurementProcess.objects.filter(country=country).prefetch_related(
            "awards__suppliers"
        )
        if buyer == "—":
            candidates = [p for p in processes if p.buyer is None]
        else:
            candidates = [p for p in processes if named(p.buyer, buyer)]
        assert candidates, f"no process in {country} bought by {buyer!r}"
        if supplier == "—":  # RATEL's postponed auction: a process without an award
            assert any(not p.awards.exists() and p.status == "planned" for p in candidates)
            continue
        awards = [a for p in candidates for a in p.awards.all()]
        supplier_names = [
            s.strip() for s in supplier.replace(" (through subcontractors)", "").split(",")
        ]
        if supplier == "Chinese loan":
            matching = [a for a in awards if a.legal_basis == "loan" and a.agreement.kind == "loan"]
        else:
            matching = [
                a
                for a in awards
                if all(any(named(s, n) for s in a.suppliers.all()) for n in supplier_names)
            ]
        assert matching, f"{what!r}: no award to {supplier!r}"
        award = matching[0]
        check_value(award, value)


def check_value(award: Award, value: str) -> None:
    if value in ("undisclosed", "—"):
        assert award.value_status == "undisclosed" and award.value_amount is None
    elif value.startswith("about EUR 150 million"):
        assert (award.value_amount, award.value_currency, award.value_is_approximate) == (
            Decimal("150000000"),
            "EUR",
            True,
        )
    elif value == "USD 2 million":
        assert (award.value_amount, award.value_currency) == (Decimal("2000000"), "USD")
    elif value == "estimated EUR 1.3 billion":
        process = award.process
        assert (process.value_amount, process.value_currency, process.value_is_approximate) == (
            Decimal("1300000000"),
            "EUR",
            True,
        )
        assert award.value_status == "undisclosed"
    else:
        pytest.fail(f"unexpected value in demo-facts.md: {value!r}")


def test_every_agreement_row_is_loaded(loaded):
    rows = table_rows("Intergovernmental agreements and MoUs (legal bases)")
    assert len(rows) == 7
    for when, _parties, instrument, _why in rows:
        year = int(when[:4])
        candidates = Agreement.objects.filter(signed_on__year=year)
        key = words(instrument.split(",")[0].split(":")[0])
        assert any(key <= set(a.search_key.split()) or words(a.title) & key for a in candidates), (
            instrument
        )
    washington = Agreement.objects.get(short_title="2020 Washington agreement")
    assert washington.signed_on.isoformat() == "2020-09-04"
    assert "untrusted vendors" in washington.description
    exempting = Agreement.objects.get(short_title="2009 Serbia–China strategic agreement")
    assert exempting.exempts_procurement and exempting.signed_on_precision == "year"


def test_safe_city_is_a_classified_direct_award_under_the_2009_agreement(loaded):
    award = Award.objects.get(title="Safe City phase 2 awarded to Huawei")
    assert award.legal_basis == "agreement"
    assert award.agreement.short_title == "2009 Serbia–China strategic agreement"
    assert award.method == "direct" and award.confidentiality == "classified"
    assert award.value_status == "undisclosed"
    assert "1,000 cameras" in award.process.title and "800" in award.process.title


def test_share_foundation_requests_and_their_outcomes(loaded):
    refused = InfoRequest.objects.get(subject__startswith="How Huawei was chosen")
    assert refused.requester_organisation.name == "SHARE Foundation"
    assert refused.authority.name == "Ministry of Interior of the Republic of Serbia"
    assert refused.status == "classified" and refused.classification_level == "secret"
    # Written through the workflow service: the timeline's last status step is the outcome.
    outcome = refused.events.filter(kind="status").last()
    assert outcome.to_status == "classified" and outcome.data["date_precision"] == "year"
    assert "2014" in outcome.note and refused.visibility == "published"
    assert refused.due_on is None and refused.deadline_explanation == ""  # year only
    assert not refused.reminders.exists()
    cameras = InfoRequest.objects.get(subject__contains="#1000kamera")
    outcome = cameras.events.filter(kind="status").last()
    assert outcome.to_status == "partially_answered"
    assert "290 locations" in outcome.note
    assert "1,001 cameras at 447 locations" in outcome.note


def test_other_figures_and_cyrillic_aliases(loaded):
    assert "900 internet-connected" in Organisation.objects.get(name="Hikvision").description
    telekom = Organisation.objects.get(name="Telekom Srbija a.d.")
    assert "80%" in telekom.description and telekom.search_key.isascii()
    assert "telekom srbija" in telekom.search_key
    huawei_rs = Organisation.objects.get(name="Huawei Technologies Serbia d.o.o.")
    assert huawei_rs.parent.name == "Huawei Technologies Co., Ltd."
    assert "2007" in huawei_rs.description and "September 2020" in huawei_rs.description
    assert "huavej" in Organisation.objects.get(name="Huawei Technologies Co., Ltd.").search_key


def test_every_record_cites_the_paper(loaded):
    for model, field in [
        (Agreement, "agreement"),
        (Award, "award"),
        (Contract, "contract"),
        (InfoRequest, "request"),
    ]:
        for record in (
            model.objects.filter(visibility="published")
            if model is InfoRequest
            else model.objects.all()
        ):
            citations = Citation.objects.filter(**{field: record})
            assert citations.filter(source__title__contains="Digital Silk Road").exists(), record


def test_no_undisclosed_value_is_stored_as_zero(loaded):
    for model in (Award, Contract, ProcurementProcess):
        assert not model.objects.filter(value_amount=0).exists()


def test_most_records_are_published_and_a_few_fill_the_review_queue(loaded):
    unverified = Award.objects.filter(review_status=ReviewStatus.UNVERIFIED).count()
    assert 1 <= unverified <= 5
    assert Award.objects.filter(review_status=ReviewStatus.PUBLISHED).count() >= 10


def test_loading_twice_changes_nothing(loaded):
    counts = [
        m.objects.count()
        for m in (Organisation, Agreement, Award, Contract, InfoRequest, Citation, User)
    ]
    load_demo(with_users=True, password="demo-password")
    assert counts == [
        m.objects.count()
        for m in (Organisation, Agreement, Award, Contract, InfoRequest, Citation, User)
    ]


def test_demo_accounts_and_private_drafts(loaded):
    for username in ("admin", "reviewer", "share", "watch"):
        assert User.objects.get(username=username).check_password("demo-password")
    assert User.objects.get(username="admin").is_staff
    assert User.objects.get(username="reviewer").is_reviewer
    assert Membership.objects.get(user__username="share").organisation.name == "SHARE Foundation"
    assert Membership.objects.get(user__username="watch").organisation.name == "Demo Watchdog"
    draft = InfoRequest.objects.get(subject="Camera locations in Novi Sad (demo draft)")
    assert (draft.status, draft.visibility) == ("draft", "private")
    assert draft.authority.name == "Ministry of Interior of the Republic of Serbia"
    assert InfoRequest.objects.filter(
        requester_organisation__name="Demo Watchdog", visibility="private"
    ).exists()


def test_demo_accounts_are_refused_with_production_settings(db, settings):
    settings.EMBEDDED_DEMO = False
    with pytest.raises(ImproperlyConfigured):
        load_demo(with_users=True, password="demo-password")
    assert not User.objects.exists()


def test_loading_again_keeps_the_demo_users_signed_in(loaded, client):
    """`make run` loads the demo at every start: a restart signs no one out."""
    share = User.objects.get(username="share")
    hashed = share.password
    client.force_login(share)
    assert client.get("/workspace/").status_code == 200
    load_demo(with_users=True, password="demo-password")
    assert User.objects.get(username="share").password == hashed
    assert client.get("/workspace/").status_code == 200  # the session still holds
    load_demo(with_users=True, password="another-password")  # DEMO_PASSWORD changed
    assert User.objects.get(username="share").check_password("another-password")
    assert client.get("/workspace/").status_code == 302  # then, and only then, signed out
