"""Fixtures of the workspace tests: a fixed today (a Monday) and an organisation's editor."""

import pytest
import time_machine

from tests.foi.builders import at, member, organisation
from tests.foi.workspace.world import TODAY


@pytest.fixture
def today():
    with time_machine.travel(at(TODAY), tick=False):
        yield TODAY


@pytest.fixture
def team():
    """An organisation and one of its editors."""
    org = organisation()
    return org, member(org)
