"""Fixtures of the shared web plumbing's tests."""

import pytest

from tests.factories import ActivityFactory


@pytest.fixture
def activity(unit):
    return ActivityFactory(unit=unit, title="Bản gốc")
