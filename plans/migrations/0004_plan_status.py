"""A plan's status (draft / published) and the plan it was carried over from. Every plan loaded
before is published: it already has its obligations."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_plan_date_margin"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published")],
                db_index=True,
                default="published",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="cloned_from",
            field=models.ForeignKey(
                blank=True,
                help_text="The earlier plan this one was carried over from (manage.py clone_plan).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="clones",
                to="plans.plan",
                verbose_name="carried over from",
            ),
        ),
    ]
