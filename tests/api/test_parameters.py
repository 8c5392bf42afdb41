"""Every API list answers 400 to a parameter it does not know, naming it, instead of the
whole list as if a misspelt or unsupported filter had been applied."""

import pytest
from django.urls import reverse

from procurement.api import urls

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

LISTS = ["api-award-list", "api-agreement-list", "api-organisation-list", "api-request-list"]


def test_every_api_list_is_checked_here():
    lists = {p.name for p in urls.urlpatterns if p.name.endswith("-list")}
    assert lists == set(LISTS)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("param", ["overdeu", "appeal_window", "q2", "page", "limit"])
def test_an_unknown_parameter_is_a_400_that_names_it(client, name, param):
    response = client.get(reverse(name), {param: "yes"})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [param]
    assert "Unknown parameter" in body[param][0]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("api-award-list", {"q": "Huawei", "sort": "date", "page_size": "5", "format": "json"}),
        ("api-agreement-list", {"q": "x", "kind": "loan", "page_size": "5", "cursor": ""}),
        ("api-organisation-list", {"q": "x", "country": "RS", "page_size": "5"}),
        ("api-request-list", {"overdue": "yes", "status": "sent", "page_size": "5"}),
    ],
)
def test_known_parameters_are_still_read(client, name, params):
    assert client.get(reverse(name), params).status_code == 200
