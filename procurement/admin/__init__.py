"""The Django admin for every model, split by subject."""

from . import foi, mail, parties, records, system  # noqa: F401
