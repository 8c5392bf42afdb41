"""The shipped registers: each loads whole, a second load changes nothing, and with the demo
data nothing is on record twice, whichever comes first."""

import csv
from collections import Counter

import pytest

from procurement.authorities.register import read_register
from procurement.authorities.services.registers import (
    SHIPPED,
    SHIPPED_JURISDICTIONS,
    import_shipped_registers,
)
from procurement.awards.names import name_key
from procurement.demo.organisations import ORGANISATIONS
from procurement.demo.services import load_demo
from procurement.models import AuditLog, Organisation, OrganisationAlias, OrganisationIdentifier

pytestmark = pytest.mark.django_db

# The closing note's figures: rows per register (reference/SOURCES.md).
SIZES = {"RS": 164, "BA": 144, "ME": 74, "MK": 82, "AL": 66, "XK": 67}


def rows_of(code: str) -> list[dict]:
    with open(SHIPPED / f"{code}.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("code", SHIPPED_JURISDICTIONS)
def test_every_shipped_register_reads_without_a_problem(code):
    rows, problems = read_register((SHIPPED / f"{code}.csv").read_bytes(), code)
    assert problems == []
    assert len(rows) == SIZES[code]
    names = {name_key(row.name) for row in rows}
    assert all(not row.parent or name_key(row.parent) in names for row in rows)
    assert all(row.source.startswith(("http://", "https://")) for row in rows)


@pytest.mark.parametrize("code", SHIPPED_JURISDICTIONS)
def test_every_ministry_has_an_english_name(code):
    """`?authority_q=Ministry of …` finds the ministries of every jurisdiction."""
    for row in rows_of(code):
        if row["kind"] == "ministry":
            names = [row["other_script_name"], *row["aliases"].split("|")]
            assert any("Ministry" in name for name in names), row["name"]


def test_the_shipped_registers_load_once(reference, django_assert_max_num_queries):
    reports = import_shipped_registers()
    assert {r.jurisdiction: r.used for r in reports} == SIZES
    assert all(r.problems == [] and r.written for r in reports)
    # The appeal bodies seed_reference created are matched, not duplicated.
    assert sum(len(r.created) for r in reports) == sum(SIZES.values()) - sum(
        len(r.updated) for r in reports
    )
    on_record = Organisation.objects.filter(jurisdiction__isnull=False)
    assert on_record.count() == sum(SIZES.values())
    assert not [
        n for n, c in Counter(on_record.values_list("name", "jurisdiction")).items() if c > 1
    ]
    health = Organisation.objects.get(name="Ministarstvo zdravlja", jurisdiction__code="RS")
    assert health.foi_email == "informacijejz@zdravlje.gov.rs"
    assert health.authority_type == "ministry" and health.kind == "public_authority"
    assert set(health.aliases.values_list("name", flat=True)) >= {
        "Ministry of Health",
        "Министарство здравља",
    }
    assert "ministry of health" in health.search_key
    assert (
        OrganisationIdentifier.objects.get(identifier="08179115").organisation.name
        == "Grad Novi Sad"
    )
    srpska = Organisation.objects.get(name="Vlada Republike Srpske")
    assert srpska.jurisdiction.code == "BA-SRP"
    police = Organisation.objects.filter(parent__name="Ministarstvo unutrašnjih poslova")
    assert police.exists()
    assert AuditLog.objects.filter(action="authorities.register_imported").count() == 6
    aliases = OrganisationAlias.objects.count()
    with django_assert_max_num_queries(60):  # the second load only reads and compares
        again = import_shipped_registers()
    assert [(len(r.created), len(r.updated), r.unchanged) for r in again] == [
        (0, 0, SIZES[r.jurisdiction]) for r in again
    ]
    assert OrganisationAlias.objects.count() == aliases


def demo_bodies() -> list[str]:
    return [spec[0] for spec in ORGANISATIONS.values() if spec[3]]


def assert_nothing_twice():
    names = Counter(Organisation.objects.values_list("name", "jurisdiction"))
    assert [n for n, c in names.items() if c > 1] == []
    for name in demo_bodies():  # each demo body is one organisation, named or aliased
        found = Organisation.objects.filter(name=name) | Organisation.objects.filter(
            aliases__name=name
        )
        assert found.distinct().count() == 1, name


def test_demo_then_registers_keeps_the_demo_names(reference):
    load_demo()
    demo_count = Organisation.objects.count()
    reports = import_shipped_registers()
    assert_nothing_twice()
    matched = sum(len(r.updated) for r in reports)
    assert Organisation.objects.count() == demo_count + sum(SIZES.values()) - matched
    interior = Organisation.objects.get(name="Ministry of Interior of the Republic of Serbia")
    assert interior.authority_type == "ministry" and interior.website == "https://www.mup.gov.rs"
    assert interior.aliases.filter(name="Ministarstvo unutrašnjih poslova").exists()
    airport = Organisation.objects.get(name="Belgrade Nikola Tesla Airport")
    assert airport.kind == "state_owned_company" and airport.jurisdiction.code == "RS"
    load_demo(with_registers=True)  # again: nothing new
    assert_nothing_twice()
    assert Organisation.objects.count() == demo_count + sum(SIZES.values()) - matched


def test_registers_then_demo_finds_the_bodies_on_record(reference):
    import_shipped_registers()
    registers = Organisation.objects.count()
    load_demo()
    assert_nothing_twice()
    interior = Organisation.objects.get(
        aliases__name="Ministry of Interior of the Republic of Serbia"
    )
    assert interior.name == "Ministarstvo unutrašnjih poslova"
    assert interior.requests_received.exists()  # the demo's request went to the register's body
    companies = Organisation.objects.count() - registers
    assert companies == len([s for s in ORGANISATIONS.values() if not s[3]]) - 1  # - the airport
