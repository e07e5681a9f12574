from django.urls import path

from tasks.activities import pages

urlpatterns = [
    path("hoat-dong/", pages.activity_list, name="activities"),
    path("hoat-dong/them/", pages.activity_create, name="activity-create"),
    path("hoat-dong/nhap-tu-tep/", pages.activity_import, name="activity-import"),
    path("hoat-dong/nhap-tu-tep/mau.xlsx", pages.activity_import_template, name="activity-import-template"),
    path("hoat-dong/<int:pk>/", pages.activity_detail, name="activity"),
    path("hoat-dong/<int:pk>/minh-chung/", pages.evidence_upload, name="evidence-upload"),
    path("minh-chung/<int:pk>/", pages.evidence_file, name="evidence-file"),
]
