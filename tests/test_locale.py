"""locale/vi: every entry translated, none fuzzy, NFC, and the compiled .mo matches the .po."""

import unicodedata
from pathlib import Path

import polib
from django.utils import translation

PO = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert po.percent_translated() == 100


def test_translations_are_nfc_and_keep_their_placeholders():
    for entry in polib.pofile(str(PO)):
        text = entry.msgstr or entry.msgstr_plural.get(0, "")
        assert unicodedata.is_normalized("NFC", text), entry.msgid
        for token in ("%(", "%s", "%d"):
            assert entry.msgid.count(token) == text.count(token), entry.msgid


def test_compiled_catalogue_matches_the_po():
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(PO.with_suffix(".mo")))}
    po = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PO)) if not e.obsolete and not e.msgid_plural}
    assert {k: v for k, v in po.items() if mo.get(k) != v} == {}


def test_django_speaks_vietnamese_by_default(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    with translation.override("vi"):
        assert translation.gettext("Overdue") == "Quá hạn"
