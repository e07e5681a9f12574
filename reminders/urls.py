"""The reminder log in the web pages."""

from django.urls import path

from reminders import pages

urlpatterns = [
    path("nhac-han/", pages.reminder_list, name="reminders"),
]
