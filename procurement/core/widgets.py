"""Form widgets for pages that must render fast: a select with hundreds of options (every
country, every currency) built once per language instead of one template per option."""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def _option_tags(choices) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in choices)


@lru_cache(maxsize=64)
def _options(key: tuple, choices: tuple[tuple[str, str], ...]) -> str:
    return _option_tags(choices)


def _drawn(choices) -> tuple[tuple[str, str], ...]:
    return tuple((str(v), str(label)) for v, label in choices)


class FastSelect(forms.Select):
    """A <select> whose option list is cached by its content and language; the chosen option
    is marked on the cached HTML.

    `static=True`: the choices are constants of the code (methods, legal bases, sectors,
    currencies), never data: their options are drawn once per language, without even reading
    the choices again (their ~170 translated labels were the largest part of the search form,
    issue 17). The drawings belong to the declared widget and are shared by the copies every
    form makes of it, so two selects can never serve each other's options. Never give it to
    choices read from the database or that vary otherwise."""

    def __init__(self, attrs=None, choices=(), static: bool = False):
        super().__init__(attrs, choices)
        # language → options; a widget's copies (Widget.__deepcopy__ is shallow) share it.
        self.static_options: dict[str | None, str] | None = {} if static else None

    def _options_html(self, name: str) -> str:
        language = get_language()
        if self.static_options is not None:
            html = self.static_options.get(language)
            if html is None:
                html = self.static_options[language] = _option_tags(_drawn(self.choices))
            return html
        choices = _drawn(self.choices)
        return _options((name, language, len(choices)), choices)

    def render(self, name, value, attrs=None, renderer=None):
        html = self._options_html(name)
        if value not in (None, ""):
            marker = f'value="{escape(str(value))}"'
            html = html.replace(marker, f"{marker} selected", 1)
        attributes = self.build_attrs(self.attrs, attrs)
        return format_html(
            "<select{}>{}</select>",
            mark_safe(flatatt({**attributes, "name": name})),  # noqa: S308 — flatatt escapes
            mark_safe(html),  # noqa: S308 — built from escaped values above
        )


@lru_cache(maxsize=16)
def _countries(language: str) -> list[tuple[str, str]]:
    from django_countries import countries

    return [(code, str(name)) for code, name in countries]


def country_choices() -> list[tuple[str, str]]:
    """Every country, sorted by its name in the current language: computed once per language
    (django-countries sorts the translated names on every iteration)."""
    return _countries(get_language() or "en")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """Every country code, to validate a choice without listing (and sorting) every name."""
    from django_countries import countries

    return frozenset(code for code, _name in countries)
