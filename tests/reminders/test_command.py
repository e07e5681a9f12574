"""manage.py send_reminders: the dry run, for real, twice, its help and a bad date."""

import pytest
from django.core import mail
from django.core.management import call_command, load_command_class

from reminders.models import Reminder

# --- the command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_send_reminders_dry_run_then_for_real_then_nothing(leader, other_leader, capsys):
    call_command("send_reminders", "--as-of", "2024-12-08", "--dry-run")
    out = capsys.readouterr().out
    assert "ca01.leader <ca01.leader@example.test>: 2" in out
    assert "Công an thành phố Hà Nội · III.3 · trước ngày 15/12/2024" in out
    assert Reminder.objects.count() == 0 and mail.outbox == []

    call_command("send_reminders", "--as-of", "2024-12-08")
    out = capsys.readouterr().out
    assert "đã gửi 2 thư" in out
    assert sorted(m.to[0] for m in mail.outbox) == ["ca01.leader@example.test", "ca79.leader@example.test"]

    call_command("send_reminders", "--as-of", "2024-12-08")
    assert "đã gửi 0 thư" in capsys.readouterr().out
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_send_reminders_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không phải là ngày"):
        call_command("send_reminders", "--as-of", "2024-02-30")


@pytest.mark.django_db
def test_dry_run_prints_the_kind_and_the_day_count_of_the_email(leader, reviewer, capsys):
    call_command("send_reminders", "--as-of", "2024-12-08", "--dry-run")
    out = capsys.readouterr().out
    assert "Công an thành phố Hà Nội · 1.1 · trước ngày 29/02/2024 · Quá hạn · quá hạn 284 ngày" in out
    assert "Công an thành phố Hà Nội · III.3 · trước ngày 15/12/2024 · Sắp đến hạn · còn 7 ngày" in out
    assert "Tổng hợp quá hạn gửi cán bộ theo dõi · quá hạn 284 ngày" in out
    assert "overdue" not in out and "upcoming" not in out and " 280" not in out  # no internal codes or stages
    assert "Chạy thử ngày 08/12/2024: sẽ gửi 2 thư" in out

    call_command("send_reminders", "--as-of", "2024-12-08")
    [message] = [m for m in mail.outbox if m.to == [leader.email]]
    assert "Quá hạn, quá hạn 284 ngày" in message.body  # the same count as the dry run
    assert "Sắp đến hạn, còn 7 ngày" in message.body


def test_send_reminders_help_is_translated_and_does_not_crash(capsys):
    with pytest.raises(SystemExit) as exit_:
        load_command_class("reminders", "send_reminders").run_from_argv(["manage.py", "send_reminders", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "Chạy ngay việc rà soát nhắc hạn" in out
    assert "--as-of YYYY-MM-DD" in out and "--dry-run" in out
