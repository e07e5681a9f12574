from django.urls import path

from reports.annual import list_pages, pages, review_pages

urlpatterns = [
    path("bao-cao/", pages.report_mine, name="report"),
    path("bao-cao/tao/", pages.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", pages.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/sua/", pages.report_edit, name="report-edit"),
    path("bao-cao/<int:pk>/gui/", pages.report_action, {"action": "submit"}, name="report-submit"),
    path("bao-cao/<int:pk>/tra-lai/", pages.report_action, {"action": "return"}, name="report-return"),
    path("bao-cao/<int:pk>/chap-nhan/", pages.report_action, {"action": "accept"}, name="report-accept"),
    path("bao-cao/<int:pk>/mo-lai/", pages.report_action, {"action": "reopen"}, name="report-reopen"),
    path("bao-cao/<int:pk>/phien-ban/<int:number>/", pages.report_version, name="report-version"),
    path("bao-cao/<int:pk>/so-sanh/", review_pages.report_compare, name="report-compare"),
    path("xet-duyet/", review_pages.review_queue, name="review-queue"),
    path("bao-cao/danh-sach/", list_pages.report_list, name="reports"),
]
