"""Vietnamese text helpers: NFC everywhere, and name matching that ignores tone-mark placement."""

import re
import unicodedata
from functools import lru_cache

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Open syllables ending in oa, oe, uy carry the tone on either vowel depending on the style:
# "Hoà" (old) and "Hòa" (new). "Quý" is not one of them: there "qu" is the consonant.
_OLD_STYLE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{TONE_MARKS}])(?![\w{TONE_MARKS}\u0302\u0306\u031b])")


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC, the one form we store and compare."""
    return unicodedata.normalize("NFC", value) if value else value


@lru_cache(maxsize=8192)  # a spreadsheet import looks up the same labels row after row
def name_key(value: str) -> str:
    """A comparison key for Vietnamese names: NFC, case-folded, tone placement unified (Hoà = Hòa)."""
    text = unicodedata.normalize("NFD", value or "")
    text = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
