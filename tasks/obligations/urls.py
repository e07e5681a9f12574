from django.urls import path

from tasks.obligations import decision_pages, pages

urlpatterns = [
    path("nghia-vu/<int:pk>/trang-thai/", pages.obligation_status, name="obligation-status"),
    path("ke-hoach/<int:pk>/cong-bo/", pages.plan_publish, name="plan-publish"),
    path("ke-hoach/nhap/", decision_pages.plan_import, name="plan-import"),
]
