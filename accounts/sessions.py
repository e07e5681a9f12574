"""The session engine (SESSION_ENGINE = "accounts.sessions"): Django's database sessions, each row
also holding its user, so that all of a user's sessions can be ended at once (Django's documented way
of extending database-backed sessions)."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from accounts.models import UserSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            session.user_id = None
        return session


def sessions_end(*, user) -> int:
    """End every web session of ``user``; the number ended."""
    deleted, _ = UserSession.objects.filter(user=user).delete()
    return deleted
