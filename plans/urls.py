from django.urls import path

from plans import pages

urlpatterns = [
    path("ke-hoach/", pages.plan_list, name="plans"),
    path("ke-hoach/chon/", pages.plan_choose, name="plan-choose"),
    path("ke-hoach/<int:pk>/", pages.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/chuyen-nam/", pages.plan_clone_page, name="plan-clone"),
]
