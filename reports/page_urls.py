"""The Ministry's report in the web pages (V03)."""

from django.urls import path

from reports import ministry_pages

urlpatterns = [
    path("bao-cao-tong-hop/", ministry_pages.ministry_report, name="ministry-report"),
    path("bao-cao-tong-hop/tien-do/", ministry_pages.ministry_report_jobs, name="ministry-report-jobs"),
    path("bao-cao-tong-hop/<int:pk>/tai-ve/", ministry_pages.ministry_report_download, name="ministry-report-download"),
    path("bao-cao-tong-hop/<int:pk>/lam-lai/", ministry_pages.ministry_report_remake, name="ministry-report-remake"),
]
