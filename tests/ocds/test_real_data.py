"""Issue 15 on real publishers' files (tests/fixtures/ocds/real/): every valid release is
imported, what comes out is what went in (one party per organisation, timestamps with their
offset, the publisher's decimals and language, no invented amendment or legal basis,
re-issued compiled releases as updates, clear messages for bad encodings and values), and
each file survives export → import → export unchanged."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from procurement.models import (
    Award,
    Contract,
    ContractAmendment,
    ImportRun,
    OcdsRelease,
    ProcurementProcess,
    ReviewStatus,
)
from procurement.ocds.importer.fields import country_of_party
from procurement.ocds.schema import package_errors
from tests.ocds.real import (
    CDMX,
    FILES,
    GACM,
    JALISCO,
    PY_LATIN1,
    PY_RECORDS,
    PY_REISSUED,
    PY_RELEASES,
    UA_RECORDS,
    UA_RELEASES,
    UK,
    by_ocid,
    download,
    import_and_publish,
    import_real,
    reviewer,
)
from tests.ocds.test_round_trip import empty_procurement_records

pytestmark = pytest.mark.django_db

RIEDER = "ocds-03ad3f-274231"
SPLIT = "ocds-03ad3f-284182"
SEFIN_1 = "OCDS-87SD3T-SEFIN-DRM-A-001-2016"
AD_SF = "OCDS-87SD3T-AD-SF-DRM-063-2015"
UA_AWARD = "ocds-be6bcu-UA-2016-12-29-000657-c"
UA_SIGNED = "ocds-be6bcu-UA-2017-01-20-000582-a"
JALISCO_MXN = "ocds-xs1qbl-02-0070-00-2017"


@pytest.fixture(autouse=True)
def exports_unthrottled(settings):
    settings.EXPORT_RATE = "1000/minute"


def report(run: ImportRun) -> dict[str, str]:
    return {entry["path"]: entry["message"] for entry in run.report}


# --- every valid release is imported ----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "imported", "failed"),
    [
        (PY_RECORDS, 6, 4),  # 3 × contracts[].awardID null, 1 × duplicated supplier
        (PY_RELEASES, 45, 1),  # the contract of an award missing from the sample
        (JALISCO, 3, 0),
        (CDMX, 20, 0),
        (GACM, 3, 0),
        (UA_RECORDS, 5, 1),  # a "bid" tag
        (UA_RELEASES, 2, 0),
        (UK, 11, 0),
    ],
    ids=lambda value: value.name if hasattr(value, "name") else str(value),
)
def test_every_valid_release_of_a_real_file_is_imported(path, imported, failed):
    run = import_real(path, FILES[path][0])

    assert (run.releases_imported, run.releases_failed) == (imported, failed), run.report
    assert run.releases_seen == imported + failed


def test_a_bad_contract_release_does_not_refuse_the_valid_releases_of_its_ocid():
    """DNCP's 284444 has planning, tender and contract releases but no award release: the
    contract is refused, its planning and tender are imported."""
    run = import_real(PY_RELEASES, "PY")

    [(path, message)] = report(run).items()
    assert message.startswith("no award with id '284444-")
    assert path.endswith("contracts[0].awardID")
    ocid = "ocds-03ad3f-284444"
    stored = OcdsRelease.objects.filter(ocid=ocid).values_list("tags", flat=True)
    assert sorted(tag for tags in stored for tag in tags) == ["planning", "tender"]
    assert ProcurementProcess.objects.get(ocid=ocid).awards.count() == 0


def test_releases_of_an_ocid_imported_before_update_it_without_a_crash():
    """FINDINGS 3.1: the award rows of an existing process were written with its Country
    object, which PostgreSQL's COPY cannot adapt, and the whole run stopped."""
    import_real(PY_RECORDS, "PY")

    run = import_real(PY_RELEASES, "PY")

    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    assert run.releases_imported == 46
    assert Award.objects.filter(process__ocid=SPLIT).count() == 1


# --- 1. one party per organisation, the tracker's ids, the publisher's releases as links --


