"""The reader's language: which one a request is answered in, and the URLs of the other ones.

Public pages live under a language prefix (`/sr-latn/awards/?q=…`), so a shared link opens in
the sender's language. Everything else — the API, exports, calendar feeds, the workspace, the
admin, sign-in — has no prefix and answers in the reader's language: the signed-in user's
choice (`User.language`), else the switcher's cookie, else the browser's `Accept-Language`,
else English. An unprefixed public URL (`/awards/`, every link shared before the prefixes) is
answered in place in the reader's language, never redirected, so every old URL still answers
exactly as before (forms posted to it too).
"""

from django.conf import settings
from django.urls import is_valid_path, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

# BCP 47 tags for hreflang and <html lang>: Django's codes are lower case, and plain `sr` is
# the Cyrillic catalogue.
BCP47 = {"en": "en", "sr-latn": "sr-Latn", "sr": "sr-Cyrl", "mk": "mk", "sq": "sq", "bs": "bs"}
# Browsers' languages we have no catalogue for, and the one their readers read (the issue:
# Croatian and Montenegrin readers understand Bosnian).
NEAREST = {"hr": "bs", "cnr": "bs", "sh": "bs", "sr-me": "bs"}
CYRILLIC_LANGUAGES = frozenset({"sr", "mk"})


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def is_cyrillic(language: str | None = None) -> bool:
    """Whether the language (the active one by default) is written in Cyrillic."""
    return (language or translation.get_language() or "") in CYRILLIC_LANGUAGES


def supported(code: str | None) -> str | None:
    """The tracker's language for a browser's or a user's code (`sr-Latn-RS` → `sr-latn`)."""
    if not code:
        return None
    code = code.lower()
    known = codes()
    if code in NEAREST:
        return NEAREST[code]
    if code in known:
        return code
    if code.startswith("sr-") and "latn" in code.split("-"):
        return "sr-latn"
    generic = code.split("-")[0]
    if generic in NEAREST:
        return NEAREST[generic]
    return generic if generic in known else None


def from_accept_language(header: str) -> str | None:
    """The first language of an Accept-Language header that the tracker speaks."""
    for code, _quality in parse_accept_lang_header(header or ""):
        if code != "*" and (found := supported(code)):
            return found
    return None


def reader_language(request) -> str:
    """For an unprefixed URL: the user's choice, the switcher's cookie, the browser's, English."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and (found := supported(user.language)):
        return found
    cookie = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    return (
        cookie
        or from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        or settings.LANGUAGE_CODE
    )


def language_of_path(path: str) -> str | None:
    """The language prefix of a path (`/sq/awards/` → `sq`), if it has one."""
    first = path.lstrip("/").split("/", 1)[0].lower()
    return first if first in codes() else None


def unprefixed(path: str) -> str:
    """The path without its language prefix: `/sq/awards/?q=x` → `/awards/?q=x`."""
    language = language_of_path(path)
    if language is None:
        return path
    rest = path.lstrip("/")[len(language) :]
    return rest if rest.startswith("/") else "/" + rest


def with_language(path: str, language: str) -> str:
    """The same page in another language, when the path is a language-prefixed one."""
    if language_of_path(path) is None:
        return path
    return f"/{language}{unprefixed(path)}"


def public_path(path_info: str, language: str) -> str | None:
    """`/awards/` → `/sr-latn/awards/` when that is a public page (the slash may be missing:
    CommonMiddleware then redirects to the slashed form), else None."""
    if is_valid_path(path_info):
        return None
    prefixed = f"/{language}{path_info}"
    if is_valid_path(prefixed) or (
        settings.APPEND_SLASH and not prefixed.endswith("/") and is_valid_path(prefixed + "/")
    ):
        return prefixed
    return None


def resolve_any_language(path: str):
    """resolve() for a path with any language prefix, or none (`/awards/12/`, a link pasted
    from before the prefixes): Resolver404 when it is no page of the site."""
    language = language_of_path(path) or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        if language_of_path(path) is None and not is_valid_path(path):
            path = f"/{language}{path}"
        return resolve(path)


class ReaderLanguageMiddleware:
    """Activates the page's language (prefix) or the reader's (unprefixed URLs); replaces
    Django's LocaleMiddleware and runs after AuthenticationMiddleware (the user's choice)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        prefix = language_of_path(request.path_info)
        language = prefix or reader_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        if prefix is None and (prefixed := public_path(request.path_info, language)):
            request.path_info = prefixed  # answered in place: the URL stays as it was shared
        response = self.get_response(request)
        if prefix is None:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", BCP47.get(language, language))
        return response


def alternates(request) -> list[dict]:
    """The same public page in every language (hreflang), and `x-default`: the unprefixed URL
    that answers in the reader's language. Empty for pages without a language prefix."""
    if language_of_path(request.path_info) is None or request.resolver_match is None:
        return []
    rest = unprefixed(request.path_info)
    query = request.META.get("QUERY_STRING", "")
    suffix = f"?{query}" if query else ""
    found = [
        {
            "code": code,
            "hreflang": BCP47.get(code, code),
            "url": request.build_absolute_uri(f"/{code}{rest}{suffix}"),
        }
        for code in codes()
    ]
    found.append(
        {
            "code": "",
            "hreflang": "x-default",
            "url": request.build_absolute_uri(f"{rest}{suffix}"),
        }
    )
    return found


def script_of(text: str) -> str:
    """'cyrl' when the text has Cyrillic letters, else 'latn'."""
    return "cyrl" if any("\u0400" <= char <= "\u04ff" for char in text) else "latn"


def name_in_script(name: str, aliases, language: str | None = None) -> str:
    """An organisation's name in the page's script: its own if it is written so, else its
    first alias in that script (aliases hold the other-script names), else its own."""
    wanted = "cyrl" if is_cyrillic(language) else "latn"
    if script_of(name) == wanted:
        return name
    for alias in aliases:
        if alias.script == wanted:
            return alias.name
    return name
