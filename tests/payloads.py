"""Request bodies the API takes, shared by tests of several features."""

ACTIVITY = {
    "task": None,
    "start_date": "10/05/2024",
    "title": "Tuyên truyền Luật Căn cước tại phường Hàng Bạc",
    "description": "Phổ biến Luật Căn cước 2023 cho nhân dân khu phố",
    "form": "direct",
    "target_groups": ["public", "workers"],
    "topics": ["new_laws", "rights"],
    "commune": "Phường Hàng Bạc",
    "district": "Quận Hoàn Kiếm",
    "sessions": 2,
    "participants": 180,
    "copies": 300,
    "online_reach": 0,
    "budget_vnd": 2_500_000,
}
