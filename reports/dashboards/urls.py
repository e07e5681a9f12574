from django.urls import path

from reports.dashboards import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("don-vi/<int:pk>/", pages.unit_detail, name="unit"),
]
