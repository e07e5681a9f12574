"""Every web page, at the site's root, in one namespace ("pages"); each feature lists its own routes."""

from django.urls import include, path

from accounts import urls as accounts_urls
from plans import urls as plans_urls
from reminders import urls as reminders_urls
from reports import page_urls as ministry_report_urls
from reports.annual import urls as annual_urls
from reports.dashboards import urls as dashboards_urls
from tasks.activities import urls as activities_urls
from tasks.obligations import urls as obligations_urls
from tasks.pilot_models import urls as pilot_models_urls
from tasks.training import urls as training_urls
from tasks.unit_plans import urls as unit_plans_urls

app_name = "pages"

urlpatterns = [
    path("", include(module.urlpatterns))
    for module in (
        accounts_urls,
        dashboards_urls,
        plans_urls,
        obligations_urls,
        activities_urls,
        unit_plans_urls,
        pilot_models_urls,
        training_urls,
        annual_urls,
        ministry_report_urls,
        reminders_urls,
    )
]
