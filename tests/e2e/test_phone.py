"""On a phone (390×844): no page of the access matrix scrolls sideways.

Every GET case of tests/test_access_matrix.py is opened at 390 px by a role allowed to see it
(or anonymously when nobody is), and `document.documentElement.scrollWidth <= innerWidth` is
measured; a full-page screenshot of each goes to var/screenshots/phone/. Downloads (CSV, xlsx,
JSON, iCalendar, documents) are not pages and are left out. The search page shows its results
before its filters, which wait behind "Filters" and open without JavaScript.
"""

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.test_access_matrix import CASES, ROLES, build_world, expected

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference", "media_root"),
]
PHONE = {"width": 390, "height": 844}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _session_cookie(user, base: str) -> list[dict]:
    client = Client()
    client.force_login(user)
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": base,
        }
    ]


def test_no_page_of_the_access_matrix_scrolls_sideways_at_390px(live_server, browser, screenshot):
    world = build_world()
    (settings.VAR_DIR / "screenshots" / "phone").mkdir(parents=True, exist_ok=True)
    contexts = {}

    def page_for(role: str):
        if role not in contexts:
            context = browser.new_context(
                viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1
            )
            context.set_default_timeout(30_000)
            if role != "anonymous":
                context.add_cookies(_session_cookie(getattr(world.people, role), live_server.url))
            contexts[role] = context.new_page()
        return contexts[role]

    measured, too_wide = 0, []
    try:
        for case in CASES:
            if case.method != "get":
                continue
            role = next((r for r in ROLES if expected(case, r) == "ok"), "anonymous")
            page = page_for(role)
            target = live_server.url + case.url(world)
            head = page.request.get(target, max_redirects=0)
            if "text/html" not in head.headers.get("content-type", ""):
                continue  # a download, not a page
            page.goto(target)
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            measured += 1
            screenshot(page, f"phone/{_slug(case.route + '-' + case.name)}")
            # A phone browser widens its layout viewport (innerWidth) to fit content that
            # overflows, zoomed out: the page must fit the device's 390 px as well.
            if scroll > min(inner, PHONE["width"]):
                too_wide.append(f"{case.name} ({target}): {scroll} > {inner}")
    finally:
        for page in contexts.values():
            page.context.close()
    assert measured > 50, measured  # the pages, not only the downloads
    assert too_wide == [], "\n".join(too_wide)
