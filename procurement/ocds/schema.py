"""Offline validation against the OCDS 1.1.5 schema files shipped in procurement/ocds/schema/.

The four schema files are registered by their `id` in a `referencing.Registry`, so that no
reference is ever fetched from the network, and a FormatChecker (with rfc3339-validator and
rfc3987 installed) rejects malformed dates and URIs that would otherwise pass silently.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SCHEMA_FILES = (
    "release-schema.json",
    "release-package-schema.json",
    "record-package-schema.json",
    "versioned-release-validation-schema.json",
)


@cache
def schema(name: str) -> dict:
    """One of the schema files, parsed (e.g. "release-schema.json")."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    resources = [
        (schema(n)["id"], Resource.from_contents(schema(n), default_specification=DRAFT4))
        for n in SCHEMA_FILES
    ]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft4Validator:
    """A validator for a schema file; `release-schema.json` validates a single release."""
    return Draft4Validator(schema(name), registry=_registry(), format_checker=FormatChecker())


def package_errors(package: dict) -> list[ValidationError]:
    """Every schema error of a release package, or of a record package when it has `records`."""
    name = "record-package-schema.json" if "records" in package else "release-package-schema.json"
    return sorted(validator(name).iter_errors(package), key=lambda e: list(e.absolute_path))


def release_errors(release: dict) -> list[ValidationError]:
    """Every schema error of one release."""
    return sorted(
        validator("release-schema.json").iter_errors(release), key=lambda e: list(e.absolute_path)
    )
