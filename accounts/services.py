"""Writes for units and users."""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from django.db import transaction

from accounts.models import Area, Partner, Unit, User
from accounts.text import nfc

DATA_DIR = Path(__file__).resolve().parent / "data"
AREAS = {"Bắc": Area.NORTH, "Trung": Area.CENTRAL, "Nam": Area.SOUTH}


@dataclass
class RegistryResult:
    created: int = 0
    updated: int = 0


def province_unit_key(code: str, valid_from: date | None) -> str:
    """The key of a provincial police unit: ``ca01`` before the 2025 merger, ``ca01-2025`` after."""
    return f"ca{code}" if valid_from is None else f"ca{code}-{valid_from.year}"


def province_unit_name(full_name: str) -> str:
    """ "Thành phố Hà Nội" → "Công an thành phố Hà Nội"; "Tỉnh Hà Giang" → "Công an tỉnh Hà Giang"."""
    full_name = nfc(full_name.strip())
    return f"Công an {full_name[0].lower()}{full_name[1:]}"


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _upsert(model, key: str, values: dict, result: RegistryResult):
    obj, created = model.objects.get_or_create(key=key, defaults=values)
    if created:
        result.created += 1
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
        result.updated += 1
    return obj


def _signer_title(row: dict) -> dict:
    """``{"signer_title": …}`` when the registry file names one, else nothing (keep what is set)."""
    title = nfc((row.get("signer_title") or "").strip())
    return {"signer_title": title} if title else {}


def _validity(row: dict) -> dict:
    """``valid_from`` / ``valid_to`` of a ministry unit when the file gives them; a blank date means
    "not known here" and never erases one set in the admin."""
    out = {}
    for name in ("valid_from", "valid_to"):
        value = row.get(name)
        if value:
            out[name] = value if isinstance(value, date) else date.fromisoformat(str(value))
    return out


def _department_links(rows: list[dict]) -> None:
    """A department's ``predecessors`` (keys of the units it took over), when the file names them;
    links added in the admin are kept."""
    for row in rows:
        keys = row.get("predecessors") or []
        if keys:
            unit = Unit.objects.get(key=row["key"])
            unit.predecessors.add(*Unit.objects.filter(key__in=keys))


@transaction.atomic
def units_load(*, data_dir: Path = DATA_DIR, keep_codes: bool = True) -> RegistryResult:
    """Load the unit registry: the Ministry, its departments, partners, the 63 provinces' police
    units (until 30/06/2025) and the 34 from 01/07/2025 with the merger links. Idempotent.

    Department codes edited in the admin are kept when ``keep_codes`` (a blank code in the file
    never erases a code someone confirmed). A blank signer's title in the file means "not known
    here": it never erases one set in the admin either.
    """
    result = RegistryResult()
    ministry_data = yaml.safe_load((data_dir / "ministry.yaml").read_text(encoding="utf-8"))
    ministry = _upsert(
        Unit,
        ministry_data["ministry"]["key"],
        {"kind": Unit.Kind.MINISTRY, "name": nfc(ministry_data["ministry"]["name"])},
        result,
    )
    for row in ministry_data["departments"]:
        values = {
            "kind": Unit.Kind.DEPARTMENT,
            "name": nfc(row["name"]),
            "short_name": nfc(row.get("short_name", "")),
            "parent": ministry,
            **_signer_title(row),
            **_validity(row),
        }
        existing = Unit.objects.filter(key=row["key"]).first()
        if not (keep_codes and existing and existing.code and not row.get("code")):
            values["code"] = row.get("code", "")
        _upsert(Unit, row["key"], values, result)
    _department_links(ministry_data["departments"])
    for row in ministry_data["partners"]:
        _upsert(Partner, row["key"], {"name": nfc(row["name"])}, result)

    province_defaults = _signer_title(ministry_data.get("provinces") or {})
    by_era: dict[str, dict[str, Unit]] = {}
    for filename in ("provinces-2024.csv", "provinces-2025.csv"):
        era = by_era.setdefault(filename, {})
        with (data_dir / filename).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                valid_from, valid_to = _date(row["valid_from"]), _date(row["valid_to"])
                values = {
                    "kind": Unit.Kind.PROVINCE,
                    "code": row["code"],
                    "province_code": row["code"],
                    "province_name": nfc(row["name"]),
                    "name": province_unit_name(row["full_name"]),
                    "area": AREAS[nfc(row["area"])],
                    "region": nfc(row.get("region", "")),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "parent": ministry,
                    **province_defaults,
                }
                era[row["code"]] = _upsert(Unit, province_unit_key(row["code"], valid_from), values, result)

    old, new = by_era["provinces-2024.csv"], by_era["provinces-2025.csv"]
    with (data_dir / "province-merger-2025.csv").open(encoding="utf-8", newline="") as fh:
        links: dict[Unit, set[int]] = {}
        for row in csv.DictReader(fh):
            links.setdefault(new[row["new_code"]], set()).add(old[row["old_code"]].pk)
    for successor, predecessor_ids in links.items():
        current = set(successor.predecessors.values_list("pk", flat=True))
        if current != predecessor_ids:
            successor.predecessors.set(predecessor_ids)
    return result


@transaction.atomic
def users_follow_successors(*, on: date) -> int:
    """From the day a unit ends, its people belong to its successor: every user whose unit is no
    longer valid on ``on`` moves to the one unit that stands for it then (``Unit.successors_on``:
    the reporters of Công an tỉnh Hà Giang to Công an tỉnh Tuyên Quang from 01/07/2025). The users
    of a unit that ended without a successor, or split into several, stay for an administrator to
    place. Their records keep the unit that made them. Returns how many users moved; idempotent."""
    moved = 0
    ended = Unit.objects.filter(valid_to__lt=on, users__isnull=False).distinct()
    for unit in ended:
        successors = unit.successors_on(on)
        if len(successors) == 1:
            moved += User.objects.filter(unit=unit).update(unit=successors[0])
    return moved
