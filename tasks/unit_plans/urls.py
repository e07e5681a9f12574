from django.urls import path

from tasks.unit_plans import pages

urlpatterns = [
    path("ke-hoach-don-vi/", pages.unit_plan_mine, name="unit-plan"),
    path("ke-hoach-don-vi/<int:pk>/tep/", pages.unit_plan_file, name="unit-plan-file"),
    path("don-vi/<int:pk>/ke-hoach-don-vi/", pages.unit_plan_of_unit, name="unit-plan-of"),
]
