"""Report routes under /api/v1/ (roll-up JSON, PDF, XLSX, report jobs)."""

urlpatterns: list = []
