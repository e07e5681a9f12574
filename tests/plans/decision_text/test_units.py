"""units: names matched to the registry word by word, whatever their case, tone marks, line breaks
and commas; a name cut short when it can mean only one unit; what matches nothing reported."""

from plans.decision_text.reading import read_text
from plans.decision_text.units import PARTNER, UNIT, Entry, Registry, read_all, read_subject

REGISTRY = Registry(
    [
        Entry(UNIT, "bo-cong-an", "Bộ Công an", "ministry"),
        Entry(UNIT, "v03", "Cục Pháp chế và cải cách hành chính, tư pháp", "department"),
        Entry(UNIT, "v03", "Cục Pháp chế", "department"),
        Entry(UNIT, "cs1", "Cục Cảnh sát quản lý hành chính về trật tự, xã hội", "department"),
        Entry(UNIT, "cs2", "Cục Cảnh sát giao thông", "department"),
        Entry(UNIT, "ca56-2025", "Công an tỉnh Khánh Hòa", "province"),
        Entry(PARTNER, "bo-tu-phap", "Bộ Tư pháp"),
        Entry(PARTNER, "mttq-thanh-vien", "Các tổ chức thành viên của Mặt trận Tổ quốc Việt Nam"),
    ]
)


def subject(text: str):
    flat = read_text(text)
    return read_subject(REGISTRY, flat, 0, len(flat.tokens)), flat


def test_full_names_short_names_and_scopes_up_to_the_verb():
    names, flat = subject("Cục Pháp chế, Công an tỉnh Khánh Hoà và Công an các đơn vị, địa phương xây dựng kế hoạch")
    assert (names.units, names.scopes) == (["v03", "ca56-2025"], ["all_units"])
    assert flat.tokens[names.end].text == "xây"


def test_a_name_cut_short_matches_only_when_one_name_begins_so():
    names, _flat = subject("Cục Pháp chế và cải cách hành chính chủ trì")
    assert names.units == ["v03"]
    names, _flat = subject("Cục Cảnh sát quản lý hành chính chủ trì")  # 6 words, one name
    assert names.units == ["cs1"]
    names, _flat = subject("Cục Cảnh sát chủ trì")  # two names begin so: not guessed
    assert names.units == [] and names.unknown == [("Cục Cảnh sát", 0)]


def test_case_line_breaks_nfd_and_commas_do_not_matter():
    import unicodedata

    names, _flat = subject(unicodedata.normalize("NFD", "CỤC PHÁP CHẾ VÀ CẢI CÁCH\nHÀNH CHÍNH TƯ PHÁP chủ trì"))
    assert names.units == ["v03"]


def test_notes_in_parentheses_are_skipped_names_in_parentheses_read():
    names, _flat = subject(
        "Cục Pháp chế (tổ chức tại Hà Nội), Công an các tỉnh, thành phố (Công an các đơn vị, địa phương)"
    )
    assert names.units == ["v03"] and names.scopes == ["all_provinces", "all_units"]


def test_bodies_of_an_organisation_and_requests_to_partners():
    flat = read_text(
        "đề nghị các cơ quan, đơn vị chức năng thuộc Bộ Tư pháp, các tổ chức thành viên và Hội Nông dân Việt Nam "
        "tích cực phối hợp"
    )
    names = read_all(REGISTRY, flat, 0, len(flat.tokens))
    assert names.partners == ["bo-tu-phap", "mttq-thanh-vien"]
    assert [text for text, _offset in names.unknown] == ["Hội Nông dân Việt Nam"]


def test_the_units_concerned_are_not_every_unit():
    names, _flat = subject("Cục Pháp chế và Công an các đơn vị, địa phương liên quan")
    assert names.units == ["v03"] and names.scopes == ["units_concerned"]
    assert REGISTRY.covered("v03", "all_units") and not REGISTRY.covered("v03", "units_concerned")
