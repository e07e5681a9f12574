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


# The Vietnamese alphabet: ă, â, đ, ê, ô, ơ, ư are letters of their own (CLDR's "vi" collation);
# f, j, w, z appear in foreign names.
_ALPHABET = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
# Tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


@lru_cache(maxsize=8192)
def vietnamese_sort_key(value: str) -> tuple:
    """A sort key that orders Vietnamese text as a dictionary does, not by code point.

    Letters first, in the Vietnamese alphabet and regardless of case (a < ă < â < b … d < đ …), so
    Bạc Liêu < Bắc Giang < Bình Định < Bình Thuận; then, among equal letters, the tones word by word
    (none, huyền, hỏi, ngã, sắc, nặng: ma < mà < mả < mã < má < mạ), where the tone's placement does
    not count (Hoà and Hòa tie); then the NFC text itself, so that the order is always the same.
    Spaces, digits and punctuation come before letters.
    """
    decomposed = unicodedata.normalize("NFD", value or "").casefold()
    tones: list[int] = []
    word_tone, in_word = 0, False
    bare = []
    for char in decomposed:
        if char in _TONE_RANK:
            word_tone = _TONE_RANK[char]
            continue
        bare.append(char)
        if char.isalnum() or unicodedata.combining(char):
            in_word = True
        elif in_word:
            tones.append(word_tone)
            word_tone, in_word = 0, False
    if in_word:
        tones.append(word_tone)
    letters = tuple(
        (1, _ALPHABET[char]) if char in _ALPHABET else ((2, ord(char)) if char.isalpha() else (0, ord(char)))
        for char in unicodedata.normalize("NFC", "".join(bare))
    )
    return letters, tuple(tones), nfc(value or "")
