"""Report routes under /api/v1/ (roll-up JSON, PDF, DOCX, XLSX, a unit's report printed, report jobs)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from reports.annual.api import AnnualReportPrintDocxView, AnnualReportPrintView
from reports.api import ReportJobViewSet, RollupDocxView, RollupPdfView, RollupView, RollupXlsxView

# SimpleRouter: no API root of its own (the main router in config/api_urls.py has it).
router = SimpleRouter()
router.register("report-jobs", ReportJobViewSet, basename="report-job")

urlpatterns = [
    path("plans/<int:plan_id>/rollup/", RollupView.as_view(), name="plan-rollup"),
    path("plans/<int:plan_id>/rollup.pdf", RollupPdfView.as_view(), name="plan-rollup-pdf"),
    path("plans/<int:plan_id>/rollup.docx", RollupDocxView.as_view(), name="plan-rollup-docx"),
    path("plans/<int:plan_id>/rollup.xlsx", RollupXlsxView.as_view(), name="plan-rollup-xlsx"),
    path("annual-reports/<int:pk>/print.pdf", AnnualReportPrintView.as_view(), name="annual-report-print"),
    path("annual-reports/<int:pk>/print.docx", AnnualReportPrintDocxView.as_view(), name="annual-report-print-docx"),
    path("", include(router.urls)),
]
