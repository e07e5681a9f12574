from django.urls import path

from tasks.obligations import pages

urlpatterns = [
    path("nghia-vu/<int:pk>/trang-thai/", pages.obligation_status, name="obligation-status"),
]
