"""Search is script-blind on every translated page: a query in Cyrillic or in Latin finds the
same published awards whatever the page's language (the folded key: procurement.core.folding)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def found(client, language: str, query: str) -> set[int]:
    response = client.get(f"/{language}/awards/", {"q": query})
    assert response.status_code == 200
    assert response["Content-Language"] in {"sr-Cyrl", "sr-Latn", "sq", "mk", "bs", "en"}
    return {
        int(pk)
        for pk in re.findall(rf'href="/{language}/awards/(\d+)/"', response.content.decode())
    }


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [("Београд", "Beograd"), ("Ниш", "Nis"), ("Хуавеј", "Huawei"), ("Ћулибрк", "Culibrk")],
)
def test_a_query_in_either_script_finds_the_same_awards_on_translated_pages(
    client, history, cyrillic, latin
):
    on_cyrillic_page = found(client, "sr", cyrillic)
    assert on_cyrillic_page  # something to compare
    assert found(client, "sq", latin) == on_cyrillic_page
    assert found(client, "mk", latin) == on_cyrillic_page
    assert found(client, "sr-latn", cyrillic) == on_cyrillic_page
    assert found(client, "bs", latin.lower()) == on_cyrillic_page


def test_the_unverified_award_stays_hidden_in_every_language(client, history):
    for language in ("sr", "sq", "en"):
        html = client.get(f"/{language}/awards/", {"q": "Huawei"}).content.decode()
        assert "Secret Huawei deal" not in html
