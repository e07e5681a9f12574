"""The read-only API rows written out (config/api_rows.py) give exactly what DRF's fields give:
the same keys in the same order, the same values and types (compared as the JSON sent)."""

import json
from datetime import UTC, date, datetime

from django.utils import timezone

from accounts.models import Unit
from accounts.serializers import UnitRefSerializer
from config.api_rows import api_choice, fields_of
from tasks.activities.models import Evidence
from tasks.activities.serializers import ActivitySerializer, EvidenceSerializer
from tasks.obligations.models import Obligation, ProgressStatus
from tasks.obligations.serializers import DeliverableRefSerializer, ObligationSerializer, TaskRefSerializer
from tests.factories import ActivityFactory, task


def same_json(serializer, instance) -> None:
    written = json.dumps(serializer.to_representation(instance), ensure_ascii=False)
    assert written == json.dumps(fields_of(serializer, instance), ensure_ascii=False)


def test_an_activity_and_its_evidence_as_drf_writes_them(db):
    activity = ActivityFactory(end_date=date(2024, 5, 12), topics=["constitution"], target_groups=["youth", "public"])
    ActivityFactory(target_groups=[])  # none: an empty list
    Evidence.objects.create(
        activity=activity,
        file="minh-chung/a.pdf",
        original_name="Biên bản.pdf",
        content_type="application/pdf",
        size=1234,
        sha256="ab" * 32,
    )
    for one in ActivitySerializer.Meta.model.objects.all():
        same_json(ActivitySerializer(), one)
        for evidence in one.evidence.all():
            same_json(EvidenceSerializer(), evidence)
        same_json(TaskRefSerializer(), one.task)
    for unit in Unit.objects.all()[:20]:
        same_json(UnitRefSerializer(), unit)


def test_obligations_as_drf_writes_them(db, plan):
    done = Obligation.objects.filter(deliverable__plan=plan).first()
    done.status, done.completed_at = ProgressStatus.COMPLETED, datetime(2024, 3, 1, 2, 30, tzinfo=UTC)
    done.save()
    now = timezone.now()
    obligations = Obligation.objects.filter(deliverable__plan=plan).select_related("unit", "deliverable__plan")
    for obligation in obligations[:300]:
        same_json(ObligationSerializer(context={"now": now}), obligation)
        same_json(DeliverableRefSerializer(), obligation.deliverable)
    same_json(TaskRefSerializer(), task("8.2a"))


def test_a_choice_is_its_stored_string():
    assert api_choice(ProgressStatus.COMPLETED) == "completed"
    assert type(api_choice(ProgressStatus.COMPLETED)) is str
    assert api_choice("") == "" and api_choice(None) is None
