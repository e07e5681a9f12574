"""The plan pages (plans/pages.py): the list, a plan, the plan picker in every page's header, and
V03's button that carries a plan into a later year (publishing: tasks/obligations/pages.py)."""

from plans.models import Plan
from tasks.obligations.models import Obligation
from tests.later_plans import plan_2026
from tests.pages import csrf_post, text


def test_the_picker_lists_the_published_plans_and_remembers_the_choice(plan, plan_2026, reviewer, csrf_client_as):
    client = csrf_client_as(reviewer)
    page = text(client.get("/"))
    assert 'name="plan"' in page and plan.number in page and plan_2026.number in page
    assert client.get("/").context["plan"] == plan_2026  # the plan in force: this year's
    response = csrf_post(client, "/ke-hoach/chon/", {"plan": plan.pk, "next": f"/?plan={plan_2026.pk}&area=bac"})
    assert response.status_code == 302 and response["Location"] == "/?area=bac"
    reviewer.refresh_from_db()
    assert reviewer.chosen_plan == plan
    assert client.get("/").context["plan"] == plan  # remembered, on every page
    assert client.get("/mo-hinh-diem/").context["plan"] == plan
    assert client.get(f"/?plan={plan_2026.pk}").context["plan"] == plan_2026  # ?plan= for one page
    csrf_post(client, "/ke-hoach/chon/", {"plan": plan_2026.pk, "next": "/"})
    reviewer.refresh_from_db()
    assert reviewer.chosen_plan is None  # back to the plan in force: next year's will follow


def test_the_picker_refuses_a_draft_and_an_outside_address(plan, reporter, csrf_client_as):
    draft = plan_2026(plan, publish=False)
    client = csrf_client_as(reporter)
    csrf_post(client, "/ke-hoach/chon/", {"plan": draft.pk, "next": "/"})
    reporter.refresh_from_db()
    assert reporter.chosen_plan is None
    response = csrf_post(client, "/ke-hoach/chon/", {"plan": plan.pk, "next": "https://example.com/"})
    assert response["Location"] == "/"


def test_units_never_see_a_draft(plan, reporter, reviewer, client_as):
    draft = plan_2026(plan, publish=False)
    assert client_as(reporter).get(f"/ke-hoach/{draft.pk}/").status_code == 404
    assert draft.number not in text(client_as(reporter).get("/ke-hoach/"))
    page = text(client_as(reviewer).get(f"/ke-hoach/{draft.pk}/"))
    assert "Dự thảo" in page and "Công bố kế hoạch" in page


def test_v03_carries_a_plan_into_2026_then_publishes_it(plan, reviewer, csrf_client_as):
    client = csrf_client_as(reviewer)
    page = text(client.get(f"/ke-hoach/{plan.pk}/"))
    assert "Chuyển sang năm sau" in page and "Ngày thay cho 29/02" in page
    response = csrf_post(
        client,
        f"/ke-hoach/{plan.pk}/chuyen-nam/",
        {"year": "2026", "number": "250/QĐ-BCA-V03", "signed_on": "10/02/2026", "title": "", "leap_day": ""},
    )
    new = Plan.objects.get(number="250/QĐ-BCA-V03")
    assert response.status_code == 302 and response["Location"] == f"/ke-hoach/{new.pk}/"
    assert new.status == Plan.Status.DRAFT and not Obligation.objects.filter(deliverable__plan=new).exists()
    assert "28/02/2026" in text(client.get(response["Location"]))  # the warning about 29/02
    csrf_post(client, f"/ke-hoach/{new.pk}/cong-bo/")
    new.refresh_from_db()
    assert new.status == Plan.Status.PUBLISHED
    assert Obligation.objects.filter(deliverable__plan=new).values("unit").distinct().count() > 34


def test_a_bad_clone_says_why_and_makes_nothing(plan, reviewer, csrf_client_as):
    client = csrf_client_as(reviewer)
    url = f"/ke-hoach/{plan.pk}/chuyen-nam/"
    response = csrf_post(client, url, {"year": "2024", "number": plan.number, "signed_on": "10/02/2026"})
    assert response.status_code == 400
    page = text(response)
    assert "Đã có kế hoạch số 762/QĐ-BCA-V03." in page and "Năm phải sau năm 2024" in page
    response = csrf_post(client, url, {"year": "2026", "number": "250/QĐ-BCA-V03", "signed_on": "31/02/2026"})
    assert response.status_code == 400
    assert Plan.objects.count() == 1


def test_only_v03_carries_or_publishes(plan, leader, csrf_client_as):
    client = csrf_client_as(leader)
    data = {"year": "2026", "number": "250/QĐ-BCA-V03", "signed_on": "10/02/2026"}
    assert csrf_post(client, f"/ke-hoach/{plan.pk}/chuyen-nam/", data).status_code == 403
    draft = plan_2026(plan, publish=False)
    assert csrf_post(client, f"/ke-hoach/{draft.pk}/cong-bo/").status_code == 403
    assert Plan.objects.get(pk=draft.pk).status == Plan.Status.DRAFT
