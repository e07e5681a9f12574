import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from reports.annual.models import AnnualReport
from tasks.models import Activity, Obligation


def test_refuses_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()


def test_seed_is_idempotent_and_lively(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = (User.objects.count(), Activity.objects.count(), AnnualReport.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (User.objects.count(), Activity.objects.count(), AnnualReport.objects.count()) == counts

    assert User.objects.get(username="v03.reviewer").unit.key == "v03"
    assert User.objects.get(username="ca01.leader").unit.name == "Công an thành phố Hà Nội"
    assert User.objects.get(username="ca79.reporter").unit.name == "Công an thành phố Hồ Chí Minh"
    assert User.objects.filter(username__endswith=".leader").count() == 63
    assert User.objects.get(username="ca01.reporter").check_password(settings.DEMO_PASSWORD)

    statuses = set(AnnualReport.objects.values_list("status", flat=True))
    assert {"submitted", "returned", "accepted", "draft"} <= statuses
    hanoi = AnnualReport.objects.get(unit__key="ca01")
    assert hanoi.status == "draft" and Activity.objects.filter(unit__key="ca01").count() > 10
    assert Activity.objects.values("unit").distinct().count() == 12
    on_time = Obligation.objects.filter(deliverable__key="bao-cao-ket-qua", completed_at__isnull=False)
    assert on_time.exists() and all(o.deadline_state(o.completed_at) == "done_on_time" for o in on_time)
