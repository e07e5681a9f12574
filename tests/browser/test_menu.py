"""The header menu on a 390 px phone (Chromium): one row ("Danh mục chức năng") until tapped, then every
entry a tap target of 44 px at least; on an office screen it is one open bar with no toggle."""

import pytest

from tests.browser.session import Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_reviewers_menu_is_compact_on_a_phone(browser, live_server, people):
    session = Session(browser, live_server.url, blocked := [])
    page = session.login("v03.reviewer")
    nav = page.locator("nav.site-nav")
    summary = page.locator("details.site-menu > summary")
    assert not summary.is_visible()  # 1366 px: the menu is open, no toggle
    wide = nav.bounding_box()["height"]

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert summary.is_visible() and summary.inner_text().strip().endswith("Danh mục chức năng")
    assert not page.locator("details.site-menu").evaluate("menu => menu.open")
    assert summary.bounding_box()["height"] >= 44
    menu_height = page.locator("details.site-menu").bounding_box()["height"]
    assert menu_height < 60, f"the closed menu is {menu_height} px tall (was {wide} px on a wide screen)"
    session.shot("menu-390-closed")

    summary.click()
    links = page.locator("details.site-menu ul a")
    assert links.count() >= 8
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390, links.nth(i).inner_text()
    session.shot("menu-390-open")
    links.filter(has_text="Hàng chờ xét duyệt").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hàng chờ xét duyệt")
    assert blocked == []
    session.close()
