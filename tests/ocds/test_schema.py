"""The shipped OCDS 1.1.5 schema validates offline, and catches what matters."""

import copy
import json

import pytest

from procurement.ocds.schema import SCHEMA_DIR, package_errors, release_errors
from tests.processes import shared_dir

EXAMPLES = shared_dir() / "ocds" / "examples"


def test_shipped_schema_is_the_official_one():
    shared = shared_dir() / "ocds" / "schema-1__1__5"
    for path in shared.glob("*.json"):
        assert (SCHEMA_DIR / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_examples_validate(path):
    assert package_errors(json.loads(path.read_text())) == []


def test_bad_values_are_caught():
    package = json.loads((EXAMPLES / "direct-award-under-agreement.json").read_text())
    release = package["releases"][0]
    assert release_errors(release) == []
    for path, value in [
        (("awards", 0, "value", "currency"), "EURO"),
        (("date",), "yesterday"),
        (("tender", "procurementMethod"), "negotiated"),
    ]:
        broken = copy.deepcopy(release)
        target = broken
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        errors = release_errors(broken)
        assert errors, path
        assert list(errors[0].absolute_path) == list(path)
    del release["ocid"]
    assert any("'ocid' is a required property" in e.message for e in release_errors(release))
