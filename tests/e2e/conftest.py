"""Playwright driving Debian's Chromium (/usr/bin/chromium; `.ci/run` installs it with apt,
never a browser download) against the app served by pytest-django's live server. Every page
a journey loads is checked (page_check.js): labels, references to ids, the main landmark,
heading levels."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("TRACKER_CHROMIUM", "/usr/bin/chromium")
PAGE_CHECK = (Path(__file__).parent / "page_check.js").read_text(encoding="utf-8")
PAGE_CHECK_KEY = "tracker-page-check"
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _no_media_handler():
    """Uploads have no URL (MEDIA_URL is None: they are served only through the permission
    check), so the live server's media-file handler must serve nothing — it would otherwise
    fail on the missing URL."""
    from django.test import testcases

    original = testcases._MediaFilesHandler._should_handle
    testcases._MediaFilesHandler._should_handle = lambda self, path: False
    yield
    testcases._MediaFilesHandler._should_handle = original


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("TRACKER_FORBID_SKIPS") or os.environ.get("CI"):
            pytest.fail(message)  # CI must run the journeys, never skip them
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while the browser is open (so
    # only for this module, and never seen by subprocesses started later); the tests' own
    # database reads between browser steps are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def page_findings(page) -> list[dict]:
    """What page_check.js recorded on each page this page's context loaded: {url, problems}."""
    return json.loads(page.evaluate(f"localStorage.getItem({PAGE_CHECK_KEY!r}) || '[]'"))


@pytest.fixture
def new_page(browser):
    """A fresh browser context (no cookies) per visitor, checking every page it loads; closed
    after the test, which fails if any page it visited had a finding."""
    pages = []

    def make(locale: str = "en-GB", device: str = "desktop"):
        """`locale` is the browser's language, sent as Accept-Language; `device` the screen
        (DEVICES: a desktop's, or a 390×844 phone's with touch)."""
        context = browser.new_context(locale=locale, **DEVICES[device])
        context.set_default_timeout(30_000)  # two shared cores: be patient, never flaky
        context.add_init_script(script=PAGE_CHECK)
        page = context.new_page()
        pages.append(page)
        return page

    yield make
    visited = []
    for page in pages:
        if page.url.startswith("http"):
            visited += page_findings(page)
        page.context.close()
    assert visited, "the page check ran on no page"
    problems = [f"{seen['url']}: {problem}" for seen in visited for problem in seen["problems"]]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def screenshot(capsys):
    """Save a full-page screenshot under var/screenshots/ and print where it is."""
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        with capsys.disabled():
            print(f"\nscreenshot: {path}")
        return path

    return take
