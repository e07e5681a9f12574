"""accounts/services.py: reloading the unit registry."""

from accounts.models import Unit


def test_registry_reload_keeps_an_edited_code(db):
    from accounts.services import units_load

    Unit.objects.filter(key="cuc-hau-can").update(code="H01")
    result = units_load()
    assert Unit.objects.get(key="cuc-hau-can").code == "H01"
    assert result.created == 0
