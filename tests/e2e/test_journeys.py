"""Three journeys in a real browser (Chromium through Playwright) against a live server
holding the demo dataset; a screenshot of each end state goes to var/screenshots/. Each runs in
English, in Serbian Cyrillic and in Albanian (the browser's language: Accept-Language), finding
buttons and links by their translated names, on a desktop's screen and on a phone's (390×844;
screenshots end in `-phone`).

1. A civil-society member (`share`) logs a request to the Ministry of Interior, records a
   "classified" refusal, and sees the appeal deadline and the complaint letter.
2. A reviewer verifies an award and publishes it;
3. an anonymous visitor then finds it by typing a Cyrillic name and opens its page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from procurement.foi.rules import workflow
from procurement.foi.rules.deadlines import long_day
from procurement.models import Award, InfoRequest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]
PASSWORD = "demo-password"  # the `demo` fixture's
# The browser's language (its Accept-Language) → the page's; "" keeps the English file names.
LANGUAGES = {"en": ("en-GB", ""), "sr": ("sr", "-sr"), "sq": ("sq", "-sq")}
DEVICES = {"desktop": "", "phone": "-phone"}  # tests/e2e/conftest.py DEVICES; file name suffix


def words(language: str, msgid: str, **values) -> str:
    """What the page says in `language` for a msgid (and its placeholders)."""
    with translation.override(language):
        text = translation.gettext(msgid)
        return text % {k: str(v) for k, v in values.items()} if values else text


def status_label(language: str, status: str) -> str:
    with translation.override(language):
        return str(workflow.label(status))


def fits(page) -> None:
    """Nothing scrolls sideways: the page is no wider than the screen it is shown on."""
    scroll, inner, screen = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth, screen.width]"
    )
    assert scroll <= min(inner, screen), (page.url, scroll, inner, screen)


def sign_in(page, base: str, username: str, then: str) -> None:
    page.goto(f"{base}/accounts/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}{then}")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_logs_a_request_and_records_a_classified_refusal(
    live_server, new_page, screenshot, language, device
):
    today = timezone.localdate()
    browser_locale, suffix = LANGUAGES[language]
    suffix += DEVICES[device]
    page = new_page(locale=browser_locale, device=device)
    sign_in(page, live_server.url, "share", "/workspace/")
    fits(page)
    screenshot(page, f"journey-1-dashboard{suffix}")
    assert page.locator("html").get_attribute("lang") == {"sr": "sr-Cyrl"}.get(language, language)
    page.get_by_role("link", name=words(language, "Log a request")).click()

    # The authority, typed in Cyrillic: the page's script suggests it while typing.
    page.locator("#authority-q").press_sequentially("Министарство унутр", delay=40)
    suggestion = page.locator("a.authority-suggestion", has_text="Ministry of Interior")
    suggestion.click()
    page.wait_for_selector("text=Law on Free Access to Information of Public Importance")
    page.fill("#id_subject", "Contracts for the Safe City cameras in Novi Sad")
    page.fill("#id_text", "Please send the contracts for the cameras installed in Novi Sad.")
    page.fill("#id_sent_on", (today - timedelta(days=10)).isoformat())
    page.fill("#id_received_on", (today - timedelta(days=9)).isoformat())
    page.select_option("#id_channel", "email")
    page.get_by_role("button", name=words(language, "Save and mark as sent")).click()
    page.wait_for_selector(
        f"text={words(language, 'Request logged and marked as sent; its deadlines run.')}"
    )

    refused = status_label(language, "classified")
    page.get_by_role("link", name=refused[:1].upper() + refused[1:]).click()
    page.fill("#id_on", (today - timedelta(days=2)).isoformat())
    page.select_option("#id_classification_level", "STROGO POVERLJIVO")
    page.fill("#id_classification_article", "čl. 9 tačka 5")
    page.check("input[name=harm_test_given][value=no]")
    page.get_by_role("button", name=words(language, "Record “%(status)s”", status=refused)).click()
    page.wait_for_selector(f"text={words(language, 'Recorded: %(status)s.', status=refused)}")

    info_request = InfoRequest.objects.get(subject__startswith="Contracts for the Safe City")
    assert info_request.status == "classified" and info_request.visibility == "private"
    assert info_request.appeal_due_on >= today
    deadlines = page.locator("section.deadlines").inner_text()
    assert words(language, "Appeal window closes") in deadlines
    with translation.override(language):  # the day with the language's weekday and month
        assert long_day(info_request.appeal_due_on) in deadlines
    assert words(language, "appeal window open") in deadlines
    letter = page.locator("section.letters details.letter").first
    kind = words(language, "complaint: refused as classified")
    assert kind[:1].upper() + kind[1:] in letter.inner_text()  # named in the page's language
    # The letter itself is in its addressee's language (Serbian first, English beside it),
    # whatever the page's.
    assert "uskraćivanja informacija označenih kao tajna" in letter.inner_text()
    body = letter.locator("textarea").input_value()
    assert "Poverenik za informacije od javnog značaja" in body
    assert "STROGO POVERLJIVO" in body and "čl. 9 tačka 5" in body
    fits(page)
    screenshot(page, f"journey-1-classified-refusal{suffix}")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reviewer_publishes_an_award_that_a_visitor_then_finds_in_cyrillic(
    live_server, new_page, screenshot, language, device
):
    title = "Dahua video surveillance at the airport"
    assert Award.objects.get(title=title).review_status == "unverified"
    browser_locale, suffix = LANGUAGES[language]
    suffix += DEVICES[device]

    reviewer = new_page(locale=browser_locale, device=device)
    sign_in(reviewer, live_server.url, "reviewer", "/review/")
    reviewer.get_by_role("link", name=title).click()
    reviewer.locator("button[value=verify]").click()
    reviewer.wait_for_selector(".review-verified")
    reviewer.locator("button[value=publish]").click()
    reviewer.wait_for_selector(".review-published")
    assert Award.objects.get(title=title).review_status == "published"
    screenshot(reviewer, f"journey-2-reviewer-published{suffix}")

    visitor = new_page(locale=browser_locale, device=device)
    visitor.goto(live_server.url + "/")  # unprefixed: answered in the browser's language
    visitor.locator("#home-q").press_sequentially("Дахуа", delay=40)
    visitor.locator("#home-q").press("Enter")
    visitor.get_by_role("link", name=title).wait_for()
    fits(visitor)
    screenshot(visitor, f"journey-3-visitor-search{suffix}")
    if device == "phone":  # the results come first, above the filters
        results = visitor.locator("section.results").bounding_box()
        filters = visitor.locator("details.filters-disclosure").bounding_box()
        assert results["y"] < filters["y"]
        assert not visitor.locator("#id_method").is_visible()  # behind "Filters"
        visitor.locator("details.filters-disclosure > summary").click()
        assert visitor.locator("#id_method").is_visible()
        fits(visitor)
    visitor.get_by_role("link", name=title).click()
    visitor.wait_for_selector(f"h1:has-text('{title}')")
    assert "Dahua Technology" in visitor.locator("main").inner_text()
    prefix = {"en": "/en/", "sr": "/sr/", "sq": "/sq/"}[language]
    assert visitor.url.startswith(live_server.url + prefix)  # a link to share in this language
    fits(visitor)
    screenshot(visitor, f"journey-3-visitor-found-award{suffix}")