def test_a_record_lists_each_organisation_once_and_equals_the_release(client):
    import_and_publish(PY_RECORDS, "PY")
    import_and_publish(PY_RELEASES, "PY")
    package = download(client, country="PY", package="record")
    assert package_errors(package) == []
    records = {record["ocid"]: record for record in package["records"]}

    compiled = records[RIEDER]["compiledRelease"]
    suppliers = compiled["awards"][0]["suppliers"]
    assert [s["name"] for s in suppliers] == ["RIEDER Y CIA. SACI"]
    parties = compiled["parties"]
    assert len({p["id"] for p in parties}) == len(parties) == len({p["name"] for p in parties})
    assert {s["id"] for s in suppliers} <= {p["id"] for p in parties}
    split = records[SPLIT]["compiledRelease"]["awards"][0]["suppliers"]
    assert sorted(s["name"] for s in split) == ["EMPORIO FERRETERIA S.R.L.", "JUAN RODRIGUEZ"]
    # the compiled release is what the release package says for the same process (tagged
    # "compiled", as OCDS asks)
    release = by_ocid(download(client, country="PY"))[RIEDER]
    assert compiled == {**release, "tag": ["compiled"]}
    # the publisher's releases are linked, never embedded or merged
    links = records[RIEDER]["releases"]
    assert all(set(link) == {"url", "date", "tag"} for link in links)
    urls = [link["url"] for link in links]
    assert (
        "https://www.contrataciones.gov.py/datos/id/contract/274231-rieder-cia-saci-2.json" in urls
    )


def test_a_mexico_city_record_keeps_its_two_parties(client):
    import_and_publish(CDMX)

    record = next(
        r
        for r in download(client, country="MX", package="record")["records"]
        if r["ocid"] == SEFIN_1
    )
    parties = record["compiledRelease"]["parties"]
    assert sorted(role for p in parties for role in p["roles"]) == [
        "buyer",
        "procuringEntity",
        "supplier",
    ]
    assert len(parties) == 2
    assert len(record["releases"]) == 4  # its three releases and the tracker's current one


# --- 2. timestamps keep their time and offset --------------------------------------------


def test_timestamps_keep_their_time_offset_and_precision(client):
    import_and_publish(UA_RECORDS)
    import_and_publish(CDMX)

    ukraine = by_ocid(download(client, country="UA"))
    assert ukraine[UA_AWARD]["awards"][0]["date"] == "2017-01-13T14:49:54.200008+02:00"
    contract = ukraine[UA_SIGNED]["contracts"][0]
    assert contract["dateSigned"] == "2017-01-17T23:59:59+02:00"
    mexico = by_ocid(download(client, country="MX"))[SEFIN_1]
    assert mexico["contracts"][0]["period"]["startDate"] == "2016-01-01T00:00:00-06:00"
    assert mexico["tender"]["tenderPeriod"]["startDate"] == "2016-01-01T00:00:00-06:00"
    # the date the pages, filters and rules read is the calendar date in the source's offset
    award = Award.objects.get(process__ocid=UA_AWARD)
    assert str(award.award_date) == "2017-01-13"


def test_a_reviewers_corrected_date_wins_over_the_publishers_timestamp(client):
    import_and_publish(UA_RECORDS)
    award = Award.objects.get(process__ocid=UA_AWARD)
    Award.objects.filter(pk=award.pk).update(award_date="2017-01-14")

    assert by_ocid(download(client, country="UA"))[UA_AWARD]["awards"][0]["date"] == (
        "2017-01-14T00:00:00Z"
    )


# --- 3. amounts keep the publisher's decimals --------------------------------------------


def test_amounts_keep_the_publishers_decimals(client):
    import_and_publish(JALISCO)

    award = Award.objects.get(ocds_id="IN496085-OC63969-2017")
    assert award.value_amount == Decimal("259658.286")
    release = by_ocid(download(client, country="MX"))[JALISCO_MXN]
    amounts = [a["value"]["amount"] for a in release["awards"]]
    assert 259658.286 in amounts
    assert 259658.286 in [c["value"]["amount"] for c in release["contracts"]]
    page = client.get(award.get_absolute_url()).content.decode()
    assert "MXN 259,658.286" in page


# --- 4. each release keeps its language --------------------------------------------------


