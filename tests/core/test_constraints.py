"""Rules held by the database itself, not only by forms."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from procurement.models import (
    Award,
    Citation,
    Document,
    FoiLaw,
    InfoRequest,
    Jurisdiction,
    Source,
    ValueStatus,
)
from tests.factories import AgreementFactory, AwardFactory, InfoRequestFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def violates(**changes) -> bool:
    """True when saving a valid award with `changes` is refused by the database."""
    award = AwardFactory()
    for field, value in changes.items():
        setattr(award, field, value)
    try:
        with transaction.atomic():
            award.save()
    except (IntegrityError, DataError):  # PostgreSQL refuses "EURO" by length, SQLite by the check
        return True
    return False


@pytest.mark.parametrize(
    "changes",
    [
        {"value_amount": Decimal("-1")},
        {"value_currency": "EURO"},
        {"value_currency": "XYZ"},
        {"value_currency": ""},
        {"value_amount": None},
        {"value_status": ValueStatus.UNDISCLOSED},  # still carries an amount
        {"legal_basis": Award.LegalBasis.AGREEMENT, "agreement": None},
        {"classification_level": "TAJNO"},  # while public
    ],
    ids=[
        "negative",
        "not-iso-4217",
        "three-letters-not-iso-4217",
        "no-currency",
        "disclosed-without-amount",
        "undisclosed-with-amount",
        "agreement-basis-without-agreement",
        "level-without-classified",
    ],
)
def test_award_rules_are_enforced_by_the_database(reference, changes):
    assert violates(**changes)


def test_valid_variants_are_accepted(reference):
    assert not violates(value_status=ValueStatus.UNDISCLOSED, value_amount=None, value_currency="")
    assert not violates(legal_basis=Award.LegalBasis.AGREEMENT, agreement=AgreementFactory())
    assert not violates(confidentiality="classified", classification_level="TAJNO")


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "sent", "sent_on": None},
        {"status": "sent", "sent_on": date(2026, 3, 2), "received_on": date(2026, 3, 1)},
        {
            "status": "answered",
            "sent_on": date(2026, 3, 2),
            "decision_delivered_on": date(2026, 3, 1),
        },
        {"status": "appealed", "sent_on": date(2026, 3, 2), "appealed_on": date(2026, 3, 1)},
        {"visibility": "published", "published_at": None},
    ],
    ids=[
        "sent-without-date",
        "received-before-sent",
        "answer-before-request",
        "appeal-before-request",
        "published-without-date",
    ],
)
def test_request_dates_stay_in_order(reference, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        InfoRequestFactory(**changes)


def test_law_periods_and_citations_are_consistent(reference):
    law = FoiLaw.objects.filter(jurisdiction__code="RS").first()
    law.effective_from, law.effective_to = date(2020, 1, 2), date(2020, 1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        law.save()
    source = Source.objects.create(title="A paper", kind="paper")
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source)  # cites nothing
    process = ProcessFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(
            source=source, process=process, agreement=AgreementFactory()
        )  # two subjects
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(title="No link, no file", process=process)
    assert Jurisdiction.objects.filter(code="BA-SRP", holiday_subdivision="SRP").exists()
    assert not InfoRequest.objects.exists()
