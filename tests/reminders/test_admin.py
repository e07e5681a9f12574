"""reminders/admin.py: failed emails and the "send again" action."""

from datetime import date

import pytest

from accounts.models import User
from reminders.delivery import reminder_email_deliver
from reminders.models import ReminderEmail
from tests.reminders.helpers import Status, scan_on

# --- the log in the admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_shows_failed_emails(client, leader):
    User.objects.filter(pk=leader.pk).update(email="")
    result = scan_on(date(2024, 12, 8))
    reminder_email_deliver(email_id=result.email_ids[0])
    admin = User.objects.create_superuser("root", "root@example.test", "pw-Test-123")
    client.force_login(admin)
    r = client.get("/admin/reminders/reminderemail/?status__exact=failed")
    assert r.status_code == 200
    assert "no valid email address" in r.content.decode()
    r = client.get(f"/admin/reminders/reminderemail/{result.email_ids[0]}/change/")
    assert r.status_code == 200
    r = client.post(
        "/admin/reminders/reminderemail/",
        {"action": "retry_now", "_selected_action": [result.email_ids[0]]},
        follow=True,
    )
    assert r.status_code == 200
    assert ReminderEmail.objects.get(pk=result.email_ids[0]).status == Status.RETRY
    assert client.get("/admin/reminders/reminder/").status_code == 200
