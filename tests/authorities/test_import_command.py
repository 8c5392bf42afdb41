"""manage.py import_authorities: rows it cannot use are reported by line and reason, a file it
cannot read writes nothing, and rows match what is on record before anything is created."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from procurement.models import (
    AuditLog,
    AuthorityProposal,
    Jurisdiction,
    Organisation,
    OrganisationAlias,
    OrganisationIdentifier,
)
from tests.factories import AuthorityFactory, CivilSocietyFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

HEADER = (
    "name,other_script_name,aliases,kind,parent,registry_id,foi_email,postal_address,website,source"
)
SRC = "https://example.gov.rs/list"


def register(tmp_path, *rows: str, header: str = HEADER, name: str = "register.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run(path, *args: str) -> tuple[str, str, str | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_authorities", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def test_rows_it_cannot_use_are_listed_and_the_others_load(tmp_path):
    path = register(
        tmp_path,
        "Ministarstvo zdravlja,Министарство здравља,Ministry of Health,ministry,,,"
        f"jz@zdravlje.gov.rs,,,{SRC}",
        f"Dom zdravlja,,,bakery,,,,,,{SRC}",
        f"Institut,,,agency,Ministarstvo zdravlja,,,,,{SRC}",
        f"Zavod,,,agency,Nepoznato ministarstvo,,,,,{SRC}",
        f"Odsek zavoda,,,agency,Zavod,,,,,{SRC}",
    )
    out, err, error = run(path, "--jurisdiction", "RS")
    assert error == "3 row(s) could not be used."
    assert f"{path}: line 3: unknown kind 'bakery'" in err
    assert f"{path}: line 5: parent 'Nepoznato ministarstvo' is neither" in err
    assert f"{path}: line 6: parent 'Zavod' is neither" in err  # its parent was not used
    assert "2 created, 0 updated, 0 unchanged, 3 not used" in out
    institute = Organisation.objects.get(name="Institut")
    assert institute.parent.name == "Ministarstvo zdravlja"
    assert institute.jurisdiction.code == "RS" and institute.country == "RS"
    assert institute.source_url == SRC and institute.register_status == "confirmed"
    audit = AuditLog.objects.get(action="authorities.register_imported")
    assert audit.details == {
        "jurisdiction": "RS",
        "file": "register.csv",
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "problems": 3,
    }


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (f"{HEADER},fax\nX,,,city,,,,,,{SRC},1", ["--jurisdiction", "RS"], "Unknown column(s) fax"),
        ("name,kind\nX,city", ["--jurisdiction", "RS"], "Missing column(s): source"),
        (f"{HEADER}\nX,,,city,,,,,,{SRC}", ["--jurisdiction", "FR"], "Unknown jurisdiction FR"),
        (
            f"{HEADER}\nX,,,city,,,,,,{SRC}",
            ["--jurisdiction", "RS", "--level", "SRP"],
            "Only Bosnia",
        ),
        ("", ["--jurisdiction", "RS"], "The file is empty."),
    ],
)
def test_a_bad_file_writes_nothing(tmp_path, content, args, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = Organisation.objects.count()
    error = run(path, *args)[2]
    assert message in error and error.endswith("Nothing was written.")
    assert Organisation.objects.count() == before
    assert not AuditLog.objects.filter(action="authorities.register_imported").exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    assert "No such file" in run(tmp_path / "nope.csv", "--jurisdiction", "RS")[2]


def test_dry_run_and_strict_write_nothing(tmp_path):
    path = register(tmp_path, f"Grad Niš,,,city,,,,,,{SRC}", f"X,,,bakery,,,,,,{SRC}")
    out, err, _error = run(path, "--jurisdiction", "RS", "--dry-run")
    assert "1 created, 0 updated, 0 unchanged, 1 not used — nothing written (dry run)" in out
    out, err, _ = run(path, "--jurisdiction", "RS", "--strict")
    assert "nothing written (--strict)" in out and "line 3: unknown kind" in err
    assert not Organisation.objects.filter(name="Grad Niš").exists()
    path = register(tmp_path, f"Grad Niš,,,city,,,,,,{SRC}")
    assert run(path, "--jurisdiction", "RS", "--strict")[2] is None
    assert Organisation.objects.filter(name="Grad Niš").exists()


def test_a_row_matches_by_registry_id_then_name_then_alias_and_keeps_the_name(tmp_path):
    by_id = AuthorityFactory(name="Telekom Serbia (old name)")
    OrganisationIdentifier.objects.create(organisation=by_id, scheme="RS-MB", identifier="17162543")
    by_name = OrganisationFactory(name="Grad Novi Sad d.o.o.", kind="company", country="")
    by_alias = AuthorityFactory(name="Ministry of Finance of Serbia")
    OrganisationAlias.objects.create(
        organisation=by_alias, name="Ministarstvo finansija", script="latn"
    )
    CivilSocietyFactory(name="Ministarstvo pravde")  # civil society is never an authority
    path = register(
        tmp_path,
        f"Telekom Srbija a.d.,Телеком Србија а.д.,,state_company,,17162543,,,https://mts.rs,{SRC}",
        f"Grad Novi Sad,Град Нови Сад,,city,,,,,,{SRC}",
        f"Ministarstvo finansija,Министарство финансија,Ministry of Finance,ministry,,,,,,{SRC}",
        f"Ministarstvo pravde,,,ministry,,,,,,{SRC}",
    )
    out, _err, error = run(path, "--jurisdiction", "RS")
    assert error is None and "1 created, 3 updated" in out
    by_id.refresh_from_db()
    assert by_id.name == "Telekom Serbia (old name)" and by_id.website == "https://mts.rs"
    assert by_id.authority_type == "state_company"
    assert set(by_id.aliases.values_list("name", "script")) == {
        ("Telekom Srbija a.d.", "latn"),
        ("Телеком Србија а.д.", "cyrl"),
    }
    by_name.refresh_from_db()  # legal form stripped; a company becomes an authority
    assert by_name.jurisdiction.code == "RS" and by_name.country == "RS"
    assert by_name.kind == "public_authority" and by_name.authority_type == "city"
    by_alias.refresh_from_db()
    assert by_alias.name == "Ministry of Finance of Serbia"
    assert by_alias.aliases.filter(name="Ministry of Finance").exists()
    assert Organisation.objects.filter(name="Ministarstvo pravde").count() == 2
    assert "ministarstvo finansija" in by_alias.search_key
    out = run(path, "--jurisdiction", "RS")[0]  # idempotent
    assert "0 created, 0 updated, 4 unchanged, 0 not used" in out


def test_conflicts_with_what_is_on_record_are_reported(tmp_path):
    srpska = Jurisdiction.objects.get(code="BA-SRP")
    AuthorityFactory(name="Ministarstvo pravde Republike Srpske", jurisdiction=srpska, country="BA")
    one = AuthorityFactory(name="Zavod A", country="RS")
    two = AuthorityFactory(name="Zavod B", country="RS")
    OrganisationAlias.objects.create(organisation=one, name="ZZZ", script="latn")
    OrganisationAlias.objects.create(organisation=two, name="ZZZ", script="latn")
    holder = AuthorityFactory(name="Holder")
    OrganisationIdentifier.objects.create(organisation=holder, scheme="RS-MB", identifier="1")
    path = register(
        tmp_path,
        f"Ministarstvo pravde Republike Srpske,,,ministry,,,,,,{SRC},BIH",
        f"Nešto,,,ministry,,,,,,{SRC},BIH",
        header=HEADER + ",level",
    )
    _out, err, _error = run(path, "--jurisdiction", "BA")
    assert "line 2: organisation #" in err and "is on record under BA-SRP, not BA-BIH" in err
    path = register(
        tmp_path,
        f"Zavod C,,ZZZ,agency,,,,,,{SRC}",
        f"Zavod A,,,agency,,2,,,,{SRC}",
        f"Zavod D,,Zavod A,agency,,,,,,{SRC}",
        f"Zavod B,,,agency,,1,,,,{SRC}",
    )
    err = run(path, "--jurisdiction", "RS")[1]
    assert f"line 2: its names match several organisations on record: #{one.pk}, #{two.pk}" in err
    assert f"line 4: names the same organisation (#{one.pk}) as line 3" in err
    assert f"line 5: registry id 1 belongs to #{holder.pk}, but its name to #{two.pk}" in err
    assert OrganisationIdentifier.objects.get(identifier="2").organisation == one


def test_bosnia_and_herzegovina_by_level(tmp_path):
    path = register(
        tmp_path,
        f"Vlada Brčko distrikta,,,government_office,,,,,,{SRC},",
        f"Skupština Brčko distrikta,,,parliament,,,,,,{SRC},BRC",
        header=HEADER + ",level",
    )
    out, _, error = run(path, "--jurisdiction", "BA", "--level", "BRC")
    assert error is None and "2 created" in out
    codes = set(
        Organisation.objects.filter(name__contains="Brčko distrikta").values_list(
            "jurisdiction__code", flat=True
        )
    )
    assert codes == {"BA-BRC"}


def test_a_new_address_is_no_longer_suspect_and_a_listed_proposal_is_confirmed(tmp_path):
    old = AuthorityFactory(
        name="Grad Kruševac",
        foi_email="old@krusevac.rs",
        foi_email_suspect=True,
        foi_email_suspect_reason="550 user unknown",
    )
    proposed = AuthorityFactory(name="Grad Pančevo", register_status="proposed")
    proposal = AuthorityProposal.objects.create(
        organisation=proposed,
        name="Grad Pančevo",
        jurisdiction=proposed.jurisdiction,
        source_url=SRC,
        proposed_by_organisation=CivilSocietyFactory(),
    )
    path = register(
        tmp_path,
        f"Grad Kruševac,,,city,,,new@krusevac.rs,,,{SRC}",
        f"Grad Pančevo,,,city,,,,,,{SRC}",
    )
    assert run(path, "--jurisdiction", "RS")[2] is None
    old.refresh_from_db()
    assert (old.foi_email, old.foi_email_suspect, old.foi_email_suspect_reason) == (
        "new@krusevac.rs",
        False,
        "",
    )
    proposed.refresh_from_db()
    proposal.refresh_from_db()
    assert proposed.register_status == "confirmed"
    assert proposal.state == "confirmed" and proposal.decided_at is not None


def test_the_shipped_registers_by_one_command():
    out, err, error = run("--shipped", "--dry-run")  # PATH left out: the first argument
    assert error is None and err == ""
    assert "RS.csv (RS): " in out and "XK.csv (XK): " in out
    assert out.count("nothing written (dry run)") == 6
    assert not Organisation.objects.filter(name="Ministarstvo zdravlja").exists()


@pytest.mark.parametrize(
    "args",
    [[], ["x.csv"], ["--jurisdiction", "RS"], ["x.csv", "--jurisdiction", "RS", "--shipped"]],
)
def test_what_to_load_must_be_said_once(args):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Give PATH and --jurisdiction"):
        call_command("import_authorities", *args, stdout=out, stderr=err)
