"""The Django admin for every model, split by subject."""

from . import foi, parties, records, system  # noqa: F401
