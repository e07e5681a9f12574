"""What the demo's records say: activity titles by task, places, pilot models (Vietnamese, as units write them)."""

ACTIVITIES = {
    "3.1": [
        ("Tuyên truyền Luật Căn cước năm 2023 tại {commune}", "direct", ["public"], ["new_laws", "rights"]),
        (
            "Hội nghị phổ biến Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ tại {commune}",
            "direct",
            ["public", "workers"],
            ["new_laws"],
        ),
        (
            "Chuyên mục “Công an với nhân dân” trên Đài Phát thanh - Truyền hình tỉnh",
            "mass_media",
            ["public"],
            ["crime_situation", "respect_for_law"],
        ),
        (
            "Tuyên truyền phòng, chống lừa đảo qua mạng trên Trang thông tin điện tử Công an tỉnh",
            "online",
            ["public"],
            ["crime_situation"],
        ),
        (
            "Lồng ghép phổ biến pháp luật trong ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” tại {commune}",
            "community",
            ["public", "ethnic_minorities"],
            ["respect_for_law"],
        ),
    ],
    "3.2": [
        ("Tư vấn pháp luật cho công nhân Khu công nghiệp {district}", "consultation", ["workers"], ["rights"]),
        (
            "Giáo dục pháp luật cho học sinh Trường THCS {commune}",
            "direct",
            ["children"],
            ["rights", "respect_for_law"],
        ),
        (
            "Tư vấn pháp luật cho đồng bào dân tộc thiểu số tại {commune}",
            "consultation",
            ["ethnic_minorities", "mountain"],
            ["rights", "new_laws"],
        ),
        (
            "Gặp mặt, giáo dục người mới ra tù tái hòa nhập cộng đồng tại {commune}",
            "direct",
            ["reintegrating"],
            ["reintegration"],
        ),
    ],
    "5": [
        (
            "Cấp phát tờ gấp “Phòng, chống tội phạm công nghệ cao” tại {commune}",
            "leaflets",
            ["public"],
            ["crime_situation"],
        )
    ],
    "6.2": [("Đăng tải video phổ biến pháp luật trên VNeID và mạng xã hội", "online", ["public"], ["new_laws"])],
    "7": [
        (
            "Xây dựng kịch bản tuyên truyền khi xảy ra tình huống phức tạp về an ninh, trật tự tại {district}",
            "other",
            ["officers"],
            ["crime_situation"],
        )
    ],
    "8.1": [("Kiện toàn đội ngũ báo cáo viên pháp luật Công an tỉnh", "training", ["officers"], ["new_laws"])],
    "10": [
        ("Phối hợp doanh nghiệp tài trợ Tủ sách pháp luật tại {commune}", "bookcase", ["public"], ["respect_for_law"])
    ],
}
PLACES = [
    ("Phường Hàng Bạc", "Quận Hoàn Kiếm"),
    ("Xã Tân Lập", "Huyện Đan Phượng"),
    ("Phường 7", "Quận 3"),
    ("Xã Hòa Phong", "Huyện Hòa Vang"),
    ("Thị trấn Phong Điền", "Huyện Phong Điền"),
    ("Xã Mường Lống", "Huyện Kỳ Sơn"),
]
# Where a pilot model stands, by the unit's province (``Unit.province_name``): wards that bear the
# same name before and after the 2025 reorganisation; a province not listed says "in the province".
MODEL_PLACES = {
    "Hà Nội": ["Phường Cửa Nam", "Xã Bát Tràng"],
    "Hồ Chí Minh": ["Phường Bến Thành", "Phường Tân Định"],
    "Cần Thơ": ["Phường Cái Khế"],
}
MODELS = [
    "Mô hình “Khu dân cư an toàn về an ninh, trật tự”",
    "Mô hình “Camera an ninh kết nối cộng đồng”",
    "Mô hình “Tổ tư vấn pháp luật cho công nhân”",
    "Mô hình “Trường học an toàn”",
]
