"""Demo users for `manage.py seed_demo` (never in production: the command refuses when DEBUG is off).

- ``admin`` and ``v03.reviewer``;
- ``caNN.leader`` / ``caNN.reporter`` for every provincial police unit of 2024 (NN its 2024 province
  code, so that existing sign-ins keep working), each belonging to the unit valid *today*: after the
  merger of 01/07/2025 the one that took over their province (``ca02.*``, Hà Giang, belong to Tuyên
  Quang; ``ca79.*``, ``ca74.*`` and ``ca77.*`` to Hồ Chí Minh);
- for a provincial unit valid today that none of those belong to, ``caNN.*`` with its own code
  (``caNN-YYYY.*`` if that name is taken). With the 2025 registry there is none: every one of the 34
  provinces took over at least one province of 2024, whose users it now has;
- ``KEY.leader`` for every ministry department valid today (``v03.leader``, ``cuc-dao-tao.leader``…),
  so that the departments' demo records have someone who handed them in.
"""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Unit, User
from accounts.services import users_follow_successors


def _user(username: str, *, password_hash: str, **values) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(username=username, defaults={**values, "password": password_hash})
    return user, created


def _unit_users(unit: Unit, prefix: str, password_hash: str, roles=(User.Role.LEADER, User.Role.REPORTER)) -> int:
    created = 0
    for role in roles:
        username = f"{prefix}.{role}"
        label = "Lãnh đạo" if role == User.Role.LEADER else "Cán bộ báo cáo"
        _u, c = _user(
            username,
            password_hash=password_hash,
            role=role,
            unit=unit,
            email=f"{username}@demo.bocongan.vn",
            first_name=label,
            last_name=unit.name,
        )
        created += c
    return created


def _standing_for(unit: Unit, today) -> Unit:
    """The unit valid ``today`` that stands for ``unit`` (itself, or the one that took it over)."""
    now = unit.successors_on(today)
    return now[0] if len(now) == 1 else unit


@transaction.atomic
def demo_users_seed(*, password: str | None = None, today=None) -> int:
    """Create the demo users (see the module's docstring); move the existing ones to the unit valid
    today. Idempotent. The password is hashed once for all of them (it is the same password)."""
    today = today or timezone.localdate()
    password_hash = make_password(password or settings.DEMO_PASSWORD)
    created = 0
    _u, c = _user(
        "admin",
        password_hash=password_hash,
        role=User.Role.ADMIN,
        is_staff=True,
        is_superuser=True,
        email="admin@demo.bocongan.vn",
        first_name="Quản trị",
    )
    created += c
    _u, c = _user(
        "v03.reviewer",
        password_hash=password_hash,
        role=User.Role.REVIEWER,
        unit=Unit.objects.get(key="v03"),
        is_staff=True,
        email="v03.reviewer@demo.bocongan.vn",
        first_name="Cán bộ",
        last_name="Cục Pháp chế",
    )
    created += c
    for unit in Unit.objects.filter(kind=Unit.Kind.PROVINCE, valid_from__isnull=True).prefetch_related("successors"):
        created += _unit_users(_standing_for(unit, today), f"ca{unit.province_code}", password_hash)
    users_follow_successors(on=today)
    created += _own_users_for_the_rest(today, password_hash)
    for department in Unit.objects.valid_on(today).filter(kind=Unit.Kind.DEPARTMENT):
        created += _unit_users(department, department.key, password_hash, roles=(User.Role.LEADER,))
    return created


def _own_users_for_the_rest(today, password_hash: str) -> int:
    """``caNN.*`` for each provincial unit valid today that no demo user belongs to."""
    created = 0
    staffed = set(User.objects.filter(unit__kind=Unit.Kind.PROVINCE).values_list("unit_id", flat=True))
    for unit in Unit.objects.valid_on(today).filter(kind=Unit.Kind.PROVINCE).exclude(pk__in=staffed):
        prefix = f"ca{unit.province_code}"
        if User.objects.filter(username__startswith=f"{prefix}.").exists():
            prefix = f"{prefix}-{unit.valid_from.year if unit.valid_from else today.year}"
        created += _unit_users(unit, prefix, password_hash)
    return created


def demo_unit_users(unit: Unit) -> tuple[User, User]:
    """(a leader, a reporter) acting for ``unit``, for the demo's records: ``caNN.*`` of its own
    province code where they act for it (their unit, or the one that took it over), else the first
    of its people or of its successor's. LookupError when nobody acts for it."""
    people = User.objects.filter(role__in=[User.Role.LEADER, User.Role.REPORTER], is_active=True).order_by("username")
    candidates = list(people.filter(unit=unit)) or list(people.filter(unit__predecessors=unit))
    candidates += list(people.filter(username__startswith=f"ca{unit.province_code}.")) if unit.province_code else []
    acting = [u for u in candidates if u.is_member_of(unit.pk)]
    if not acting:
        raise LookupError(unit.key)
    own = f"ca{unit.province_code}."
    acting.sort(key=lambda u: (not u.username.startswith(own), u.username))
    leader = next((u for u in acting if u.role == User.Role.LEADER), acting[0])
    reporter = next((u for u in acting if u.role == User.Role.REPORTER), leader)
    return leader, reporter
