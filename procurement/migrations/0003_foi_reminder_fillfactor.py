"""Reminder rows are updated in place (published, sent, cancelled): room in each page lets
PostgreSQL update them without touching the indexes (HOT), which made the sweep of 20,000
due rows about four times faster in bench/bench_reminders.py. Other databases: nothing."""

from django.db import migrations


def set_fillfactor(apps, schema_editor, value: int = 80) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE procurement_reminder SET (fillfactor = {value})")


def reset_fillfactor(apps, schema_editor) -> None:
    set_fillfactor(apps, schema_editor, 100)


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_foi_reminder_enqueued_at")]

    operations = [migrations.RunPython(set_fillfactor, reset_fillfactor, elidable=False)]
