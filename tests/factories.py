"""factory_boy factories for users and the units' progress records (the plan and units are the real
data, loaded once per session). They save rows as the admin or a shell would: the model signals keep
the activity tallies in step. Annual reports are made through their services (tests/reports/data.py),
since submitting one also completes the unit's report obligation."""

from datetime import date

import factory

from accounts.models import Unit, User
from plans.models import Plan, Task
from tasks.models import Activity, ActivityTargetGroup, PilotModel, TrainingCourse


def task(code: str) -> Task:
    return Task.objects.get(group__plan__number="762/QĐ-BCA-V03", code=code)


class UserFactory(factory.django.DjangoModelFactory):
    """A user of ca01 by default; an existing username is reused (``django_get_or_create``)."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.REPORTER
    unit = factory.LazyFunction(lambda: Unit.objects.get(key="ca01"))
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.django.Password("pw-Test-123")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    unit = factory.LazyFunction(lambda: Unit.objects.get(key="ca01"))
    task = factory.LazyFunction(lambda: task("3.1"))
    start_date = date(2024, 5, 10)
    title = factory.Sequence(lambda n: f"Buổi tuyên truyền pháp luật số {n}")
    form = "direct"
    sessions = 1
    participants = 120
    copies = 200
    online_reach = 0
    budget_vnd = 1_500_000

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        for group in ["public"] if extracted is None else extracted:
            ActivityTargetGroup.objects.create(activity=self, target_group=group)


class PilotModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotModel

    unit = factory.LazyFunction(lambda: Unit.objects.get(key="ca01"))
    plan = factory.LazyFunction(lambda: Plan.objects.get(number="762/QĐ-BCA-V03"))
    name = factory.Sequence(lambda n: f"Mô hình “Khu dân cư an toàn” số {n}")
    target_group = "public"
    start_date = date(2024, 3, 1)
    status = "running"


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCourse

    unit = factory.LazyFunction(lambda: Unit.objects.get(key="ca01"))
    task = factory.LazyFunction(lambda: task("8.2b"))
    title = factory.Sequence(lambda n: f"Lớp tập huấn báo cáo viên số {n}")
    start_date = date(2024, 6, 3)
    participants = 60
