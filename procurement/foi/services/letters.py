"""Seeds the letter templates of every FOI law; never overwrites an admin's edits."""

from django.db import transaction

from procurement.foi.reference.letters import law_key, templates_for
from procurement.models import FoiLaw, LetterTemplate

Kind = LetterTemplate.Kind


def kinds_for(law) -> list[str]:
    """A reminder where the law sets a response period; complaints where it has an appeal
    route; no complaint about a classified refusal where the law does not cover classified
    information (Montenegro since 2017: the appeal body does not review it)."""
    kinds = [Kind.REMINDER] if law.response_days else []
    if law.appeal_days:
        kinds += [Kind.COMPLAINT_SILENCE, Kind.COMPLAINT_REFUSAL]
        if not law.classified_outside_law:
            kinds.append(Kind.COMPLAINT_CLASSIFIED)
    return kinds


def shipped_letters(law) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The letters shipped for `law`: (kind, route, language) → (subject, body)."""
    return templates_for(law_key(law.jurisdiction.code, law.name), [str(k) for k in kinds_for(law)])


def seed(law_model, template_model, edited=lambda template: True) -> int:
    """Create the missing letters of every law, and bring a shipped letter nobody edited
    (`edited` says False) up to the shipped text; return how many were created or updated.
    Takes the model classes so that the data migration uses the same code."""
    changed = 0
    for law in law_model.objects.select_related("jurisdiction"):
        for (kind, route, language), (subject, body) in shipped_letters(law).items():
            template, created = template_model.objects.get_or_create(
                law=law,
                kind=kind,
                route=route,
                language=language,
                defaults={"subject": subject, "body": body},
            )
            if created:
                changed += 1
            elif (template.subject, template.body) != (subject, body) and not edited(template):
                template.subject, template.body = subject, body
                template.save()
                changed += 1
    return changed


def reseed_in_migration(apps, schema_editor) -> None:
    """A data migration's step: create the missing letters and give shipped letters no admin
    edited (one history record: their creation) the text shipped now."""
    history = apps.get_model("procurement", "HistoricalLetterTemplate")

    def edited(template) -> bool:
        return history.objects.filter(id=template.pk).count() > 1

    seed(
        apps.get_model("procurement", "FoiLaw"),
        apps.get_model("procurement", "LetterTemplate"),
        edited,
    )


@transaction.atomic
def seed_letter_templates() -> int:
    """Create the missing letter templates of every law; return how many were created."""
    return seed(FoiLaw, LetterTemplate)
