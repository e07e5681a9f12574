"""The web pages (tasks.pages) and the login, at the site's root."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import pages

app_name = "pages"

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="tasks/pages/login.html", next_page="pages:home"),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="pages:login"), name="logout"),
    path("", pages.home, name="home"),
    path("don-vi/<int:pk>/", pages.unit_detail, name="unit"),
    path("nghia-vu/<int:pk>/trang-thai/", pages.obligation_status, name="obligation-status"),
    path("hoat-dong/", pages.activity_list, name="activities"),
    path("hoat-dong/them/", pages.activity_create, name="activity-create"),
    path("hoat-dong/nhap-tu-tep/", pages.activity_import, name="activity-import"),
    path("hoat-dong/nhap-tu-tep/mau.xlsx", pages.activity_import_template, name="activity-import-template"),
    path("hoat-dong/<int:pk>/", pages.activity_detail, name="activity"),
    path("hoat-dong/<int:pk>/minh-chung/", pages.evidence_upload, name="evidence-upload"),
    path("minh-chung/<int:pk>/", pages.evidence_file, name="evidence-file"),
    path("ke-hoach-don-vi/", pages.unit_plan_mine, name="unit-plan"),
    path("ke-hoach-don-vi/<int:pk>/tep/", pages.unit_plan_file, name="unit-plan-file"),
    path("don-vi/<int:pk>/ke-hoach-don-vi/", pages.unit_plan_of_unit, name="unit-plan-of"),
    path("mo-hinh-diem/", pages.pilot_model_list, name="pilot-models"),
    path("mo-hinh-diem/them/", pages.pilot_model_form, name="pilot-model-create"),
    path("mo-hinh-diem/<int:pk>/sua/", pages.pilot_model_form, name="pilot-model-edit"),
    path("tap-huan/", pages.training_list, name="trainings"),
    path("tap-huan/them/", pages.training_form, name="training-create"),
    path("tap-huan/<int:pk>/sua/", pages.training_form, name="training-edit"),
    path("bao-cao/", pages.report_mine, name="report"),
    path("bao-cao/tao/", pages.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", pages.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/sua/", pages.report_edit, name="report-edit"),
    path("bao-cao/<int:pk>/gui/", pages.report_action, {"action": "submit"}, name="report-submit"),
    path("bao-cao/<int:pk>/tra-lai/", pages.report_action, {"action": "return"}, name="report-return"),
    path("bao-cao/<int:pk>/chap-nhan/", pages.report_action, {"action": "accept"}, name="report-accept"),
    path("bao-cao/<int:pk>/phien-ban/<int:number>/", pages.report_version, name="report-version"),
]
