from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Implementation")

    def ready(self):
        from tasks.activities import tallies  # noqa: F401  (connects the signals that keep the tallies)
