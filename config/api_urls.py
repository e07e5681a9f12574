"""Every /api/v1/ route. Each app owns its viewsets; they are registered here in one place."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts.api import LogoutView, MeView, MyTokenViewSet, TokenView, UnitViewSet
from plans.api import PlanViewSet, TaskViewSet
from reminders.api import ReminderViewSet
from reports.annual.api import AnnualReportViewSet
from tasks.activities.api import ActivityViewSet, EvidenceViewSet
from tasks.activities.import_api import ActivityImportTemplateView, ActivityImportView
from tasks.obligations.api import ObligationViewSet
from tasks.pilot_models.api import PilotModelViewSet
from tasks.training.api import TrainingCourseViewSet
from tasks.unit_plans.api import UnitPlanViewSet

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("plan-tasks", TaskViewSet, basename="task")
router.register("units", UnitViewSet, basename="unit")
router.register("me/tokens", MyTokenViewSet, basename="my-token")
router.register("obligations", ObligationViewSet, basename="obligation")
router.register("activities", ActivityViewSet, basename="activity")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("unit-plans", UnitPlanViewSet, basename="unitplan")
router.register("pilot-models", PilotModelViewSet, basename="pilotmodel")
router.register("training-courses", TrainingCourseViewSet, basename="trainingcourse")
router.register("reports", AnnualReportViewSet, basename="report")
router.register("reminders", ReminderViewSet, basename="reminder")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("me/", MeView.as_view(), name="api-me"),
    path("", include("reports.urls")),
    path("activities/import-template/", ActivityImportTemplateView.as_view(), name="activity-import-template"),
    path("activities/import/", ActivityImportView.as_view(), name="activity-import"),
    path("", include(router.urls)),
]
