"""The reminder log (see the reminders issue)."""
