"""Three journeys in a real browser (Chromium through Playwright) against a live server
holding the demo dataset; a screenshot of each end state goes to var/screenshots/.

1. A civil-society member (`share`) logs a request to the Ministry of Interior, records a
   "classified" refusal, and sees the appeal deadline and the complaint letter.
2. A reviewer verifies an award and publishes it;
3. an anonymous visitor then finds it by typing a Cyrillic name and opens its page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from procurement.foi.rules.deadlines import long_day
from procurement.models import Award, InfoRequest

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("demo")]
PASSWORD = "demo-password"  # the `demo` fixture's


def sign_in(page, base: str, username: str, then: str) -> None:
    page.goto(f"{base}/accounts/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}{then}")


def test_a_member_logs_a_request_and_records_a_classified_refusal(
    live_server, new_page, screenshot
):
    today = timezone.localdate()
    page = new_page()
    sign_in(page, live_server.url, "share", "/workspace/")
    page.get_by_role("link", name="Log a request").click()

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
    page.get_by_role("button", name="Save and mark as sent").click()
    page.wait_for_selector("text=Request logged and marked as sent")

    page.get_by_role("link", name="Refused as classified").click()
    page.fill("#id_on", (today - timedelta(days=2)).isoformat())
    page.select_option("#id_classification_level", "STROGO POVERLJIVO")
    page.fill("#id_classification_article", "čl. 9 tačka 5")
    page.check("input[name=harm_test_given][value=no]")
    page.get_by_role("button", name="Record “refused as classified”").click()
    page.wait_for_selector("text=Recorded: refused as classified")

    info_request = InfoRequest.objects.get(subject__startswith="Contracts for the Safe City")
    assert info_request.status == "classified" and info_request.visibility == "private"
    assert info_request.appeal_due_on >= today
    deadlines = page.locator("section.deadlines")
    assert "Appeal window closes" in deadlines.inner_text()
    assert long_day(info_request.appeal_due_on) in deadlines.inner_text()
    assert "appeal window open" in deadlines.inner_text()
    letter = page.locator("section.letters details.letter").first
    assert "Complaint: refused as classified" in letter.inner_text()
    body = letter.locator("textarea").input_value()
    assert "Commissioner for Information of Public Importance" in body
    assert "STROGO POVERLJIVO" in body and "čl. 9 tačka 5" in body
    screenshot(page, "journey-1-classified-refusal")


def test_a_reviewer_publishes_an_award_that_a_visitor_then_finds_in_cyrillic(
    live_server, new_page, screenshot
):
    title = "Dahua video surveillance at the airport"
    assert Award.objects.get(title=title).review_status == "unverified"

    reviewer = new_page()
    sign_in(reviewer, live_server.url, "reviewer", "/review/")
    reviewer.get_by_role("link", name=title).click()
    reviewer.locator("button[value=verify]").click()
    reviewer.wait_for_selector(".review-verified")
    reviewer.locator("button[value=publish]").click()
    reviewer.wait_for_selector(".review-published")
    assert Award.objects.get(title=title).review_status == "published"
    screenshot(reviewer, "journey-2-reviewer-published")

    visitor = new_page()
    visitor.goto(live_server.url + "/")
    visitor.locator("#home-q").press_sequentially("Дахуа", delay=40)
    visitor.locator("#home-q").press("Enter")
    visitor.get_by_role("link", name=title).click()
    visitor.wait_for_selector(f"h1:has-text('{title}')")
    assert "Dahua Technology" in visitor.locator("main").inner_text()
    screenshot(visitor, "journey-3-visitor-found-award")
