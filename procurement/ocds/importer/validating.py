"""Validation of one release against the shipped OCDS 1.1.5 release schema, offline and fast.

jsonschema-rs (Rust) checks a release in microseconds, formats included (RFC 3339 dates:
"yesterday" fails), where the pure-Python validator of procurement.ocds.schema takes about a
millisecond; both read the same schema file, whose references are all internal.
"""

import re
from functools import cache

import jsonschema_rs

from procurement.ocds.schema import schema

Kind = jsonschema_rs.ValidationErrorKind
Problem = tuple[str, str]  # (JSON path inside the release, message)
VALUE_CHARACTERS = 200  # of an offending value quoted in a message; the rest is "…"
# A message that starts with the offending value: the value, then what is wrong with it.
_VALUE_FIRST = re.compile(r"(?s)^(.*?)( (?:is|has|does|should|must) [^\[\]{}]*)$")


@cache
def _validator() -> jsonschema_rs.Draft4Validator:
    return jsonschema_rs.Draft4Validator(schema("release-schema.json"), validate_formats=True)


def json_path(parts) -> str:
    """["awards", 0, "value"] → "awards[0].value"."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def shorten(text: str, limit: int = VALUE_CHARACTERS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _codelist(schema_path) -> str:
    """The name of the codelist the failing keyword belongs to ("releaseTag"), if any."""
    node, nodes = schema("release-schema.json"), []
    for part in list(schema_path)[:-1]:
        node = node[part]
        nodes.append(node)
    for node in reversed(nodes):
        if isinstance(node, dict) and node.get("codelist"):
            return str(node["codelist"]).removesuffix(".csv")
    return ""


def _message(error) -> str:
    kind = error.kind
    if isinstance(kind, Kind.Enum):
        value = shorten(repr(error.instance))
        codelist = _codelist(error.schema_path)
        options = [o for o in kind.options if o is not None]
        allowed = f" (allowed: {', '.join(map(str, options))})" if len(options) <= 8 else ""
        if codelist:
            return f"{value} is not in {codelist}{allowed}"
        return f"{value} is not allowed here{allowed or ' (allowed: the codelist)'}"
    if isinstance(kind, Kind.Format):
        return f"{shorten(repr(error.instance))} is not a valid {kind.format}"
    message = error.message
    found = _VALUE_FIRST.match(message) if len(message) > VALUE_CHARACTERS else None
    if found:
        return shorten(found.group(1)) + found.group(2)
    return shorten(message, 2 * VALUE_CHARACTERS)


def release_problems(release: dict) -> list[Problem]:
    """Every schema error of `release`, as (path, message); empty when it is valid."""
    validator = _validator()
    if validator.is_valid(release):
        return []
    problems = []
    for error in validator.iter_errors(release):
        parts = list(error.instance_path)
        if isinstance(error.kind, Kind.Required):
            parts.append(error.kind.property)
        problems.append((json_path(parts), _message(error)))
    return sorted(set(problems))
