"""Small decision texts for the import's tests, in the shape of Decision 762 (../shared/plan/)."""

from pathlib import Path

TEXT_762 = Path(__file__).resolve().parents[3] / "plans" / "data" / "762-QD-BCA-V03-2024.txt"
PLAN_762 = TEXT_762.with_suffix(".yaml")

HEADER = """BỘ CÔNG AN
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 15/QĐ-BCA-V03
|
Hà Nội, ngày 20 tháng 01 năm 2026
QUYẾT ĐỊNH
BAN HÀNH KẾ HOẠCH THỰC HIỆN ĐỀ ÁN “THỬ NGHIỆM” NĂM 2026
BỘ TRƯỞNG BỘ CÔNG AN
Căn cứ Quyết định số 1739/QĐ-TTg ngày 18 tháng 10 năm 2021 của Thủ tướng Chính phủ phê duyệt Đề án
"Nâng cao hiệu quả công tác phổ biến, giáo dục pháp luật";
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Đề án “Thử nghiệm” năm 2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành./.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trung tướng Nguyễn Văn An
|
KẾ HOẠCH
THỰC HIỆN ĐỀ ÁN “THỬ NGHIỆM” NĂM 2026
(kèm theo Quyết định số 15/QĐ-BCA-V03 ngày 20 tháng 01 năm 2026 của Bộ trưởng Bộ Công an)
Thực hiện Quyết định số 1739/QĐ-TTg ngày 18/10/2021 của Thủ tướng Chính phủ, Bộ Công an ban hành Kế hoạch
năm 2026 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Triển khai đồng bộ các biện pháp.
II. NỘI DUNG, TIẾN ĐỘ TRIỂN KHAI
"""

PART_III = """III. TỔ CHỨC THỰC HIỆN
1. Giao Cục Pháp chế và cải cách hành chính, tư pháp là cơ quan tham mưu giúp Bộ Công an triển khai thực
hiện Kế hoạch này.
2. Công an các đơn vị, địa phương báo cáo kết quả gửi về Bộ Công an (qua Cục Pháp chế và cải cách hành
chính, tư pháp) trước ngày 15/12/2026 để tổng hợp, báo cáo Thủ tướng Chính phủ.
"""

ONE_TASK = """1. Tổ chức phổ biến pháp luật
- Cơ quan thực hiện: Công an các đơn vị, địa phương.
- Thời gian thực hiện: cả năm 2026.
"""


def decision(body: str = ONE_TASK, *, part_iii: str = PART_III) -> str:
    """A plan decision of 2026 whose part II is ``body``."""
    return HEADER + body + part_iii


def line_of(text: str, fragment: str) -> int:
    """The line (1-based) of ``text`` where ``fragment`` starts."""
    return text[: text.index(fragment)].count("\n") + 1
