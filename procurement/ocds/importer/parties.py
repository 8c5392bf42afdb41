"""Which existing organisation (or agreement) an imported party (or rationale) is.

Organisations match by any registry identifier first, then by name key (folded, legal form
stripped: procurement.awards.names) against names, aliases and identifiers' legal
names. The index is loaded once per import and then only tops itself up with rows created
since (by this import or anyone else), so a batch costs a few queries, not one per party.
"""

from django.db import connection

from procurement.awards.names import name_key
from procurement.core.folding import fold
from procurement.models import Agreement, Organisation, OrganisationAlias, OrganisationIdentifier

from .data import PartyData

# Serialises the "find, else create" of organisations between concurrent imports.
_ADVISORY_LOCK = 0x0CD5_0001


def lock_organisations_in_transaction() -> None:
    """Inside a transaction: wait until no other import is creating organisations."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])


class OrganisationIndex:
    """Organisation ids by (scheme, identifier) and by name key; journaled so that the
    entries of a rolled-back batch can be taken out again."""

    def __init__(self) -> None:
        self.by_identifier: dict[tuple[str, str], int] = {}
        self.by_key: dict[str, int] = {}
        self.max_id = 0
        self.max_identifier_id = 0
        self.max_alias_id = 0
        self._journal: list[tuple[dict, object]] = []

    def top_up(self) -> None:
        """Add organisations, aliases and identifiers written since the last look."""
        for pk, name in (
            Organisation.objects.filter(pk__gt=self.max_id).order_by("pk").values_list("pk", "name")
        ):
            self._set(self.by_key, name_key(name), pk)
            self.max_id = pk
        aliases = OrganisationAlias.objects.filter(pk__gt=self.max_alias_id).order_by("pk")
        for pk, organisation_id, name in aliases.values_list("pk", "organisation_id", "name"):
            self._set(self.by_key, name_key(name), organisation_id)
            self.max_alias_id = pk
        identifiers = OrganisationIdentifier.objects.filter(pk__gt=self.max_identifier_id)
        for pk, organisation_id, scheme, identifier, legal_name in identifiers.order_by(
            "pk"
        ).values_list("pk", "organisation_id", "scheme", "identifier", "legal_name"):
            self._set(self.by_identifier, (scheme, identifier), organisation_id)
            if legal_name:
                self._set(self.by_key, name_key(legal_name), organisation_id)
            self.max_identifier_id = pk
        self._journal.clear()  # rows in the database are never taken out

    def find(self, party: PartyData) -> int | None:
        for scheme, identifier, _legal in party.identifiers:
            if (scheme, identifier) in self.by_identifier:
                return self.by_identifier[(scheme, identifier)]
        for name in (party.name, *(legal for _s, _i, legal in party.identifiers if legal)):
            if name_key(name) in self.by_key:
                return self.by_key[name_key(name)]
        return None

    def add(self, organisation_id: int, party: PartyData) -> None:
        for scheme, identifier, legal in party.identifiers:
            self._set(self.by_identifier, (scheme, identifier), organisation_id)
            if legal:
                self._set(self.by_key, name_key(legal), organisation_id)
        self._set(self.by_key, name_key(party.name), organisation_id)

    def mark(self) -> int:
        return len(self._journal)

    def rollback_to(self, mark: int) -> None:
        while len(self._journal) > mark:
            mapping, key = self._journal.pop()
            mapping.pop(key, None)

    def _set(self, mapping: dict, key, organisation_id: int) -> None:
        if key and key not in mapping:  # the first (oldest) organisation keeps a shared key
            mapping[key] = organisation_id
            self._journal.append((mapping, key))


class AgreementIndex:
    """Agreements by folded title: a rationale that names one links the award to it."""

    def __init__(self) -> None:
        self.titles: list[tuple[str, int]] = []
        self.search_keys: dict[int, str] = {}
        rows = Agreement.objects.values_list("pk", "title", "short_title", "search_key")
        for pk, title, short_title, search_key in rows:
            self.titles += [(fold(t), pk) for t in (title, short_title) if len(fold(t)) >= 12]
            self.search_keys[pk] = search_key
        self.titles.sort(key=lambda item: -len(item[0]))  # the most specific title first

    def find(self, text: str) -> int | None:
        folded = f" {fold(text)} "
        return next((pk for title, pk in self.titles if f" {title} " in folded), None)
