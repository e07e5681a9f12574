"""The plan a user picked in the plan picker (blank: the plan in force today)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_unit_signer_title"),
        ("plans", "0004_plan_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="chosen_plan",
            field=models.ForeignKey(
                blank=True,
                help_text="The plan the pages follow for this user (the plan picker); blank: the plan in force today.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="plans.plan",
                verbose_name="plan shown",
            ),
        ),
    ]
