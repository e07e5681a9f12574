"""A list filter's select (config/forms.py FilterSelect) gives what Django's Select gives, whether
its HTML was kept or not: choices grouped or flat, any value, required or not, in either language."""

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from config.forms import FilterSelect

CHOICES = [("", _("All")), ("direct", _("Direct")), ("online", _("Online"))]
GROUPED = [("", _("All")), ("1. Nhóm <một>", [(1, "1.1. Việc & làm"), (2, "1.2. Khác")]), ("2. Hai", [(3, "2. Ba")])]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_same_html_as_django_select(choices, language):
    with translation.override(language):
        for value in (None, "", "direct", "2", 2, "nope", "<x>"):
            for attrs in (None, {"id": "id_form"}, {"id": "id_form", "required": True}):
                for _twice in range(2):
                    kept = FilterSelect(choices=choices).render("form", value, attrs)
                    assert kept == forms.Select(choices=choices).render("form", value, attrs)


def test_what_is_kept_stays_bounded(monkeypatch):
    monkeypatch.setattr(FilterSelect, "_rendered", {})
    for n in range(FilterSelect.KEPT_AT_MOST * 2):
        FilterSelect(choices=[("", "-"), (str(n), f"n{n}")]).render("x", str(n))
        FilterSelect(choices=CHOICES).render("x", f"not a choice {n}")
    assert 0 < len(FilterSelect._rendered) <= FilterSelect.KEPT_AT_MOST
