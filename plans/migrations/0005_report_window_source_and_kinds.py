"""The source of a plan's reporting window (filled for the plans whose window is Decree 09/2019/NĐ-CP's:
15/12 of the year before to 14/12); the Ministry's compiled report as a kind of deliverable; the units
concerned as a scope (“Công an các đơn vị, địa phương liên quan”)."""

from datetime import date

from django.db import migrations, models

DECREE_09 = (
    "Nghị định số 09/2019/NĐ-CP của Chính phủ quy định về chế độ báo cáo của cơ quan hành chính nhà nước: "
    "thời gian chốt số liệu báo cáo định kỳ hằng năm tính từ ngày 15 tháng 12 năm trước kỳ báo cáo đến "
    "ngày 14 tháng 12 của kỳ báo cáo"
)


def decree_window_source(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    for plan in Plan.objects.filter(report_window_source=""):
        if (plan.report_window_start, plan.report_window_end) == (date(plan.year - 1, 12, 15), date(plan.year, 12, 14)):
            plan.report_window_source = DECREE_09
            plan.save(update_fields=["report_window_source"])


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_plan_status"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="report_window_source",
            field=models.TextField(
                blank=True,
                help_text="Where the window comes from, e.g. Decree 09/2019/NĐ-CP (15/12 of the year before to 14/12).",
                verbose_name="source of the reporting window",
            ),
        ),
        migrations.AlterField(
            model_name="deliverable",
            name="kind",
            field=models.CharField(
                choices=[
                    ("activity", "Activities"),
                    ("ministry_plan", "The Ministry's plan"),
                    ("unit_plan", "Unit's own plan"),
                    ("guidance", "Guidance documents"),
                    ("annual_report", "Annual results report"),
                    ("ministry_report", "The Ministry's compiled report"),
                    ("pilot_model", "Pilot models"),
                    ("training", "Training courses"),
                ],
                default="activity",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="deliverable",
            name="responsible_scope",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Only the units listed"),
                    ("all_units", "Every unit (departments and provincial police)"),
                    ("all_provinces", "Every provincial police unit"),
                    ("all_departments", "Every ministry department"),
                    ("units_concerned", "The units concerned (chosen by the lead unit; no obligation of their own)"),
                ],
                default="",
                max_length=20,
                verbose_name="also responsible",
            ),
        ),
        migrations.AlterField(
            model_name="task",
            name="coordinating_scope",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Only the units listed"),
                    ("all_units", "Every unit (departments and provincial police)"),
                    ("all_provinces", "Every provincial police unit"),
                    ("all_departments", "Every ministry department"),
                    ("units_concerned", "The units concerned (chosen by the lead unit; no obligation of their own)"),
                ],
                default="",
                max_length=20,
                verbose_name="also coordinated by",
            ),
        ),
        migrations.AlterField(
            model_name="task",
            name="lead_scope",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Only the units listed"),
                    ("all_units", "Every unit (departments and provincial police)"),
                    ("all_provinces", "Every provincial police unit"),
                    ("all_departments", "Every ministry department"),
                    ("units_concerned", "The units concerned (chosen by the lead unit; no obligation of their own)"),
                ],
                default="",
                help_text="“Công an các đơn vị, địa phương”: every department and provincial police unit.",
                max_length=20,
                verbose_name="also led by",
            ),
        ),
        migrations.RunPython(decree_window_source, migrations.RunPython.noop),
    ]
