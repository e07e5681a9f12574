"""Demo users for `manage.py seed_demo` (never in production: the command refuses when DEBUG is off)."""

from django.conf import settings
from django.db import transaction

from accounts.models import Unit, User


def _user(username: str, *, password: str, **values) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(username=username, defaults=values)
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, created


@transaction.atomic
def demo_users_seed(*, password: str | None = None) -> int:
    """admin, v03.reviewer, and caNN.leader / caNN.reporter for every 2024 provincial police unit."""
    password = password or settings.DEMO_PASSWORD
    created = 0
    v03 = Unit.objects.get(key="v03")
    _u, c = _user(
        "admin",
        password=password,
        role=User.Role.ADMIN,
        is_staff=True,
        is_superuser=True,
        email="admin@demo.bocongan.vn",
        first_name="Quản trị",
    )
    created += c
    _u, c = _user(
        "v03.reviewer",
        password=password,
        role=User.Role.REVIEWER,
        unit=v03,
        is_staff=True,
        email="v03.reviewer@demo.bocongan.vn",
        first_name="Cán bộ",
        last_name="Cục Pháp chế",
    )
    created += c
    for unit in Unit.objects.filter(kind=Unit.Kind.PROVINCE, valid_from__isnull=True):
        for role in (User.Role.LEADER, User.Role.REPORTER):
            username = f"ca{unit.province_code}.{role}"
            label = "Lãnh đạo" if role == User.Role.LEADER else "Cán bộ báo cáo"
            _u, c = _user(
                username,
                password=password,
                role=role,
                unit=unit,
                email=f"{username}@demo.bocongan.vn",
                first_name=label,
                last_name=unit.name,
            )
            created += c
    return created
