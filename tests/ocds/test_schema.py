"""The shipped OCDS 1.1.5 schema validates offline, and catches what matters."""

import copy
import hashlib
import json

import pytest

from procurement.ocds.schema import SCHEMA_DIR, package_errors, release_errors
from tests import FIXTURES

EXAMPLES = FIXTURES / "ocds" / "examples"
# SHA-256 of the files of the official OCDS 1.1.5 schema release (Open Contracting
# Partnership, https://standard.open-contracting.org/1.1/en/, Apache-2.0).
OFFICIAL_1_1_5 = {
    "record-package-schema.json": (
        "ba7bc9acfc307b6f311a54a62f686f1d9e199e61712314f995a090b660168da1"
    ),
    "release-package-schema.json": (
        "06577cec73cc16eca0cac331a7ea9ee9cd684b21c55f5f0711f7442623153698"
    ),
    "release-schema.json": "fac192e1ccfb061f5164bdb2d64c29e517c0f81661996b97de40cebc55a2c1bc",
    "versioned-release-validation-schema.json": (
        "7b0271756c954eba16fdd1b364811aaf5381d23d057400b906a2aa978dc5cf84"
    ),
}


def test_shipped_schema_is_the_official_one():
    shipped = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in SCHEMA_DIR.glob("*.json")
    }
    assert shipped == OFFICIAL_1_1_5


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
