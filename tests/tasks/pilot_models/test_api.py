"""The pilot models API (tasks/pilot_models/api.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PilotModelFactory


@pytest.mark.parametrize(("endpoint", "factory"), [("pilot-models", PilotModelFactory)])
def test_list_query_count_does_not_grow(api_as, reviewer, unit, endpoint, factory):
    client = api_as(reviewer)
    counts = []
    for extra in (2, 30):
        factory.create_batch(extra, unit=unit)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/api/v1/{endpoint}/?page_size=100")
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
