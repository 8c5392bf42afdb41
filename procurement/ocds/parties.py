"""The parties of an exported release: each organisation once, with all its roles.

A party's id is its first registry identifier (`<scheme>-<identifier>`); an organisation
without one is named by its folded name (`ptwb-org-<name>`), which an import of the release
matches again by name, so that the id survives a round trip through another database.
Further identifiers go in `additionalIdentifiers`.
"""

from django_countries import countries

from procurement.core.folding import fold
from procurement.models import Organisation


def clean(data: dict) -> dict:
    """Drop empty fields: OCDS omits what is unknown rather than writing null or ""."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def party_id(organisation: Organisation) -> str:
    identifiers = list(organisation.identifiers.all())
    if identifiers:
        return f"{identifiers[0].scheme}-{identifiers[0].identifier}"
    name = fold(organisation.name).replace(" ", "-")
    return f"ptwb-org-{name or organisation.pk}"


def _identifier(identifier) -> dict:
    return clean(
        {
            "scheme": identifier.scheme,
            "id": identifier.identifier,
            "legalName": identifier.legal_name,
        }
    )


class Parties:
    """Parties of one release, each once, with all its roles."""

    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}

    def add(self, organisation: Organisation, role: str) -> dict:
        """Record `role` for the organisation; returns its OrganizationReference."""
        key = party_id(organisation)
        if key not in self.entries:
            identifiers = [_identifier(i) for i in organisation.identifiers.all()]
            country = countries.name(organisation.country) if organisation.country else ""
            self.entries[key] = clean(
                {
                    "id": key,
                    "name": organisation.name,
                    "identifier": identifiers[0] if identifiers else None,
                    "additionalIdentifiers": identifiers[1:],
                    "address": {"countryName": str(country)} if country else None,
                }
            )
            self.entries[key]["roles"] = []
        if role not in self.entries[key]["roles"]:
            self.entries[key]["roles"].append(role)
        return {"id": key, "name": organisation.name}
