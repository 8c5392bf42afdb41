"""A small award history in both scripts, built through the services that keep keys current."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection

from procurement.awards.services.search_keys import (
    refresh_after_organisation_change,
    refresh_agreement_keys,
    refresh_awards,
)
from procurement.models import Award, AwardSupplier, OrganisationAlias
from tests.factories import AgreementFactory, AuthorityFactory, AwardFactory, OrganisationFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and cached chart data never leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


def postgres_only(reason: str):
    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)


def _award(title, buyer, suppliers, **fields):
    award = AwardFactory(
        title=title,
        process__buyer=buyer,
        process__title=title,
        process__country=fields.pop("country", "RS"),
        process__method=fields.pop("method", "direct"),
        process__sector=fields.pop("sector", "surveillance"),
        **fields,
    )
    for supplier in suppliers:
        AwardSupplier.objects.create(award=award, organisation=supplier)
    return award


@pytest.fixture
def history(db, reference):
    """Eight awards: Cyrillic and Latin names, inflected forms, a supplier group, an agreement."""
    nis = AuthorityFactory(name="Град Ниш")
    belgrade = AuthorityFactory(name="Grad Beograd")
    huawei = OrganisationFactory(name="Huawei Technologies Co., Ltd.", country="CN")
    OrganisationAlias.objects.create(organisation=huawei, name="Хуавеј", script="cyrl")
    huawei_rs = OrganisationFactory(
        name="Huawei Technologies Serbia d.o.o.", parent=huawei, country="RS"
    )
    culibrk = OrganisationFactory(name="Ćulibrk inženjering", country="RS")
    OrganisationAlias.objects.create(organisation=culibrk, name="Ћулибрк инжењеринг", script="cyrl")
    ericsson = OrganisationFactory(name="Ericsson", country="SE")
    agreement = AgreementFactory(
        title="Strategic Agreement on Economic and Infrastructural Cooperation",
        short_title="2009 Serbia–China agreement",
    )
    refresh_after_organisation_change(
        [nis.pk, belgrade.pk, huawei.pk, huawei_rs.pk, culibrk.pk, ericsson.pk]
    )
    awards = {
        "nis_cameras": _award(
            "Видео надзор града Ниша",
            nis,
            [huawei_rs],
            award_date=date(2019, 4, 1),
            legal_basis="agreement",
            agreement=agreement,
            value_status="undisclosed",
            value_amount=None,
            value_currency="",
            confidentiality="classified",
            classification_level="secret",
        ),
        "belgrade_cameras": _award(
            "Kamere u Beogradu",
            belgrade,
            [huawei],
            award_date=date(2020, 2, 3),
            legal_basis="agreement",
            agreement=agreement,
            value_amount=Decimal("150000000"),
        ),
        "djordje": _award(
            "Ђорђе Вајферт street lighting",
            belgrade,
            [culibrk],
            award_date=date(2018, 5, 6),
            method="open",
            sector="energy",
            value_amount=Decimal("20000"),
        ),
        "culibrk_nis": _award(
            "Road works in Niš",
            nis,
            [culibrk],
            award_date=date(2021, 7, 8),
            method="open",
            sector="transport",
            value_amount=Decimal("500000"),
            value_currency="RSD",
        ),
        "ericsson_me": _award(
            "5G first phase",
            None,
            [ericsson],
            award_date=date(2022, 1, 1),
            country="ME",
            method="",
            sector="telecom",
            legal_basis="private",
            value_amount=Decimal("3000000"),
        ),
        "undated": _award(
            "Data centre grant",
            belgrade,
            [huawei],
            award_date=None,
            method="",
            sector="data_centre",
            legal_basis="grant",
            value_status="undisclosed",
            value_amount=None,
            value_currency="",
        ),
        "unpublished": _award(
            "Secret Huawei deal in Niš",
            nis,
            [huawei],
            award_date=date(2023, 1, 1),
            review_status="unverified",
        ),
        "two_suppliers": _award(
            "Networks for Beograd and Niš",
            belgrade,
            [ericsson, huawei_rs],
            award_date=date(2021, 1, 1),
            method="selective",
            sector="telecom",
            value_amount=Decimal("750000"),
        ),
    }
    refresh_agreement_keys([agreement.pk])
    refresh_awards(Award.objects.values_list("pk", flat=True))
    for award in awards.values():
        award.refresh_from_db()
    return {
        "awards": awards,
        "orgs": {
            "nis": nis,
            "belgrade": belgrade,
            "huawei": huawei,
            "huawei_rs": huawei_rs,
            "culibrk": culibrk,
            "ericsson": ericsson,
        },
        "agreement": agreement,
    }
