"""The check the journeys run on every page finds what it is meant to find."""

import pytest

from tests.e2e.conftest import PAGE_CHECK, page_findings

pytestmark = pytest.mark.browser

BROKEN = """<!doctype html><html lang="en"><head><title>x</title></head><body>
<h1>Title</h1><h3>Skipped a level</h3>
<form><input name="nameless"><label for="id_gone">Gone</label>
<input id="id_q" name="q" aria-describedby="id_q_helptext"><label for="id_q">Q</label>
<input type="hidden" name="fine"><button type="submit">Go</button></form>
</body></html>"""

SOUND = """<!doctype html><html lang="en"><head><title>x</title></head><body><main>
<h1>Title</h1><h2>Part</h2><h3>Detail</h3><h2>Another part</h2>
<form><label for="id_q">Q</label><input id="id_q" aria-describedby="id_q_helptext">
<small id="id_q_helptext">Help</small><input aria-label="Search"><select title="Sort"></select>
<label><input type="checkbox" name="c"> C</label></form></main></body></html>"""


def findings(browser, html: str) -> list[str]:
    context = browser.new_context()
    try:
        context.add_init_script(script=PAGE_CHECK)
        page = context.new_page()
        page.route(
            "http://page-check.test/",
            lambda route: route.fulfill(body=html, content_type="text/html"),
        )
        page.goto("http://page-check.test/")
        return [problem for seen in page_findings(page) for problem in seen["problems"]]
    finally:
        context.close()


def test_the_page_check_reports_each_kind_of_finding(browser):
    assert sorted(findings(browser, BROKEN)) == sorted(
        [
            'input#id_q[name=q] aria-describedby="id_q_helptext": no such id',
            'label for="id_gone": no such id',
            "input[name=nameless] has no label",
            "no main landmark",
            'heading h3 "Skipped a level" after h1',
        ]
    )


def test_a_sound_page_has_no_finding(browser):
    assert findings(browser, SOUND) == []
