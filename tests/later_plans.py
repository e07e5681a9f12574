"""A later year's plan for the tests: Decision 762 carried into 2026 (``plans.cloning.plan_clone``)
and published over the units valid then (the 34 provinces of 01/07/2025 and the departments)."""

from datetime import date

from plans.cloning import plan_clone
from plans.models import Plan
from tasks.obligations.services import plan_publish

NUMBER_2026 = "250/QĐ-BCA-V03"


def plan_2026(source: Plan, *, publish: bool = True) -> Plan:
    plan = plan_clone(source=source, year=2026, number=NUMBER_2026, signed_on=date(2026, 2, 10)).plan
    if publish:
        plan_publish(plan=plan)
        plan.refresh_from_db()
    return plan
