"""Validation of one release against the shipped OCDS 1.1.5 release schema, offline and fast.

jsonschema-rs (Rust) checks a release in microseconds, formats included (RFC 3339 dates:
"yesterday" fails), where the pure-Python validator of procurement.ocds.schema takes about a
millisecond; both read the same schema file, whose references are all internal.
"""

from functools import cache

import jsonschema_rs

from procurement.ocds.schema import schema

Kind = jsonschema_rs.ValidationErrorKind
Problem = tuple[str, str]  # (JSON path inside the release, message)


@cache
def _validator() -> jsonschema_rs.Draft4Validator:
    return jsonschema_rs.Draft4Validator(schema("release-schema.json"), validate_formats=True)


def json_path(parts) -> str:
    """["awards", 0, "value"] → "awards[0].value"."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _message(error) -> str:
    kind = error.kind
    if isinstance(kind, Kind.Enum):
        options = [o for o in kind.options if o is not None]
        allowed = ", ".join(map(str, options)) if len(options) <= 8 else "the codelist"
        return f"{error.instance!r} is not allowed here (allowed: {allowed})"
    if isinstance(kind, Kind.Format):
        return f"{error.instance!r} is not a valid {kind.format}"
    return error.message


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
