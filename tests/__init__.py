"""The test suite. Files the tests read are inside the repository, in tests/fixtures/
(tests/fixtures/README.md: where each comes from and its licence)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
