"""The session engine (SESSION_ENGINE = "accounts.sessions"): Django's database sessions, each row
also holding its user, so that all of a user's sessions can be ended at once (Django's documented way
of extending database-backed sessions)."""

from datetime import timedelta

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from accounts.models import UserSession

# SESSION_SAVE_EVERY_REQUEST moves a session's expiry with each request (the idle timeout): a session
# whose content has not changed is written again only once its stored expiry is this far behind, not
# at every page (an UPDATE and a COMMIT each); the idle timeout is kept to within this much.
EXPIRY_MOVES_EVERY = timedelta(seconds=60)


class SessionStore(DatabaseSessionStore):
    stored_expiry = None  # the expiry read with the session, until it is written again

    @classmethod
    def get_model_class(cls):
        return UserSession

    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        self.stored_expiry = session.expire_date if session is not None else None
        return session

    def save(self, must_create=False):
        if (
            not must_create
            and not self.modified
            and self.stored_expiry is not None
            and self.get_expiry_date() - self.stored_expiry < EXPIRY_MOVES_EVERY
        ):
            return
        super().save(must_create=must_create)
        self.stored_expiry = self.get_expiry_date()

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
