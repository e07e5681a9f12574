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


@pytest.mark.django_db
def test_delete_needs_the_revision_read_and_keeps_the_history(api_as, reporter, unit):
    from tasks.pilot_models.models import PilotModel

    model = PilotModelFactory(unit=unit)
    client = api_as(reporter)
    url = f"/api/v1/pilot-models/{model.pk}/"
    assert client.delete(url).status_code == 428  # no If-Match: nothing deleted
    assert client.delete(url, HTTP_IF_MATCH=f'"{model.pk}-99"').status_code == 412  # stale
    assert PilotModel.objects.filter(pk=model.pk).exists()
    etag = client.get(url)["ETag"]
    assert client.delete(url, HTTP_IF_MATCH=etag).status_code == 204
    assert not PilotModel.objects.filter(pk=model.pk).exists()
    deleted = PilotModel.history.filter(id=model.pk, history_type="-").get()
    assert deleted.history_user == reporter
