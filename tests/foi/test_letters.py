"""Letter templates: seeded for every law with an appeal route, filled with the request's facts."""

from datetime import date, timedelta

import pytest
import time_machine

from procurement.foi.rules import letters
from procurement.foi.selectors.requests import letters_for
from procurement.foi.services.letters import seed_letter_templates
from procurement.models import FoiLaw, LetterTemplate
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date
ALL = {"reminder", "complaint_silence", "complaint_refusal", "complaint_classified"}


def test_every_law_with_an_appeal_route_has_its_letters(reference):
    for law in FoiLaw.objects.select_related("jurisdiction"):
        kinds = set(law.letter_templates.filter(language="en").values_list("kind", flat=True))
        if law.appeal_days and not law.classified_outside_law:
            assert kinds == ALL, law
        elif law.appeal_days:  # Montenegro: the Agency does not review classified refusals
            assert kinds == ALL - {"complaint_classified"}, law
        else:  # Brčko (court only), Montenegro 2025 (periods unknown): nothing to cite yet
            assert "complaint_silence" not in kinds, law
    serbia = FoiLaw.objects.get(jurisdiction__code="RS")
    # A reminder, and each complaint twice: to the Commissioner, and the court action.
    assert serbia.letter_templates.filter(language="sr-latn").count() == 7
    assert serbia.letter_templates.filter(language="sr", route="court").count() == 3


def test_seeding_never_overwrites_an_admins_edit(reference):
    template = LetterTemplate.objects.filter(kind="reminder", language="en").first()
    template.body = "Edited by an admin."
    template.save()
    assert seed_letter_templates() == 0
    template.refresh_from_db()
    assert template.body == "Edited by an admin."


@pytest.fixture
def classified_request(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 2, 20)), tick=False):
        info_request = sent(
            org, editor, D(2026, 1, 30), received_on=D(2026, 1, 31), subject="Safe City contract"
        )
        step(info_request, "acknowledged", D(2026, 2, 2), reference_number="07-12/26")
        return step(
            info_request,
            "classified",
            D(2026, 2, 16),
            classification_level="STROGO POVERLJIVO",
            classification_article="Art. 45 of the Data Secrecy Law",
            harm_test_given=False,
        )


def test_classified_complaint_is_filled_with_the_facts(classified_request):
    found = letters_for(classified_request, D(2026, 2, 20))
    # The official languages first (Latin is the default), English beside them.
    assert [(lt.kind, lt.language) for lt in found] == [
        ("complaint_classified", "sr-latn"),
        ("complaint_classified", "sr"),
        ("complaint_classified", "en"),
    ]
    serbian, cyrillic, english = found
    assert (
        english.subject
        == f"Complaint: {classified_request.authority.name} refused information as classified"
    )
    body = english.body
    assert body.startswith("To: Commissioner for Information of Public Importance")
    assert "Bulevar kralja Aleksandra 15, 11120 Beograd\nE-mail: office@poverenik.rs" in body
    assert "Under Article 22(1) of the Law on Free Access to Information" in body
    assert "— sent on: 30 January 2026" in body
    assert "— reference number: 07-12/26" in body
    assert "“STROGO POVERLJIVO”, citing Art. 45 of the Data Secrecy Law" in body
    assert "does not show that the harm of disclosure was weighed" in body
    assert "Please send the contracts and their annexes." in body
    assert "{{" not in body and "{%" not in body and "\n\n\n" not in body
    assert "Primalac: Poverenik za informacije od javnog značaja" in serbian.body
    assert "30. 1. 2026." in serbian.body and "30. 1. 2026.." not in serbian.body
    assert "Prema članu 9. tačka 5) Zakona" in serbian.body
    assert "Прималац: Повереник за информације од јавног значаја" in cyrillic.body


def test_every_seeded_template_renders_for_every_law(reference):
    org = organisation()
    editor = member(org)
    for law in FoiLaw.objects.exclude(response_days=None).select_related("jurisdiction"):
        if law.effective_to:  # an older version: a request sent while it was in force
            sent_on = law.effective_to - timedelta(days=30)
        else:
            sent_on = max(law.effective_from or D(2026, 1, 5), D(2026, 1, 5))
        with time_machine.travel(at(sent_on) + timedelta(days=60), tick=False):
            info_request = sent(org, editor, sent_on, code=law.jurisdiction.code)
        assert info_request.law == law
        for template in law.letter_templates.all():
            letter = letters.render(template, info_request, law, D(2026, 3, 1))
            assert not letter.error and letter.subject, (law, template.kind)
            assert info_request.authority.name in letter.body, (law, template.kind)
            assert org.name in letter.body and "{{" not in letter.body


def test_relevant_letters_follow_the_situation():
    today = D(2026, 3, 1)
    assert letters.relevant_kinds("sent", D(2026, 3, 5), today, False) == ["reminder"]
    assert letters.relevant_kinds("sent", D(2026, 2, 18), today, False) == [
        "reminder",
        "complaint_silence",
    ]
    assert letters.relevant_kinds("partially_answered", None, today, False) == ["complaint_refusal"]
    assert letters.relevant_kinds("classified", None, today, False) == ["complaint_classified"]
    assert letters.relevant_kinds("classified", None, today, True) == []  # Montenegro
    assert letters.relevant_kinds("answered", None, today, False) == []


def test_a_broken_template_says_so_instead_of_failing(classified_request):
    template = LetterTemplate.objects.get(
        law=classified_request.law, kind="complaint_classified", route="appeal", language="en"
    )
    template.body = "Dear {% if %}"
    template.save()
    classified_request.refresh_from_db()
    letter = letters.render(template, classified_request, classified_request.law, D(2026, 2, 20))
    assert letter.error.startswith("This letter template has an error") and not letter.body


def test_dates_in_the_regions_style_are_punctuated_once():
    """Issue 13: "18. 3. 2026." ends a sentence without a second full stop."""
    assert letters.once_punctuated("istekao je 18. 3. 2026..") == "istekao je 18. 3. 2026."
    assert letters.once_punctuated("od 18. 3. 2026. godine.") == "od 18. 3. 2026. godine."
    assert letters.once_punctuated("Version 1.2.2026..") == "Version 1.2.2026.."
