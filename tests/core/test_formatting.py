"""Numbers, money and dates in the reader's language (procurement.core.formatting, Babel), on
pages through the template filters, and in the calendar feed; names sorted by the language's
alphabet on PostgreSQL."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.template import Context, Template
from django.utils import translation

from procurement.core import formatting
from procurement.core.collation import by_name
from procurement.models import Organisation

DAY = date(2026, 9, 4)  # a Friday


@pytest.mark.parametrize(
    ("language", "big", "cents", "grouped"),
    [
        ("en", "EUR 150,000,000", "RSD 1,234.50", "1,234,567"),
        ("sr-latn", "150.000.000 EUR", "1.234,50 RSD", "1.234.567"),
        ("sr", "150.000.000 EUR", "1.234,50 RSD", "1.234.567"),
        ("mk", "150.000.000 EUR", "1.234,50 RSD", "1.234.567"),
        ("sq", "150\xa0000\xa0000 EUR", "1\xa0234,50 RSD", "1\xa0234\xa0567"),
        ("bs", "150.000.000 EUR", "1.234,50 RSD", "1.234.567"),
    ],
)
def test_money_and_numbers_as_the_language_writes_them(language, big, cents, grouped):
    assert formatting.format_money(Decimal("150000000"), "EUR", language=language) == big
    assert formatting.format_money(Decimal("1234.5"), "RSD", language=language) == cents
    assert formatting.format_number(1234567, language=language) == grouped


@pytest.mark.parametrize(
    ("language", "undisclosed"),
    [("en", "undisclosed"), ("sr-latn", "nije objavljena"), ("sr", "није објављена")],
)
def test_an_undisclosed_value_is_words_never_zero(language, undisclosed):
    assert formatting.format_value(None, "EUR", language=language) == undisclosed
    assert formatting.format_value(Decimal(5), "EUR", False, language=language) == undisclosed


@pytest.mark.parametrize(
    ("language", "medium", "weekday", "full", "month"),
    [
        ("en", "4 Sep 2026", "Fri 4 Sep 2026", "Friday 4 September 2026", "September 2026"),
        (
            "sr-latn",
            "4. sep 2026.",
            "pet, 4. sep 2026.",
            "petak, 4. septembar 2026.",
            "septembar 2026.",
        ),
        ("sr", "4. сеп 2026.", "пет, 4. сеп 2026.", "петак, 4. септембар 2026.", "септембар 2026."),
        (
            "mk",
            "4 сеп. 2026\u202fг.",
            "пет., 4 сеп. 2026\u202fг.",
            "петок, 4 септември 2026\u202fг.",
            "септември 2026\u202fг.",
        ),
        ("sq", "4 sht 2026", "pre, 4 sht 2026", "e premte, 4 shtator 2026", "shtator 2026"),
        ("bs", "4. sep 2026.", "pet, 4. sep 2026.", "petak, 4. septembar 2026.", "septembar 2026."),
    ],
)
def test_dates_with_the_languages_month_and_weekday_names(language, medium, weekday, full, month):
    assert formatting.format_date(DAY, language=language) == medium
    assert formatting.format_date(DAY, "weekday", language=language) == weekday
    assert formatting.format_date(DAY, "full", language=language) == full
    assert formatting.format_date(DAY, "month", language=language) == month


def test_moments_are_shown_in_the_sites_time_zone():
    moment = datetime(2026, 9, 4, 12, 5, tzinfo=ZoneInfo("UTC"))  # 14:05 in Belgrade
    assert formatting.format_datetime(moment, language="en") == "4 Sep 2026 14:05"
    assert formatting.format_datetime(moment, language="sr-latn") == "4. sep 2026. 14:05"


def test_partial_dates_and_ranges():
    assert formatting.format_partial_date(DAY, "year", language="sr") == "2026"
    assert formatting.format_partial_date(DAY, "month", language="sq") == "shtator 2026"
    with translation.override("mk"):
        expected = translation.gettext("date not stated")
    assert formatting.format_partial_date(None, language="mk") == expected != "date not stated"
    assert formatting.format_date_range(DAY, date(2026, 9, 10), language="en") == "4–10 Sep"
    assert formatting.format_date_range(DAY, date(2026, 10, 3), language="sr-latn") == (
        "4. sep–3. okt"
    )
    assert formatting.weekday_names(language="sq")[0] == "hën"  # Monday first


def test_the_filters_follow_the_active_language():
    template = Template(
        '{% load tracker %}{{ day|local_date:"weekday" }} | {% amount total "EUR" %} | '
        "{{ count|number }} | {{ record|money }}"
    )

    class Record:
        value_status = "undisclosed"

    context = Context(
        {"day": DAY, "total": Decimal("150000000"), "count": 12000, "record": Record()}
    )
    with translation.override("sr"):
        rendered = template.render(context)
    assert rendered == (
        "пет, 4. сеп 2026. | 150.000.000 EUR | 12.000 | "
        '<span class="undisclosed">није објављена</span>'
    )


@pytest.mark.django_db
def test_an_award_page_shows_money_in_the_readers_format(client, reference):
    from tests.factories import AwardFactory

    award = AwardFactory(value_amount=Decimal("150000000"), value_currency="EUR")
    assert "150.000.000 EUR" in client.get(f"/sr-latn/awards/{award.pk}/").content.decode()
    assert "EUR 150,000,000" in client.get(f"/en/awards/{award.pk}/").content.decode()


@pytest.mark.django_db
def test_the_calendar_feed_is_in_its_owners_language(client, reference):
    from django.utils import timezone

    from tests.foi.builders import sent
    from tests.people import make_people

    people = make_people()
    sent(people.org_a, people.editor_a, sent_on=timezone.localdate())
    people.member_a.language = "mk"
    people.member_a.save(update_fields=["language"])
    body = client.get(f"/calendar/{people.member_a.feed_token}.ics").content.decode()
    assert "SUMMARY:" in body
    with translation.override("mk"):
        assert "Рок" in body  # "Due on …" in Macedonian
    assert any(day in body for day in ("понеделник", "вторник", "среда", "четврток", "петок"))


NAMES = ["Zemun", "Šabac", "Sombor", "Dom", "Ćuprija", "Čačak", "Cvetni"]


@pytest.mark.django_db
def test_names_sort_by_the_readers_alphabet():
    """PostgreSQL (ICU): Serbian puts č and ć after c, š after s, љ after л; English sorts
    them with c and s. SQLite has no ICU: a plain case-blind order."""
    for name in NAMES:
        Organisation.objects.create(name=name, kind="company")
    for name in ["Љубовија", "Лозница", "Његошева", "Нови Сад"]:
        Organisation.objects.create(name=name, kind="public_authority")

    def names(language, cyrillic=False):
        with translation.override(language):
            rows = Organisation.objects.order_by(by_name(), "pk").values_list("name", flat=True)
        return [n for n in rows if (n[0] in "ЉЛЊН") == cyrillic]

    if connection.vendor == "postgresql":
        assert names("sr-latn") == ["Cvetni", "Čačak", "Ćuprija", "Dom", "Sombor", "Šabac", "Zemun"]
        assert names("en") == ["Čačak", "Ćuprija", "Cvetni", "Dom", "Šabac", "Sombor", "Zemun"]
        assert names("sr", cyrillic=True) == ["Лозница", "Љубовија", "Нови Сад", "Његошева"]
    else:
        assert names("sr-latn") == sorted(NAMES, key=str.lower)


@pytest.mark.parametrize("language", sorted(formatting.BABEL_LOCALES))
def test_whole_numbers_are_grouped_exactly_as_babel_groups_them(language):
    """Counts take a short path (format_number): the same text as Babel's own formatting,
    for every language, at every length; other numbers still go through Babel."""
    from babel.numbers import format_decimal

    locale = formatting.babel_locale(language)
    values = [0, 7, 42, 999, 1000, 1001, 12345, 999999, 1000000, 2**31, 10**15 + 7]
    values += [int("9" * digits) for digits in range(1, 22)]
    for value in values:
        assert formatting.format_number(value, language=language) == format_decimal(
            value, locale=locale
        ), value
    for other in (-1234567, Decimal("1234567.25"), 1234.5):
        assert formatting.format_number(other, language=language) == format_decimal(
            other, locale=locale
        )