def test_each_release_keeps_the_publishers_language(client):
    import_and_publish(PY_RECORDS, "PY")
    import_and_publish(UA_RECORDS)
    import_and_publish(UK)

    for country, language in (("PY", "es"), ("UA", "uk"), ("GB", "en-GB")):
        releases = download(client, country=country)["releases"]
        assert {release["language"] for release in releases} == {language}


# --- 5. no invented facts ----------------------------------------------------------------


def test_a_value_changed_without_an_amendment_is_a_new_value_not_an_amendment(client):
    """Mexico City re-publishes contracts with another value and no amendments entry."""
    import_and_publish(CDMX)

    assert not ContractAmendment.objects.exists()
    contract = Contract.objects.get(award__process__ocid=SEFIN_1)
    assert (contract.value_amount, contract.value_source) == (Decimal("984398.88"), "02")
    release = by_ocid(download(client, country="MX"))[SEFIN_1]
    assert "amendments" not in release["contracts"][0]
    assert "contractAmendment" not in release["tag"]
    assert contract.history.count() >= 1  # the earlier value is in the import's history


def test_the_legal_basis_is_not_stated_unless_the_data_states_it():
    import_and_publish(GACM)
    import_and_publish(UA_RECORDS)
    import_and_publish(CDMX)

    # a method alone (GACM's rationale is "Nacional", ProZorro gives none) states no law …
    for prefix in ("10", "ocds-be6bcu-"):
        bases = Award.objects.filter(process__ocid__startswith=prefix).values_list(
            "legal_basis", flat=True
        )
        assert set(bases) == {Award.LegalBasis.NOT_STATED}
    # … Mexico City's rationale names the Ley de Adquisiciones para el Distrito Federal
    assert Award.objects.get(process__ocid=AD_SF).legal_basis == Award.LegalBasis.PROCUREMENT_LAW


# --- 6. re-issued compiled releases ------------------------------------------------------


def test_a_compiled_release_reissued_under_its_id_updates_the_process(tmp_path, client):
    """Jalisco's compiled releases are `<ocid>-compiled`: a newer version is an update of the
    process, kept with its history, not a refused release."""
    import_and_publish(JALISCO)
    package = json.loads(JALISCO.read_text(encoding="utf-8"))
    compiled = package["records"][2]["compiledRelease"]
    compiled["date"] = "2018-02-01T10:00:00Z"
    compiled["contracts"][0]["description"] = "Contrato modificado por el publicador"
    path = tmp_path / "jalisco-reissued.json"
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")

    run = import_real(path)

    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    assert (run.releases_imported, run.releases_unchanged) == (1, 2)
    versions = OcdsRelease.objects.filter(release_id=compiled["id"]).order_by("pk")
    assert [v.superseded_at is not None for v in versions] == [True, False]
    contract = Contract.objects.get(ocds_id=compiled["contracts"][0]["id"])
    assert contract.description == "Contrato modificado por el publicador"
    assert contract.history.count() == 2  # created, then updated by the re-issue
    assert contract.review_status == ReviewStatus.PUBLISHED  # still public, now updated
    record = next(
        r
        for r in download(client, country="MX", package="record")["records"]
        if r["ocid"] == compiled["ocid"]
    )
    assert record["compiledRelease"]["contracts"][0]["description"] == contract.description
    # importing either version again changes nothing: each is a version already known
    for again in (path, JALISCO):
        run = import_real(again)
        assert (run.releases_imported, run.releases_unchanged) == (0, 3), run.report
    assert OcdsRelease.objects.filter(release_id=compiled["id"]).count() == 2


def test_releases_with_real_ids_keep_the_rule_a_change_needs_a_new_id():
    """DNCP re-generated its releases under the same ids (2017-09): refused, as before."""
    import_real(PY_RELEASES, "PY")

    run = import_real(PY_REISSUED, "PY")

    messages = [entry["message"] for entry in run.report]
    assert len(messages) == 20
    assert set(messages) == {
        "a release with this id was imported before with different content; "
        "a change needs a new release id"
    }


# --- 7. encodings, messages, countries ---------------------------------------------------


def test_a_file_that_is_not_utf8_says_so_and_where():
    run = import_real(PY_LATIN1, "PY")

    assert run.status == ImportRun.Status.FAILED
    assert run.report[0]["message"] == (
        "not UTF-8: looks like ISO-8859-1 at byte 176 (import it with --encoding latin-1)"
    )


