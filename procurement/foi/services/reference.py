"""Seeds the jurisdictions and FOI laws the tracker ships with; never overwrites admin edits."""

from django.db import transaction

from procurement.awards.services.search_keys import refresh_organisation_keys
from procurement.foi.reference.foi_laws import APPEAL_BODIES, JURISDICTIONS, LAWS
from procurement.foi.services.letters import seed_letter_templates
from procurement.models import FoiLaw, Jurisdiction, Organisation, OrganisationAlias


@transaction.atomic
def seed_reference() -> dict[str, int]:
    """Create the missing jurisdictions, appeal bodies and laws; existing rows stay as edited."""
    created = {"jurisdictions": 0, "laws": 0, "appeal_bodies": 0}
    by_code: dict[str, Jurisdiction] = {}
    for code, name, country, level, parent, subdivision in JURISDICTIONS:
        jurisdiction, was_created = Jurisdiction.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "country": country,
                "level": level,
                "parent": by_code.get(parent) if parent else None,
                "holiday_country": country,
                "holiday_subdivision": subdivision,
                "holiday_categories": ["public"],
                # Religious feasts are days off for believers, not closed days (issue 13).
                "religious_holidays_closed": country != "BA",
            },
        )
        by_code[code] = jurisdiction
        created["jurisdictions"] += was_created

    bodies: dict[str, Organisation] = {}
    for code, (name, aliases) in APPEAL_BODIES.items():
        body, was_created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": Organisation.Kind.PUBLIC_AUTHORITY,
                "country": by_code[code].country,
                "jurisdiction": by_code[code],
            },
        )
        for alias, script in aliases:
            OrganisationAlias.objects.get_or_create(
                organisation=body, name=alias, defaults={"script": script}
            )
        bodies[code] = body
        created["appeal_bodies"] += was_created
    refresh_organisation_keys(body.pk for body in bodies.values())

    for spec in LAWS:
        fields = dict(spec)
        code = fields.pop("jurisdiction")
        body = bodies.get(code)
        if "appeal_body" in fields:
            body = None  # a route of its own (an older law, an entity's appeal body)
        fields.setdefault("appeal_body", body.name if body else "")
        fields["appeal_body_organisation"] = body
        _, was_created = FoiLaw.objects.get_or_create(
            jurisdiction=by_code[code], name=fields.pop("name"), defaults=fields
        )
        created["laws"] += was_created
    created["letter_templates"] = seed_letter_templates()
    return created
