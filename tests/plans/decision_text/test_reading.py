"""reading: bytes to text, bounded; binary and foreign encodings refused with the line; one
normal form; words that keep their source line."""

import pytest

from plans.decision_text.reading import MAX_BYTES, DecisionTextError, decode, read_text


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (b"Dong 1\nDong 2\n\x00\x01\x02", 3, "tệp nhị phân"),
        ("Dong 1\nDòng 2".encode("latin-1"), 2, "không phải văn bản mã UTF-8"),
        (b"x" * (MAX_BYTES + 1), None, "lớn hơn 1000 kB"),
    ],
)
def test_what_is_not_text_is_refused(data, line, message):
    with pytest.raises(DecisionTextError) as err:
        decode(data)
    assert message in err.value.message
    assert err.value.line == line


def test_utf8_with_bom_and_utf16_are_read():
    assert decode("\ufeffSố: 1/QĐ".encode()) == "Số: 1/QĐ"
    assert decode("Số: 1/QĐ".encode("utf-16")) == "Số: 1/QĐ"


def test_control_characters_name_their_line():
    with pytest.raises(DecisionTextError) as err:
        read_text("Dòng 1\nDòng 2\x07")
    assert err.value.line == 2


def test_words_keep_their_line_whatever_the_line_breaks():
    flat = read_text("BỘ CÔNG AN\r\n-------\r\n|\r\n\r\nSố: 762/QĐ-\r\nBCA-V03 | Hà Nội")
    assert flat.text == "BỘ CÔNG AN Số: 762/QĐ-BCA-V03 Hà Nội"
    assert flat.line_at(flat.text.index("Số")) == 5
    assert flat.line_at(flat.text.index("BCA")) == 6
    assert flat.line_at(flat.text.index("Hà")) == 6
