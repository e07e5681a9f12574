"""A successor takes over its predecessors' records and unfinished obligations (accounts/models.py
``User.acting_unit_ids``, accounts/permissions.py, accounts/services.py ``users_follow_successors``):
from 01/07/2025 Công an tỉnh Tuyên Quang acts for the 2024 units of Hà Giang and Tuyên Quang, and
a record still says which unit did it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from accounts.models import Unit, User, units_acted_for
from accounts.permissions import unit_member_required, visible_to
from accounts.services import users_follow_successors
from reports.annual.models import AnnualReport
from reports.annual.services import report_create, report_submit
from tasks.models import Activity, Obligation
from tests.conftest import make_user
from tests.factories import ActivityFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def units(db):
    return {key: Unit.objects.get(key=key) for key in ("ca02", "ca08", "ca08-2025", "ca79-2025", "ca01")}


@pytest.fixture
def tq_leader(units):
    return make_user("ca08.leader", role=User.Role.LEADER, unit=units["ca08-2025"])


def test_a_province_of_2025_acts_for_the_provinces_it_was_formed_from(units):
    acting = units_acted_for([units["ca08-2025"].pk, units["ca79-2025"].pk, units["ca01"].pk])
    assert acting[units["ca08-2025"].pk] == {units["ca08-2025"].pk, units["ca02"].pk, units["ca08"].pk}
    hcm = {Unit.objects.get(pk=pk).key for pk in acting[units["ca79-2025"].pk]}
    assert hcm == {"ca79-2025", "ca79", "ca74", "ca77"}
    assert acting[units["ca01"].pk] == {units["ca01"].pk}  # a 2024 unit does not act for its successor


def test_transitively_through_a_later_merger(units):
    later = Unit.objects.create(key="tq-2030", kind=Unit.Kind.PROVINCE, name="Công an tỉnh X", province_code="99")
    later.predecessors.add(units["ca08-2025"])
    assert units["ca02"].pk in units_acted_for([later.pk])[later.pk]
    units["ca08-2025"].valid_to = date(2029, 12, 31)
    units["ca08-2025"].save()
    assert units["ca02"].successors_on(date(2031, 1, 1)) == [later]


def test_the_unit_standing_for_a_merged_one(units):
    assert units["ca02"].successors_on(date(2024, 6, 1)) == [units["ca02"]]
    assert units["ca02"].successors_on(date(2025, 7, 1)) == [units["ca08-2025"]]
    assert Unit.objects.get(key="ca74").successors_on(date(2026, 1, 1)) == [Unit.objects.get(key="ca79-2025")]


def test_users_follow_their_unit_from_the_merger_date(units):
    ha_giang = make_user("ca02.reporter", role=User.Role.REPORTER, unit=units["ca02"])
    reviewer = make_user("v03.someone", role=User.Role.REVIEWER, unit=Unit.objects.get(key="v03"))
    assert users_follow_successors(on=date(2025, 6, 30)) == 0
    assert users_follow_successors(on=date(2025, 7, 1)) == 1
    ha_giang.refresh_from_db()
    reviewer.refresh_from_db()
    assert ha_giang.unit == units["ca08-2025"] and reviewer.unit.key == "v03"
    assert users_follow_successors(on=date(2025, 7, 2)) == 0


def test_a_ha_giang_2024_record_is_tuyen_quangs_to_see_and_act_on(plan, units, tq_leader, api_as):
    activity = ActivityFactory(unit=units["ca02"])
    lao_cai = ActivityFactory(unit=Unit.objects.get(key="ca10"))
    assert set(visible_to(Activity.objects.all(), tq_leader)) == {activity}
    assert tq_leader.is_member_of(units["ca02"].pk) and tq_leader.is_leader_of(units["ca08"].pk)
    assert not tq_leader.is_member_of(lao_cai.unit_id)
    client = api_as(tq_leader)
    data = client.get(f"/api/v1/activities/{activity.pk}/").json()
    assert data["unit"]["name"] == "Công an tỉnh Hà Giang"
    assert client.get(f"/api/v1/activities/{lao_cai.pk}/").status_code == 404
    # An obligation Hà Giang left open in 2024 is Tuyên Quang's to move forward.
    obligation = Obligation.objects.get(unit=units["ca02"], deliverable__plan=plan, deliverable__task__code="3.1")
    etag = client.get(f"/api/v1/obligations/{obligation.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/obligations/{obligation.pk}/", {"status": "in_progress"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 200 and response.json()["unit"]["name"] == "Công an tỉnh Hà Giang"


def test_ha_giangs_2024_report_is_sent_by_tuyen_quang_and_stays_ha_giangs(plan, units, tq_leader, api_as):
    client = api_as(tq_leader)
    response = client.post("/api/v1/reports/", {"plan": plan.pk, "unit": units["ca02"].pk}, format="json")
    assert response.status_code == 201, response.json()
    report = AnnualReport.objects.get(pk=response.json()["id"])
    with time_machine.travel(datetime(2026, 12, 1, 9, tzinfo=TZ), tick=False):
        report_submit(report=report, by=tq_leader)
    report.refresh_from_db()
    assert report.unit == units["ca02"] and report.status == "submitted"
    owed = Obligation.objects.get(unit=units["ca02"], deliverable__key="bao-cao-ket-qua")
    assert owed.completed_at is not None
    assert owed.history.filter(status="completed").get().history_user == tq_leader
    assert report.versions.get().submitted_by == tq_leader


def test_nobody_acts_for_a_unit_they_did_not_take_over(plan, units, tq_leader):
    with pytest.raises(PermissionDenied):
        report_create(by=tq_leader, plan=plan, unit=units["ca01"])
    assert unit_member_required(tq_leader, units["ca02"]) == units["ca02"]
    assert unit_member_required(tq_leader) == units["ca08-2025"]


def test_the_pages_of_an_earlier_plan_show_the_units_taken_over(plan, units, tq_leader, csrf_client_as):
    client = csrf_client_as(tq_leader)
    tq_leader.chosen_plan = plan
    tq_leader.save()
    page = client.get("/").content.decode()
    assert "Công an tỉnh Hà Giang" in page and "Công an tỉnh Tuyên Quang" in page
    detail = client.get(f"/don-vi/{units['ca02'].pk}/")
    assert detail.status_code == 200 and detail.context["can_update"]
    assert client.get(f"/don-vi/{Unit.objects.get(key='ca10').pk}/").status_code == 404
    reports = client.get("/bao-cao/").content.decode()
    assert "Công an tỉnh Hà Giang" in reports and "Tạo dự thảo báo cáo" in reports
