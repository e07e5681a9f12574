"""Fixtures of the accounts tests."""

import pytest

from tests.accounts.otp import stopped_clock


@pytest.fixture
def clock():
    yield from stopped_clock()
