"""Choosing the language: a prefix on public pages (shared links open in the sender's language,
hreflang alternates), the reader's language elsewhere (account, switcher cookie, browser,
English), a switcher that works without JavaScript, and every URL named in the issues still
answering without a prefix."""

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import translation

from procurement.core import languages
from procurement.models import User
from tests.factories import AwardFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL = ["en", "sr-latn", "sr", "mk", "sq", "bs"]


def lang_of(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


# --- pure rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("sr-Latn-RS,sr;q=0.8", "sr-latn"),
        ("sr-RS,en;q=0.5", "sr"),
        ("sr-ME", "bs"),  # Montenegrin readers: Bosnian (the issue)
        ("hr-HR,en;q=0.5", "bs"),
        ("mk-MK", "mk"),
        ("sq-XK,sq;q=0.9", "sq"),
        ("de-DE,fr;q=0.5", None),
        ("de-DE,bs;q=0.3", "bs"),
        ("", None),
        ("*", None),
    ],
)
def test_accept_language_picks_the_first_language_the_tracker_speaks(header, expected):
    assert languages.from_accept_language(header) == expected


def test_paths_change_language_by_their_prefix_only():
    assert languages.language_of_path("/sr-latn/awards/") == "sr-latn"
    assert languages.language_of_path("/srpski/") is None
    assert languages.language_of_path("/awards/") is None
    assert languages.unprefixed("/sq/awards/?q=x") == "/awards/?q=x"
    assert languages.unprefixed("/sq/") == "/"
    assert languages.with_language("/sq/awards/?q=Ниш", "sr") == "/sr/awards/?q=Ниш"
    assert languages.with_language("/workspace/", "sr") == "/workspace/"


def test_the_name_in_the_pages_script_comes_from_the_aliases():
    class Alias:
        def __init__(self, name, script):
            self.name, self.script = name, script

    aliases = [Alias("Хуавеј", "cyrl")]
    assert languages.name_in_script("Huawei", aliases, "sr") == "Хуавеј"
    assert languages.name_in_script("Huawei", aliases, "mk") == "Хуавеј"
    assert languages.name_in_script("Huawei", aliases, "sr-latn") == "Huawei"
    assert languages.name_in_script("Град Ниш", [Alias("Grad Niš", "latn")], "sq") == "Grad Niš"
    assert languages.name_in_script("Град Ниш", [], "en") == "Град Ниш"  # nothing better


# --- prefixed public pages ------------------------------------------------------------


@pytest.mark.parametrize("language", ALL)
def test_a_prefixed_public_page_is_in_its_language_whoever_reads_it(client, language):
    user = UserFactory(language="mk")
    client.force_login(user)
    response = client.get(f"/{language}/awards/?q=x", HTTP_ACCEPT_LANGUAGE="sq")
    assert response.status_code == 200
    assert lang_of(response) == languages.BCP47[language]
    assert response["Content-Language"] == languages.BCP47[language]
    with translation.override(language):
        assert translation.gettext("Awards") in response.content.decode()


def test_public_pages_list_their_alternates_with_hreflang(client):
    html = client.get("/sq/awards/?q=Ni%C5%A1").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": "http://testserver/en/awards/?q=Ni%C5%A1",
        "sr-Latn": "http://testserver/sr-latn/awards/?q=Ni%C5%A1",
        "sr-Cyrl": "http://testserver/sr/awards/?q=Ni%C5%A1",
        "mk": "http://testserver/mk/awards/?q=Ni%C5%A1",
        "sq": "http://testserver/sq/awards/?q=Ni%C5%A1",
        "bs": "http://testserver/bs/awards/?q=Ni%C5%A1",
        "x-default": "http://testserver/awards/?q=Ni%C5%A1",
    }


def test_links_on_a_prefixed_page_keep_its_language(client, reference):
    award = AwardFactory(title="Kamere")
    html = client.get(f"/sr/awards/{award.pk}/").content.decode()
    assert f'href="/sr/organisations/{award.buyer_id}/"' in html
    assert 'href="/sr/awards/"' in html and 'href="/en/awards/"' not in html


@pytest.mark.parametrize(
    "path",
    ["/sq/workspace/", "/sq/awards/export.csv", "/sq/api/awards/", "/sq/admin/", "/sq/account/"],
)
def test_what_is_not_a_public_page_has_no_language_prefix(client, path):
    assert client.get(path).status_code == 404


# --- unprefixed URLs: the reader's language ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/awards/", 200),
        ("/awards/?q=Beograd", 200),
        ("/awards/export.csv", 200),
        ("/awards/export.ocds.json", 404),  # no published process: the package explains why
        ("/deadlines/", 200),
        ("/requests/", 200),
        ("/charts/", 200),
        ("/red-flags/", 200),
        ("/status/", 200),
        ("/api/awards/", 200),
        ("/api/deadlines/?jurisdiction=RS&received_on=2026-01-30", 200),
        ("/api/docs/", 200),
        ("/workspace/", 302),  # sign in first
        ("/account/", 302),
        ("/accounts/login/", 200),
    ],
)
def test_every_url_named_in_the_issues_still_answers_without_a_prefix(
    client, reference, path, status
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="sq")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_an_unprefixed_page_answers_in_place_in_the_browsers_language(client):
    response = client.get("/awards/", HTTP_ACCEPT_LANGUAGE="sr-Latn-RS,en;q=0.5")
    assert response.status_code == 200  # no redirect: old links and forms keep working
    assert lang_of(response) == "sr-Latn"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    html = response.content.decode()
    assert 'href="/sr-latn/awards/"' in html  # its links carry the language on
    assert (
        client.get("/awards/", HTTP_ACCEPT_LANGUAGE="de").content.decode().count('<html lang="en">')
    )


