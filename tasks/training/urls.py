from django.urls import path

from tasks.training import pages

urlpatterns = [
    path("tap-huan/", pages.training_list, name="trainings"),
    path("tap-huan/them/", pages.training_form, name="training-create"),
    path("tap-huan/<int:pk>/sua/", pages.training_form, name="training-edit"),
]
