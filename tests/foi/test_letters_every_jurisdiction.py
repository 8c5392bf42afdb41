"""Issue 13, letters a lawyer would send: every letter of every jurisdiction (and BA level and
law version), route and language names its addressee, cites its article in the first
sentence, carries the request's facts and the complainant's address, agrees with the
authority's grammatical gender, and leaves no English template text in a non-English letter."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.template import Context, Template

from procurement.core.transliteration import latin_to_cyrillic
from procurement.foi.reference import letters as shipped
from procurement.foi.rules import letters
from procurement.foi.selectors.requests import letters_for
from procurement.models import FoiLaw, Organisation
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date
WORD = re.compile(r"[^\W\d_]{5,}")
# Words a non-English letter shares with the English one by right (loanwords, names).
SHARED = {"ombudsman"}

# The authority's name in each jurisdiction's language, and its gender ("nije postupilo").
AUTHORITIES = {
    "RS": ("Ministarstvo finansija", "n"),
    "BA": ("Agencija za javne nabavke", "f"),
    "BA-BIH": ("Federalno ministarstvo finansija", "n"),
    "BA-SRP": ("Grad Banja Luka", "m"),
    "ME": ("Uprava za saobraćaj", "f"),
    "MK": ("Министерство за финансии", "n"),
    "AL": ("Ministria e Financave", "f"),
    "XK": ("Ministria e Financave", "f"),
}
PAST = {"n": "postupilo", "f": "postupila", "m": "postupio"}


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def _request(org, editor, law):
    if law.effective_to:  # an older version: a request sent while it was in force
        sent_on = law.effective_to - timedelta(days=40)
    else:
        sent_on = max(law.effective_from or D(2026, 1, 5), D(2026, 1, 5))
    code = law.jurisdiction.code
    with time_machine.travel(at(sent_on) + timedelta(days=3), tick=False):
        info_request = sent(
            org,
            editor,
            sent_on,
            received_on=sent_on + timedelta(days=1),
            code=code,
            subject="Ugovori 2025",
            text="Spisak ugovora 2025.",
        )
        info_request = step(
            info_request, "acknowledged", sent_on + timedelta(days=2), reference_number="07-12/26"
        )
    name, _gender = AUTHORITIES[code]
    Organisation.objects.filter(pk=info_request.authority_id).update(name=name)
    info_request.authority.name = name
    info_request.decision_number = "03-45/26"
    info_request.decision_delivered_on = sent_on + timedelta(days=10)
    return info_request


def _expected_addressee(key, route, name, language, authority_name, appeal_body=""):
    data = shipped.ADDRESSEES[key, route]
    names = data["name"]
    expected = names.get(name) or names.get("sr") or names["en"]
    postal = data["postal"]
    if postal == shipped.AUTHORITY_ADDRESS:
        postal = None  # the authority has no address on record: a bracket
    if language in shipped.CYRILLIC:
        expected, postal = latin_to_cyrillic(expected), postal and latin_to_cyrillic(postal)
    values = {"authority": {"name": authority_name}, "decision_appeal_body": appeal_body}
    expected = Template(expected).render(Context(values, autoescape=False))
    return expected, postal, data["email"]


def test_every_letter_for_every_jurisdiction_route_and_language(reference):
    org = organisation()
    Organisation.objects.filter(pk=org.pk).update(postal_address="Kneza Miloša 10, 11000 Beograd")
    org.refresh_from_db()
    editor = member(org)
    today = D(2026, 9, 1)
    checked = set()
    for law in FoiLaw.objects.select_related("jurisdiction").order_by("pk"):
        templates = list(law.letter_templates.all())
        if law.response_days is None:  # Brčko: no FOI law of its own, nothing to cite
            assert templates == [], law
            continue
        key = shipped.law_key(law.jurisdiction.code, law.name)
        info_request = _request(org, editor, law)
        authority_name, gender = AUTHORITIES[law.jurisdiction.code]
        languages = {t.language for t in templates}
        assert languages == {*shipped.LANGUAGES[key], "en"}, law
        english = {
            (t.kind, t.route): letters.render(t, info_request, law, today)
            for t in templates
            if t.language == "en"
        }
        for template in templates:
            letter = letters.render(template, info_request, law, today)
            where = (key, template.kind, template.route, template.language)
            body = letter.body
            assert not letter.error and letter.subject, where
            assert "{{" not in body and "{%" not in body and "\n\n\n" not in body, where
            name = shipped.dialect(key, template.language)
            p = shipped.PHRASES[name]
            translit = latin_to_cyrillic if template.language in shipped.CYRILLIC else str
            # The request's facts and the complainant.
            written = [
                letters._written(info_request.sent_on, template.language),
                letters._written(info_request.received_on, template.language),
            ]
            for fact in [*written, "07-12/26", "Ugovori 2025", "Spisak ugovora 2025."]:
                assert fact in body, (where, fact)
            assert f"{org.name}, Kneza Miloša 10, 11000 Beograd" in body, where
            if template.kind in ("complaint_refusal", "complaint_classified"):
                assert "03-45/26" in body, where
                decided = letters._written(info_request.decision_delivered_on, template.language)
                assert decided in body, where
            # The legal basis in the first sentence: the article (or a bracket) and the law.
            law_name = shipped.LAW_NAMES[key].get(name) or shipped.LAW_NAMES[key].get("sr")
            law_name = law_name or shipped.LAW_NAMES[key]["en"]
            rule = "response" if template.kind == "reminder" else template.route
            basis = translit(p["basis"].format(art=shipped._article(p, key, rule), law=law_name))
            found = shipped.ARTICLES.get(key, {}).get(rule)
            assert basis in body, where
            facts_heading = translit(p["facts"])
            assert body.index(basis) < body.index(facts_heading), where
            if found:
                assert found[0] in body.split(basis)[0] + basis, where
            else:
                assert "[__]" in basis, where
            # The addressee, with its confirmed address or a bracket for the requester.
            if template.kind != "reminder":
                expected, postal, email = _expected_addressee(
                    key, template.route, name, template.language, authority_name
                )
                first = body.splitlines()[0]
                assert first == f"{translit(p['to'])}: {expected}", where
                if postal:
                    assert postal in body, where
                elif template.route != "objection":
                    assert translit(p["nc"]) in body, where
                if email:
                    assert email in body, where
            else:
                assert body.startswith(authority_name), where
            # Agreement with the authority's gender, in the Serbo-Croatian letters.
            if template.kind == "complaint_silence" and name in ("sr", "ij", "bs", "hr", "cnr"):
                assert f"{authority_name} {translit('do danas nije ' + PAST[gender])}" in body, (
                    where
                )
            # No English template text in a non-English letter.
            if template.language != "en":
                reference_letter = english[template.kind, template.route]
                local = shipped.ADDRESSEES.get((key, template.route), {}).get("name", {})
                allowed = words(" ".join(local.values())) | words(authority_name) | SHARED
                allowed |= words(
                    shipped.ADDRESSEES.get((key, template.route), {}).get("postal") or ""
                )
                allowed |= words(
                    shipped.ADDRESSEES.get((key, template.route), {}).get("email") or ""
                )
                allowed |= words(org.name) | words("Kneza Miloša Beograd Ugovori Spisak ugovora")
                leftover = (words(reference_letter.body + reference_letter.subject) - allowed) & (
                    words(body + letter.subject)
                )
                assert not leftover, (where, leftover)
            checked.add(where)
    # Every jurisdiction and BA level, both Montenegrin laws, and every route were rendered.
    assert {where[0] for where in checked} == set(shipped.LANGUAGES)
    assert {where[2] for where in checked} == {"appeal", "court", "objection", "ombudsman"}


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Ministarstvo finansija", "n"),
        ("Agencija za zaštitu životne sredine", "f"),
        ("Narodna skupština Republike Srbije", "f"),
        ("Grad Beograd", "m"),
        ("Republički fond za zdravstveno osiguranje", "m"),
        ("JP Elektroprivreda Srbije", "n"),
        ("Javno preduzeće Putevi Srbije", "n"),
        ("Министерство за финансии", "n"),
        ("Општина Центар", "f"),
        ("Управа за трезор", "f"),
        ("Ustavni sud", "m"),
    ],
)
def test_the_authoritys_gender_is_inferred_from_the_head_of_its_name(name, gender):
    assert letters.grammatical_gender(name) == gender
    assert letters.grammatical_gender(name, stored="m") == "m"  # the profile's choice wins


def test_serbias_top_bodies_get_a_court_action_and_fbih_an_objection_then_the_ombudsman(
    reference,
):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 1)), tick=False):
        government = sent(org, editor, D(2026, 1, 5), received_on=D(2026, 1, 6))
        Organisation.objects.filter(pk=government.authority_id).update(
            name="Vlada Republike Srbije"
        )
        government.authority.name = "Vlada Republike Srbije"
        fbih = sent(org, editor, D(2026, 1, 5), received_on=D(2026, 1, 6), code="BA-BIH")
    found = letters_for(government, D(2026, 3, 1))
    complaints = [lt for lt in found if lt.kind == "complaint_silence"]
    assert {lt.route for lt in complaints} == {"court"}
    assert complaints[0].language == "sr-latn"  # the first official language is the default
    assert complaints[0].body.startswith("Primalac: Upravni sud\n")
    assert "U skladu sa članom 22. stav 2. Zakona" in complaints[0].body
    assert "Vlada Republike Srbije do danas nije postupila" in complaints[0].body
    assert not any("Poverenik" in lt.body.splitlines()[0] for lt in complaints)
    found = [lt for lt in letters_for(fbih, D(2026, 3, 1)) if lt.kind == "complaint_silence"]
    assert [(lt.route, lt.language) for lt in found][:3] == [
        ("objection", "bs"),
        ("objection", "hr"),
        ("objection", "sr-latn"),
    ]
    assert [lt.route for lt in found] == ["objection"] * 4 + ["ombudsman"] * 4
    assert "PRIGOVOR" in found[0].body and "rukovodilac javnog organa" in found[0].body
    assert found[0].key == "complaint_silence-objection"


def test_the_compose_page_starts_from_these_letters_in_the_authoritys_language(reference):
    from procurement.foi.selectors import mail

    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 1)), tick=False):
        ministry = sent(org, editor, D(2026, 1, 5), received_on=D(2026, 1, 6))
        government = sent(org, editor, D(2026, 1, 5), received_on=D(2026, 1, 6))
        skopje = sent(org, editor, D(2026, 1, 5), received_on=D(2026, 1, 6), code="MK")
    Organisation.objects.filter(pk=government.authority_id).update(name="Vlada Srbije")
    government.authority.name = "Vlada Srbije"
    today = D(2026, 3, 1)
    assert mail.letter_languages(ministry) == ["sr-latn", "sr", "en"]
    assert mail.letter_languages(skopje) == ["mk", "en"]
    _subject, body = mail.composed(ministry, "complaint", "sr-latn", today)
    assert body.startswith("Primalac: Poverenik za informacije od javnog značaja")
    assert "U skladu sa članom 22. stav 1. Zakona" in body
    # Against a top body the complaint is a court action: drafted, never e-mailed.
    _subject, body = mail.composed(government, "complaint", "sr-latn", today)
    assert body.startswith("Primalac: Upravni sud")
    assert mail.recipients(government, "complaint") == []
    # The request letter in the authority's language, the legal basis first.
    draft_subject, draft_body = mail.composed(skopje, "reminder", "mk", today)
    assert draft_subject.startswith("Ургенција") and "Согласно член 21 став 1 од Законот" in (
        draft_body
    )


def test_the_letters_page_offers_the_official_language_first_and_english_beside(client, reference):
    from django.urls import reverse

    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 1)), tick=False):
        podgorica = sent(org, editor, D(2026, 1, 5), received_on=D(2026, 1, 6), code="ME")
        client.force_login(editor)
        html = client.get(reverse("request-letters", args=[podgorica.pk])).content.decode()
        download = client.get(
            reverse("request-letter-download", args=[podgorica.pk, "cnr", "complaint_silence"])
        )
    assert "· crnogorski" in html and "· English" in html
    assert html.index("· crnogorski") < html.index("· English")
    assert (
        html.count('<details class="letter"') == 4
    )  # reminder and complaint, each in both languages
    assert download.status_code == 200
    assert "Agencija za zaštitu ličnih podataka i slobodan pristup informacijama" in (
        download.content.decode()
    )


@pytest.mark.parametrize("key", ["BA-SRP", "BA-2000"])
def test_the_appeal_goes_to_the_body_the_decision_names(reference, key):
    """Republika Srpska and the BiH 2000 Act send the appeal to the deciding body's own second
    instance: no one body for the law, so the letter names the body the decision's
    instruction on legal remedy names (recorded with the decision step), through the body
    that decided; without it, a bracket for the requester."""
    org = organisation()
    editor = member(org)
    law = next(
        law
        for law in FoiLaw.objects.select_related("jurisdiction")
        if shipped.law_key(law.jurisdiction.code, law.name) == key
    )
    info_request = _request(org, editor, law)
    named = "Gradonačelnik Grada Banja Luka"
    for appeal_body in ("", named):
        info_request.decision_appeal_body = appeal_body
        for template in law.letter_templates.filter(kind="complaint_refusal"):
            body = letters.render(template, info_request, law, D(2026, 9, 1)).body
            first = body.splitlines()[0]
            where = (key, template.language, appeal_body)
            if appeal_body:
                assert named in first and "[" not in first, where
            else:
                assert "[" in first and named not in first, where
            through = {"en": "through the public body that decided"}.get(template.language)
            if through:
                assert first.endswith(through), where


def test_the_decision_step_records_the_appeal_body_it_names(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 2)), tick=False):
        info_request = sent(org, editor, D(2026, 3, 2), code="RS")
    with time_machine.travel(at(D(2026, 3, 12)), tick=False):
        info_request = step(
            info_request,
            "refused",
            D(2026, 3, 12),
            refusal_ground="Art. 9",
            decision_number="03-45/26",
            decision_appeal_body="  Vlada Republike Srpske  ",
        )
    info_request.refresh_from_db()
    assert info_request.decision_appeal_body == "Vlada Republike Srpske"
    assert info_request.decision_number == "03-45/26"


@pytest.mark.parametrize(("code", "asked"), [("BA-SRP", True), ("RS", False), ("BA-BIH", False)])
def test_the_step_form_asks_for_the_appeal_body_only_where_the_decision_names_it(
    reference, code, asked
):
    from procurement.foi.forms import StepForm

    law = FoiLaw.objects.filter(jurisdiction__code=code, effective_to__isnull=True).first()
    form = StepForm(step="refused", law=law)
    assert ("decision_appeal_body" in form.fields) is asked
    assert "decision_number" in form.fields  # every decision has its number