def test_the_switchers_cookie_beats_the_browser_for_visitors(client):
    client.cookies["django_language"] = "mk"
    assert lang_of(client.get("/deadlines/", HTTP_ACCEPT_LANGUAGE="sq")) == "mk"


def test_a_signed_in_users_language_wins_on_unprefixed_pages(client):
    user = UserFactory(language="sq")
    client.force_login(user)
    client.cookies["django_language"] = "mk"
    response = client.get("/workspace/", HTTP_ACCEPT_LANGUAGE="sr")
    assert lang_of(response) == "sq"
    assert lang_of(client.get("/awards/", HTTP_ACCEPT_LANGUAGE="sr")) == "sq"
    assert lang_of(client.get("/mk/awards/")) == "mk"  # a shared link: the sender's language
    User.objects.filter(pk=user.pk).update(language="")  # not chosen: the switcher, browser
    assert lang_of(client.get("/workspace/", HTTP_ACCEPT_LANGUAGE="sr")) == "mk"


# --- the switcher and the account ------------------------------------------------------


@pytest.mark.parametrize("path", ["/sq/awards/", "/workspace/", "/accounts/login/", "/account/"])
def test_every_page_has_a_switcher_that_needs_no_javascript(client, path):
    client.force_login(UserFactory())
    html = client.get(path).content.decode()
    form = re.search(
        r'<form class="language" action="/i18n/setlang/" method="post">.*?</form>', html, re.S
    )
    assert form, path
    for code in ALL:
        assert f'value="{code}"' in form.group(0)
    assert 'type="submit"' in form.group(0) and "csrfmiddlewaretoken" in form.group(0)


def test_the_switcher_opens_the_same_page_in_the_chosen_language(client):
    response = client.post(reverse("set_language"), {"language": "mk", "next": "/sq/awards/?q=Ниш"})
    assert response.status_code == 302
    assert unquote(response["Location"]) == "/mk/awards/?q=Ниш"
    assert response.cookies["django_language"].value == "mk"
    assert lang_of(client.get("/workspace/", follow=True)) == "mk"  # unprefixed pages follow


def test_the_switcher_keeps_a_signed_in_users_choice_in_the_account(client):
    user = UserFactory(language="")
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "sr", "next": "/workspace/"})
    assert response["Location"] == "/workspace/"
    user.refresh_from_db()
    assert user.language == "sr"


def test_the_switcher_refuses_other_sites_and_unknown_languages(client):
    response = client.post(
        reverse("set_language"), {"language": "sq", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/sq/"})
    assert response["Location"] == "/sq/" and "django_language" not in response.cookies


def test_the_account_page_sets_and_clears_the_language(client):
    user = UserFactory(language="")
    client.force_login(user)
    page = client.get("/account/").content.decode()
    assert 'name="language"' in page and 'lang="sq" value="sq"' in page.replace(
        'value="sq" lang="sq"', 'lang="sq" value="sq"'
    )
    assert client.post(reverse("account-language"), {"language": "bs"}).status_code == 302
    user.refresh_from_db()
    assert user.language == "bs"
    assert lang_of(client.get("/account/", HTTP_ACCEPT_LANGUAGE="en")) == "bs"
    assert client.post(reverse("account-language"), {"language": "xx"}).status_code == 400
    assert client.post(reverse("account-language"), {"language": ""}).status_code == 302
    user.refresh_from_db()
    assert user.language == ""


# --- data in the reader's language ------------------------------------------------------


def test_facets_and_charts_are_cached_per_language(client, reference):
    AwardFactory(title="Open one", process__method="open")
    english = client.get("/en/awards/", {"q": "Open"}).content.decode()
    serbian = client.get("/sr-latn/awards/", {"q": "Open"}).content.decode()
    assert "otvoren" in serbian and "otvoren" not in english
    assert client.get("/en/awards/", {"q": "Open"}).content.decode().count("otvoren") == 0
    client.get("/mk/charts/")
    assert "Србија" not in client.get("/en/charts/").content.decode()


def test_organisation_page_shows_the_name_in_the_pages_script(client, reference):
    from procurement.awards.services.search_keys import refresh_organisation_keys
    from procurement.models import OrganisationAlias

    huawei = OrganisationFactory(name="Huawei Technologies Co., Ltd.")
    OrganisationAlias.objects.create(organisation=huawei, name="Хуавеј Технолоџис", script="cyrl")
    refresh_organisation_keys([huawei.pk])
    AwardFactory(suppliers=[huawei])
    cyrillic = client.get(f"/sr/organisations/{huawei.pk}/").content.decode()
    latin = client.get(f"/sr-latn/organisations/{huawei.pk}/").content.decode()
    assert "<h1>Хуавеј Технолоџис</h1>" in cyrillic and "Huawei Technologies Co., Ltd." in cyrillic
    assert "<h1>Huawei Technologies Co., Ltd.</h1>" in latin


def test_jurisdiction_names_are_in_the_readers_language(client, reference):
    html = client.get("/sq/deadlines/").content.decode()
    assert "Mali i Zi (ME)" in html and "Montenegro (ME)" not in html
    html = client.get("/sr/deadlines/").content.decode()
    assert "Црна Гора (ME)" in html


def test_the_api_links_pages_without_a_language(client, reference):
    award = AwardFactory(title="Kamere")
    rows = client.get("/api/awards/", HTTP_ACCEPT_LANGUAGE="sq").json()["results"]
    assert [row["url"] for row in rows] == [f"http://testserver/awards/{award.pk}/"]
