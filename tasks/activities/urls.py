from django.urls import path

from tasks.activities import import_pages, pages

urlpatterns = [
    path("hoat-dong/", pages.activity_list, name="activities"),
    path("hoat-dong/them/", pages.activity_create, name="activity-create"),
    path("hoat-dong/nhap-tu-tep/", import_pages.activity_import, name="activity-import"),
    path("hoat-dong/nhap-tu-tep/mau.xlsx", import_pages.activity_import_template, name="activity-import-template"),
    path("hoat-dong/<int:pk>/", pages.activity_detail, name="activity"),
    path("hoat-dong/<int:pk>/sua/", pages.activity_edit, name="activity-edit"),
    path("hoat-dong/<int:pk>/xoa/", pages.activity_delete, name="activity-delete"),
    path("hoat-dong/<int:pk>/minh-chung/", pages.evidence_upload, name="evidence-upload"),
    path("minh-chung/<int:pk>/", pages.evidence_file, name="evidence-file"),
    path("minh-chung/<int:pk>/xoa/", pages.evidence_delete, name="evidence-delete"),
]
