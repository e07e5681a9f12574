from django.urls import path

from tasks.pilot_models import pages

urlpatterns = [
    path("mo-hinh-diem/", pages.pilot_model_list, name="pilot-models"),
    path("mo-hinh-diem/them/", pages.pilot_model_form, name="pilot-model-create"),
    path("mo-hinh-diem/<int:pk>/sua/", pages.pilot_model_form, name="pilot-model-edit"),
]