def test_a_latin1_file_imports_with_its_encoding(capsys):
    call_command(
        "import_ocds", str(PY_LATIN1), "--encoding", "latin-1", "--country", "PY", "--no-red-flags"
    )

    run = ImportRun.objects.get()
    assert (run.status, run.releases_imported, run.encoding) == ("succeeded", 4, "iso8859-1")
    title = ProcurementProcess.objects.get(ocid="ocds-03ad3f-284462").title
    assert title.startswith("CONSTRUCCIÓN DE PAVIMENTO")  # decoded, not mojibake
    assert "(AD REFERÉNDUM EJERCICIO 2016)" in title


def test_codelist_errors_name_the_codelist_and_long_values_are_cut():
    ukraine = import_real(UA_RECORDS)
    paraguay = import_real(PY_RECORDS, "PY")

    assert report(ukraine)["records[0].releases[0].tag[3]"] == "'bid' is not in releaseTag"
    message = report(paraguay)["records[4].compiledRelease.awards[0].suppliers"]
    assert message.endswith("… has non-unique elements")
    assert len(message) < 250  # the value itself was 1,500 characters


def test_a_buyers_country_is_read_in_any_language_before_the_fallback():
    """ProZorro's 1.0-shaped buyer (no parties) says "Україна"; Mexico City's says "MX"."""
    ukraine = import_real(UA_RELEASES)
    mexico = import_real(CDMX)

    assert ukraine.status == mexico.status == ImportRun.Status.SUCCEEDED
    assert set(ProcurementProcess.objects.values_list("country", flat=True)) == {"UA", "MX"}
    buyer = ProcurementProcess.objects.get(ocid=UA_AWARD).buyer
    assert buyer.kind == "public_authority"


@pytest.mark.parametrize(
    ("party", "country"),
    [
        ({"address": {"countryName": "Україна"}}, "UA"),
        ({"address": {"countryName": "Украина"}}, "UA"),
        ({"address": {"countryName": "México                                  "}}, "MX"),
        ({"address": {"countryName": "Paraguay"}}, "PY"),
        ({"address": {"countryName": "Հայաստան"}}, "AM"),
        ({"identifier": {"scheme": "UA-EDR", "id": "1"}}, "UA"),
        ({"address": {"countryName": "CIUDAD DE MEXICO"}}, ""),
    ],
)
def test_country_of_party(party, country):
    assert country_of_party(party) == country


# --- tender-only processes and the review queue's countries -------------------------------


def test_tender_only_processes_are_exported(client):
    import_and_publish(UK)

    package = download(client, country="GB")
    assert len(package["releases"]) == 11
    assert not any(release.get("awards") for release in package["releases"])
    process = ProcurementProcess.objects.first()
    response = client.get(reverse("process-ocds", args=[process.pk]))
    assert response.status_code == 200
    # a filter only an award has matches no tender-only process
    assert (
        client.get(reverse("award-export-ocds"), {"value_min": 1, "currency": "GBP"}).status_code
        == 404
    )


def test_the_review_queues_country_filter_offers_every_country_in_the_data(client):
    import_real(PY_RECORDS, "PY")
    import_real(UA_RELEASES)
    client.force_login(reviewer())

    page = client.get(reverse("review-queue"), {"kind": "process", "country": "PY"})

    assert page.status_code == 200
    html = page.content.decode()
    assert '<option value="PY" selected>' in html and '<option value="UA">' in html
    assert '<option value="RS">' in html  # the six are always offered
    assert len(page.context["page"].object_list) == 6


# --- export → import → export -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["release", "record"])
@pytest.mark.parametrize("path", list(FILES), ids=lambda path: path.name)
def test_each_real_file_survives_export_import_export(path, kind, client, tmp_path):
    default, country = FILES[path]
    import_and_publish(path, default)
    query = {"country": country, **({"package": "record"} if kind == "record" else {})}
    first = download(client, **query)
    assert package_errors(first) == []
    empty_procurement_records()
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")

    run = import_and_publish(exported)  # every buyer's country is in the export

    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    second = download(client, **query)
    del first["publishedDate"], second["publishedDate"]
    assert second == first
