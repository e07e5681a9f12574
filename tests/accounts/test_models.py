"""The unit registry (accounts/models.py, loaded from the real files): validity, names, predecessors and successors."""

from datetime import date

from accounts.models import Unit


def test_63_provinces_in_2024_and_34_after_the_merger(db):
    assert Unit.objects.valid_on(date(2024, 6, 1)).filter(kind="province").count() == 63
    assert Unit.objects.valid_on(date(2025, 9, 1)).filter(kind="province").count() == 34


def test_names_follow_the_province_kind(db):
    assert Unit.objects.get(key="ca01").name == "Công an thành phố Hà Nội"
    assert Unit.objects.get(key="ca02").name == "Công an tỉnh Hà Giang"
    assert Unit.objects.get(key="ca79").name == "Công an thành phố Hồ Chí Minh"


def test_reused_codes_are_different_units(db):
    old = Unit.objects.get(key="ca15")
    new = Unit.objects.get(key="ca15-2025")
    assert old.province_name == "Yên Bái" and new.province_name == "Lào Cai"
    assert old in new.predecessors.all()
    assert set(Unit.objects.get(key="ca08-2025").predecessors.values_list("province_name", flat=True)) == {
        "Hà Giang",
        "Tuyên Quang",
    }


def test_every_old_province_has_exactly_one_successor(db):
    for unit in Unit.objects.filter(kind="province", valid_to=date(2025, 6, 30)):
        assert unit.successors.count() == 1, unit


def test_departments_codes_confirmed_or_blank(db):
    assert Unit.objects.get(key="v03").code == "V03"
    assert Unit.objects.get(key="v04").code == "V04"
    assert Unit.objects.get(key="cuc-hau-can").code == ""
