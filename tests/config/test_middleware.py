"""Vietnamese first (config/middleware.py): the browser's language is not consulted, the user's choice is."""


def test_admin_is_in_vietnamese(client, db):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("root", password="x-Pass-123"))
    html = client.get("/admin/").content.decode()
    assert "Kế hoạch" in html and "Đơn vị và người dùng" in html
    html = client.get("/admin/plans/deliverable/").content.decode()
    assert "Thời hạn" in html or "thời hạn" in html


def test_pages_are_vietnamese_even_for_an_english_browser(client, db):
    from accounts.models import User

    client.force_login(User.objects.create_superuser("root2", password="x-Pass-123"))
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đơn vị và người dùng" in html
    client.cookies["django_language"] = "en"
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Units and users" in html


def test_a_number_too_large_for_the_database_is_a_400_page_in_vietnamese(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    from config.middleware import NumberOutOfRangeMiddleware

    request = rf.get("/hoat-dong/?unit=378544971311289860096")
    request.user = AnonymousUser()
    middleware = NumberOutOfRangeMiddleware(lambda r: None)
    with translation.override("vi"):  # as the locale middleware before it activates
        response = middleware.process_exception(
            request, OverflowError("Python int too large to convert to SQLite INTEGER")
        )
    assert response.status_code == 400
    assert "vượt quá giới hạn" in response.content.decode()
    assert middleware.process_exception(request, OverflowError("math range error")) is None  # a real bug stays a 500
