"""Parties match existing organisations by identifier, then by folded name without the legal
form; never a duplicate for two spellings of one company."""

import pytest

from procurement.awards.names import name_key
from procurement.models import AwardSupplier, Organisation, OrganisationIdentifier
from tests.factories import OrganisationFactory
from tests.ocds.releases import release, write_package


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("HUAWEI TECHNOLOGIES SERBIA", "Huawei Technologies Serbia d.o.o."),
        ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES"),
        ("Telekom Srbija a.d.", "TELEKOM SRBIJA AD"),
        ("Vodafone Albania SH.A.", "Vodafone Albania"),
        ("ALBtelecom SH.P.K", "Albtelecom shpk"),
        ("Хуавеј Технолоџис Србија д.о.о.", "Huavej Tehnolodzis Srbija"),
    ],
)
def test_two_spellings_of_one_company_share_a_key(one, other):
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Huawei Technologies Serbia", "Huawei Technologies"), ("Ericsson", "Nokia")],
)
def test_different_companies_do_not(one, other):
    assert name_key(one) != name_key(other)


def test_a_name_that_is_only_a_legal_form_keeps_it():
    assert name_key("d.o.o.") == "d o o"


def _with_supplier(ocid: str, name: str, scheme: str = "RS-MB", number: str = "") -> dict:
    data = release(ocid)
    supplier = data["parties"][1]
    supplier["name"] = name
    supplier["identifier"] = {"scheme": scheme, "id": number or f"S{ocid}"}
    return data


def test_matched_by_folded_name_without_legal_form(tmp_path, run_import):
    huawei = OrganisationFactory(name="Huawei Technologies Serbia d.o.o.")

    run_import(
        write_package(
            tmp_path / "a.json", [_with_supplier("ocds-t-1", "HUAWEI TECHNOLOGIES SERBIA")]
        )
    )

    assert AwardSupplier.objects.get().organisation == huawei
    assert Organisation.objects.filter(name__icontains="huawei").count() == 1
    # the identifier is now known: a later release with another spelling matches by it
    assert OrganisationIdentifier.objects.get(identifier="Socds-t-1").organisation == huawei
    other = _with_supplier("ocds-t-2", "Huawei Srbija", number="Socds-t-1")
    run_import(write_package(tmp_path / "b.json", [other]))
    assert Organisation.objects.filter(name__icontains="huawei").count() == 1


def test_matched_by_an_alias_in_the_other_script(tmp_path, run_import):
    huawei = OrganisationFactory(name="Huawei Technologies Serbia d.o.o.")
    huawei.aliases.create(name="Хуавеј Технолоџис Србија д.о.о.", script="cyrl")

    data = _with_supplier("ocds-t-3", "ХУАВЕЈ ТЕХНОЛОЏИС СРБИЈА")
    run_import(write_package(tmp_path / "c.json", [data]))

    assert AwardSupplier.objects.get().organisation == huawei


def test_one_new_company_in_many_releases_is_created_once(tmp_path, run_import):
    releases = [
        _with_supplier("ocds-t-4", "Dahua Technology Co., Ltd.", number="D1"),
        _with_supplier("ocds-t-5", "DAHUA TECHNOLOGY", number="D2"),
        _with_supplier("ocds-t-6", "Other name", number="D1"),
    ]
    run_import(write_package(tmp_path / "d.json", releases))

    dahua = Organisation.objects.get(name="Dahua Technology Co., Ltd.")
    assert set(AwardSupplier.objects.values_list("organisation", flat=True)) == {dahua.pk}
    assert set(dahua.identifiers.values_list("identifier", flat=True)) == {"D1", "D2"}
    assert dahua.search_key  # search keys refreshed for new organisations


def test_search_documents_written_by_the_import_are_those_of_the_refresh(tmp_path, run_import):
    from procurement.awards.services.search_keys import refresh_awards, refresh_organisation_keys
    from procurement.models import Award

    group = OrganisationFactory(name="Huawei")
    serbia = OrganisationFactory(name="Huawei Technologies Serbia d.o.o.", parent=group)
    refresh_organisation_keys([group.pk, serbia.pk])  # as every write path does
    releases = [_with_supplier("ocds-t-7", "HUAWEI TECHNOLOGIES SERBIA"), release("ocds-t-8")]
    run_import(write_package(tmp_path / "e.json", releases))
    imported = dict(Award.objects.values_list("pk", "search_document"))
    ids = dict(Award.objects.values_list("pk", "supplier_ids"))
    keys = dict(Organisation.objects.values_list("pk", "search_key"))

    refresh_organisation_keys(keys)
    refresh_awards(imported)

    assert dict(Award.objects.values_list("pk", "search_document")) == imported
    # the suppliers' ids the facets count, as the links hold them
    assert dict(Award.objects.values_list("pk", "supplier_ids")) == ids
    for award in Award.objects.all():
        linked = [str(pk) for pk in award.supplier_links.values_list("organisation", flat=True)]
        assert award.supplier_ids.split() == linked and linked
    assert dict(Organisation.objects.values_list("pk", "search_key")) == keys
    assert "huawei" in Award.objects.get(process__ocid="ocds-t-7").search_document
