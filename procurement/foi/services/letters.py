"""Seeds the letter templates of every FOI law; never overwrites an admin's edits."""

from django.db import transaction

from procurement.foi.reference.letters import LETTERS, LETTERS_BY_JURISDICTION
from procurement.models import FoiLaw, LetterTemplate

Kind = LetterTemplate.Kind


def kinds_for(law: FoiLaw) -> list[str]:
    """A reminder where the law sets a response period; complaints where it has an appeal
    route; no complaint about a classified refusal where the law does not cover classified
    information (Montenegro since 2017: the appeal body does not review it)."""
    kinds = [Kind.REMINDER] if law.response_days else []
    if law.appeal_days:
        kinds += [Kind.COMPLAINT_SILENCE, Kind.COMPLAINT_REFUSAL]
        if not law.classified_outside_law:
            kinds.append(Kind.COMPLAINT_CLASSIFIED)
    return kinds


@transaction.atomic
def seed_letter_templates() -> int:
    """Create the missing letter templates of every law; return how many were created."""
    created = 0
    for law in FoiLaw.objects.select_related("jurisdiction"):
        languages = {**LETTERS, **LETTERS_BY_JURISDICTION.get(law.jurisdiction.code, {})}
        for kind in kinds_for(law):
            for language, templates in languages.items():
                subject, body = templates[kind]
                _, was_created = LetterTemplate.objects.get_or_create(
                    law=law,
                    kind=kind,
                    language=language,
                    defaults={"subject": subject, "body": body},
                )
                created += was_created
    return created
