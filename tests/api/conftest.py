"""The API tests read the award history the award tests build."""

from tests.awards.conftest import fresh_cache, history  # noqa: F401
