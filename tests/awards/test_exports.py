"""CSV and OCDS exports of a filtered search: streamed, spreadsheet-safe, schema-valid."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.urls import reverse

from procurement.awards.selectors.public import published_awards
from procurement.models import Award, ProcurementProcess
from procurement.ocds.export import release_for_process, release_package
from procurement.ocds.records import record_package
from procurement.ocds.schema import package_errors, release_errors
from procurement.ocds.selectors.exports import processes_for_export

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def _csv(client, **params) -> list[dict]:
    response = client.get(reverse("award-export-csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = _body(response)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: spreadsheets read Cyrillic right
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_has_the_filtered_rows_in_utf8(client, history):
    rows = _csv(client, q="Хуавеј")
    assert {r["title"] for r in rows} == {
        "Видео надзор града Ниша",
        "Kamere u Beogradu",
        "Data centre grant",
        "Networks for Beograd and Niš",
    }
    nis = next(r for r in rows if r["title"] == "Видео надзор града Ниша")
    assert nis["buyer"] == "Град Ниш"
    assert nis["suppliers"] == "Huawei Technologies Serbia d.o.o."
    assert nis["value_status"] == "undisclosed" and nis["amount"] == ""  # never 0
    assert nis["confidentiality"] == "classified" and nis["legal_basis"] == "agreement"
    assert nis["agreement"].startswith("Strategic Agreement")
    assert nis["url"].endswith(f"/awards/{history['awards']['nis_cameras'].pk}/")
    both = next(r for r in rows if r["title"] == "Networks for Beograd and Niš")
    assert set(both["suppliers"].split("; ")) == {"Ericsson", "Huawei Technologies Serbia d.o.o."}
    belgrade = next(r for r in rows if r["title"] == "Kamere u Beogradu")
    assert belgrade["amount"] == "150000000.00" and belgrade["currency"] == "EUR"
    assert belgrade["award_date"] == "2020-02-03"


def _newest_first(history) -> list[str]:
    return [
        "5G first phase",
        "Road works in Niš",
        "Networks for Beograd and Niš",
        "Kamere u Beogradu",
        "Видео надзор града Ниша",
        "Ђорђе Вајферт street lighting",
        "Data centre grant",  # undated: after every date, as on the page
    ]


def test_csv_rows_come_in_the_pages_order(client, history):
    assert [r["title"] for r in _csv(client)] == _newest_first(history)
    by_value = [r["title"] for r in _csv(client, sort="value")]
    assert by_value[:3] == ["Kamere u Beogradu", "5G first phase", "Networks for Beograd and Niš"]
    assert by_value[-2:] == ["Видео надзор града Ниша", "Data centre grant"] or by_value[-2:] == [
        "Data centre grant",
        "Видео надзор града Ниша",
    ]  # both undisclosed: after every amount, by id
    page = client.get(reverse("award-search"), {"sort": "value"}).content.decode()
    shown = [t for t in by_value if t in page]
    assert sorted(shown, key=page.index) == by_value  # the page lists them the same way


def test_csv_writes_booleans_dates_at_their_precision_and_the_legal_basis_note(client, history):
    belgrade = history["awards"]["belgrade_cameras"]
    Award.objects.filter(pk=belgrade.pk).update(
        value_is_approximate=True,
        award_date_precision="year",
        legal_basis_note="Possibly under the 2009 agreement",
    )
    Award.objects.filter(pk=history["awards"]["djordje"].pk).update(award_date_precision="month")
    rows = {r["title"]: r for r in _csv(client)}
    header = list(rows["Kamere u Beogradu"])
    assert header.index("legal_basis_note") == header.index("legal_basis") + 1
    assert rows["Kamere u Beogradu"]["legal_basis_note"] == "Possibly under the 2009 agreement"
    assert rows["Kamere u Beogradu"]["approximate"] == "true"
    assert rows["Road works in Niš"]["approximate"] == "false"
    assert rows["Kamere u Beogradu"]["award_date"] == "2020"  # only the year is known
    assert rows["Ђорђе Вајферт street lighting"]["award_date"] == "2018-05"
    assert rows["Road works in Niš"]["award_date"] == "2021-07-08"
    assert rows["Data centre grant"]["award_date"] == ""


def test_csv_with_semicolons_for_decimal_comma_spreadsheets(client, history):
    response = client.get(reverse("award-export-csv"), {"sep": "semicolon", "q": "Beogradu"})
    text = _body(response).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows[0]["title"] == "Kamere u Beogradu" and rows[0]["amount"] == "150000000,00"
    assert text.splitlines()[0].startswith("id;ocid;title;")
    refused = client.get(reverse("award-export-csv"), {"sep": "tab"})
    assert refused.status_code == 400 and "sep=semicolon" in refused.content.decode()


def test_xlsx_has_the_csvs_rows_typed(client, history):
    import openpyxl

    Award.objects.filter(pk=history["awards"]["belgrade_cameras"].pk).update(
        award_date_precision="year", value_is_approximate=True
    )
    response = client.get(reverse("award-export-xlsx"))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="awards-' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header == list(_csv(client)[0])  # the CSV's columns
    cells = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [c["title"] for c in cells] == _newest_first(history)  # same order
    belgrade = next(c for c in cells if c["title"] == "Kamere u Beogradu")
    assert belgrade["amount"] == 150000000 and isinstance(belgrade["amount"], int | float)
    assert belgrade["id"] == history["awards"]["belgrade_cameras"].pk
    assert belgrade["approximate"] is True
    assert belgrade["award_date"].year == 2020  # a date, shown as the year alone
    row = rows.index(next(r for r in rows if r[header.index("title")] == "Kamere u Beogradu"))
    assert sheet.cell(row + 1, header.index("award_date") + 1).number_format == "yyyy"
    nis = next(c for c in cells if c["title"] == "Видео надзор града Ниша")
    assert nis["amount"] is None and nis["value_status"] == "undisclosed"  # never 0
    assert "Secret Huawei deal in Niš" not in [c["title"] for c in cells]
    filtered = client.get(reverse("award-export-xlsx"), {"method": "open"})
    titles = [
        row[header.index("title")]
        for row in openpyxl.load_workbook(io.BytesIO(_body(filtered))).active.iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert titles == ["Road works in Niš", "Ђорђе Вајферт street lighting"]


def test_xlsx_never_runs_a_cell_as_a_formula(client, history):
    award = history["awards"]["djordje"]
    Award.objects.filter(pk=award.pk).update(title='=HYPERLINK("http://evil.example","x")')
    body = _body(client.get(reverse("award-export-xlsx"), {"method": "open"}))
    import zipfile

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet  # written as a string, not a formula


def test_csv_never_exports_unpublished_awards(client, history):
    titles = {r["title"] for r in _csv(client)}
    assert len(titles) == 7 and "Secret Huawei deal in Niš" not in titles


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, history):
    award = history["awards"]["djordje"]
    Award.objects.filter(pk=award.pk).update(title='=HYPERLINK("http://evil.example","x")')
    rows = _csv(client, method="open")
    assert '\'=HYPERLINK("http://evil.example","x")' in {r["title"] for r in rows}


def test_exports_refuse_bad_filters_with_a_message(client, history):
    for name in ["award-export-csv", "award-export-xlsx", "award-export-ocds"]:
        response = client.get(reverse(name), {"date_from": "not-a-date"})
        assert response.status_code == 400
        assert "Awarded from: Enter a valid date." in response.content.decode()


@pytest.mark.parametrize("package", ["", "record"])
def test_ocds_export_of_the_demo_validates_against_the_schema(client, demo, package):
    response = client.get(reverse("award-export-ocds"), {"package": package} if package else {})
    assert response.status_code == 200
    data = json.loads(_body(response))
    assert package_errors(data) == []
    key = "records" if package else "releases"
    # every published process: those with a published award, and the tender-only one
    assert len(data[key]) == ProcurementProcess.objects.filter(review_status="published").count()
    assert len(data[key]) > published_awards().values("process").distinct().count()
    if package:
        for record in data["records"]:
            assert record["compiledRelease"]["tag"] == ["compiled"]
            assert record["compiledRelease"]["ocid"] == record["ocid"]


def test_direct_award_under_an_agreement_follows_the_reference(db, demo):
    process = ProcurementProcess.objects.get(ocid="ocds-ptwb01-RS-MUP-SAFECITY-1")
    (process,) = processes_for_export(Award.objects.filter(process=process))
    release = release_for_process(process)
    assert release_errors(release) == []
    tender = release["tender"]
    assert tender["procurementMethod"] == "direct"
    assert "intergovernmental-agreement exemption" in tender["procurementMethodDetails"]
    assert "Strategic Agreement on Economic, Technological" in tender["procurementMethodRationale"]
    assert "signed 2009" in tender["procurementMethodRationale"]
    assert tender["procurementMethodRationaleClassifications"][0]["id"] == "int-rules"
    agreement_docs = [d for d in tender["documents"] if d["id"].startswith("agreement-")]
    assert agreement_docs[0]["documentType"] == "procurementMethodRationale"
    (award,) = release["awards"]
    assert "value" not in award  # undisclosed: omitted, never 0
    roles = {p["name"]: p["roles"] for p in release["parties"]}
    assert roles["Ministry of Interior of the Republic of Serbia"] == ["buyer", "procuringEntity"]
    assert roles["Huawei Technologies Co., Ltd."] == ["supplier"]
    assert award["suppliers"][0]["id"] in {p["id"] for p in release["parties"]}
    assert release["tag"] == ["tender", "award", "contract"]


def test_contract_amendments_and_values(db, demo):
    process = ProcurementProcess.objects.get(ocid="ocds-ptwb01-RS-TELEKOM-ALLIP")
    (process,) = processes_for_export(Award.objects.filter(process=process))
    release = release_for_process(process)
    assert release_errors(release) == []
    assert release["awards"][0]["value"] == {"amount": 150000000, "currency": "EUR"}
    assert "contractAmendment" in release["tag"]
    assert release["contracts"][0]["amendments"][0]["description"].startswith("Amendments")


def test_package_builders_and_history_of_imported_releases(db, demo):
    from procurement.models import OcdsRelease

    process = ProcurementProcess.objects.get(ocid="ocds-ptwb01-ME-TELEKOM-3G")
    imported = {
        "ocid": process.ocid,
        "id": f"{process.ocid}-imported-1",
        "date": "2011-03-01T00:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "tender": {"id": "t1", "title": "An older title", "numberOfTenderers": 1},
    }
    OcdsRelease.objects.create(
        ocid=process.ocid,
        release_id=imported["id"],
        date="2011-03-01T00:00:00Z",
        tags=["tender"],
        data=imported,
        sha256="0" * 64,
        process=process,
    )
    processes = list(processes_for_export(Award.objects.filter(process=process)))
    releases = release_package(processes, uri="https://example.org/x.json")
    records = record_package(processes, uri="https://example.org/x.json")
    assert package_errors(releases) == [] and package_errors(records) == []
    (record,) = records["records"]
    # the imported release is linked (to the published form of the process), never embedded
    link = record["releases"][0]
    assert link == {
        "url": settings.SITE_URL + reverse("process-ocds", args=[process.pk]),
        "date": imported["date"],
        "tag": ["tender"],
    }
    assert len(record["releases"]) == 2  # and the current release, linked the same way
    # the compiled release is the current release (nothing of the imported one merged in)
    compiled = record["compiledRelease"]
    assert compiled == {**releases["releases"][0], "tag": ["compiled"]}
    assert compiled["tender"]["title"] == "3G network expansion"
    assert "numberOfTenderers" not in compiled["tender"]


def test_ocds_export_query_count_does_not_grow_with_processes(db, demo, django_assert_num_queries):
    from procurement.ocds.selectors.exports import iterate_for_export

    def export():
        return [release_for_process(p) for p in iterate_for_export(published_awards())]

    with django_assert_num_queries(16) as captured:
        export()
    assert len(captured.captured_queries) == 16


@pytest.mark.parametrize("package", ["", "record"])
def test_an_export_matching_nothing_says_so_instead_of_an_invalid_package(client, demo, package):
    response = client.get(
        reverse("award-export-ocds"),
        {"country": "AL", "q": "nothing-like-this", "package": package},
    )
    assert response.status_code == 404
    assert "No published award matches these filters" in response.content.decode()
    # …whereas a match is a valid package
    found = client.get(reverse("award-export-ocds"), {"q": "Huawei", "package": package})
    assert found.status_code == 200
    assert package_errors(json.loads(b"".join(found.streaming_content))) == []


def test_xlsx_refuses_more_rows_than_a_sheet_holds_and_says_why(client, history, monkeypatch):
    """Excel holds 1,048,576 rows a sheet; XlsxWriter drops the rest without a word: an export
    over the limit is refused with the reason (the limit lowered here to two awards)."""
    import openpyxl

    from procurement.awards.selectors import xlsx_export

    monkeypatch.setattr(xlsx_export, "MAX_ROWS", 2)
    refused = client.get(reverse("award-export-xlsx"))
    assert refused.status_code == 400
    assert "More awards match than a spreadsheet holds" in refused.content.decode()
    assert "CSV" in refused.content.decode()
    narrowed = client.get(reverse("award-export-xlsx"), {"method": "open"})
    assert narrowed.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(_body(narrowed))).active.max_row == 3  # + header
