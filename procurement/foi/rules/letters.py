"""Letters a requester can send: which ones fit a request now, and filling them in.

Pure: no database, no clock. Templates are `LetterTemplate` rows (admin-edited Django
templates, rendered as plain text); the facts come from the request given.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.template import Context, Template, TemplateSyntaxError
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from procurement.core.folding import fold
from procurement.core.formatting import format_date
from procurement.foi.rules.workflow import AWAITING, S
from procurement.models.jurisdictions import LetterTemplate

Kind = LetterTemplate.Kind
Route = LetterTemplate.Route
REFUSALS = (S.REFUSED, S.NOT_HELD, S.PARTIALLY_ANSWERED)


@dataclass(frozen=True)
class Letter:
    kind: str
    kind_label: str
    language: str
    subject: str
    body: str
    error: str = ""
    route: str = "appeal"
    route_label: str = ""

    @property
    def key(self) -> str:
        """The letter's name in a download address: its kind, and its route where the law has
        several letters of that kind in order (FBiH: objection, then the Ombudsman)."""
        if self.route in ("appeal", "court"):
            return self.kind
        return f"{self.kind}-{self.route}"

    @property
    def filename(self) -> str:
        return f"{self.key.replace('_', '-')}-{self.language}.txt"

    @property
    def language_name(self) -> str:
        return language_name(self.language)


# Languages of letters Django does not describe (Montenegrin).
LANGUAGE_NAMES = {"cnr": "crnogorski"}


def language_name(code: str) -> str:
    """A letter language's own name ("srpski", "македонски", "crnogorski")."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


# The first word of an authority's name decides how a letter agrees with it: adjectives and
# nouns alike end in -a (feminine: "Agencija", "Narodna skupština"), -o/-e (neuter:
# "Ministarstvo", "Javno preduzeće") or otherwise (masculine: "Grad", "Republički fond").
NEUTER_ABBREVIATIONS = {"jp", "jkp", "jpp", "ad", "doo", "јп", "јкп"}
ENDINGS = {
    "latn": {"m": "o", "f": "la", "n": "lo"},
    "sr": {"m": "о", "f": "ла", "n": "ло"},
    "mk": {"m": "л", "f": "ла", "n": "ло"},
}


def grammatical_gender(name: str, stored: str = "") -> str:
    """ "m", "f" or "n": the stored value (set in the organisation's profile), else inferred
    from the first word of the name (Cyrillic or Latin)."""
    if stored:
        return stored
    words = fold(name).split()
    if not words:
        return "m"
    first = words[0]
    if first in NEUTER_ABBREVIATIONS:
        return "n"
    if first.endswith("a"):
        return "f"
    if first.endswith(("o", "e")):
        return "n"
    return "m"


def past_ending(gender: str, language: str) -> str:
    """The ending of a past participle that agrees with `gender` ("postupi" + "lo")."""
    script = language if language in ENDINGS else "latn"
    return ENDINGS[script].get(gender, ENDINGS[script]["m"])


def court_only(law, authority_name: str) -> bool:
    """Whether the law sends a complaint against this authority to a court instead of the
    appeal body (Serbia, Art. 22(2): the six top bodies). Names are compared folded."""
    names = {fold(name) for name in (getattr(law, "court_only_bodies", None) or [])}
    return bool(names) and fold(authority_name) in names


def relevant_kinds(
    status: str,
    effective_due_on: date | None,
    today: date,
    classified_outside_law: bool,
) -> list[str]:
    """The letters that fit a request's situation: a reminder while the authority has not
    answered, a complaint once the deadline has passed, or after a refusal; after a classified
    refusal a complaint only where the FOI law covers classified information. Where the
    complaint goes (the appeal body, a court, an objection first) is its route: `routes`."""
    if status in AWAITING:
        kinds = [Kind.REMINDER]
        if effective_due_on and effective_due_on < today:
            kinds.append(Kind.COMPLAINT_SILENCE)
        return kinds
    if status in REFUSALS:
        return [Kind.COMPLAINT_REFUSAL]
    if status == S.CLASSIFIED and not classified_outside_law:
        return [Kind.COMPLAINT_CLASSIFIED]
    return []


def routes(law, authority_name: str, available: set[str]) -> list[str]:
    """The routes of the complaints against this authority, in the order they are taken:
    Serbia's six top bodies only the court (Art. 22(2)); elsewhere every other route the law
    has letters for (the FBiH objection before the Ombudsman)."""
    if court_only(law, authority_name):
        return [Route.COURT] if Route.COURT in available else []
    order = [Route.APPEAL, Route.OBJECTION, Route.OMBUDSMAN]
    return [route for route in order if route in available] or [Route.APPEAL]


def _written(day: date | None, language: str) -> str:
    if day is None:
        return ""
    if language == "en":
        return format_date(day, "long", language="en")
    if language in ("mk", "sq"):
        return f"{day.day}.{day.month}.{day.year}"  # 18.3.2026 (no final stop)
    return f"{day.day}. {day.month}. {day.year}."  # the region's numeric style in letters


def context(info_request, law, language: str, today: date) -> dict:
    """What a letter template may use (see procurement/foi/reference/letters.py)."""
    body = law.appeal_body_organisation
    due = info_request.extended_due_on or info_request.due_on
    return {
        # The deadline has passed (a reminder before it asks politely whether the answer is on
        # its way; only after it may a letter say that nothing came in time).
        "overdue": bool(due and due < today),
        "request": info_request,
        "law": law,
        "authority": info_request.authority,
        "organisation": info_request.requester_organisation,
        "appeal_body": body.name if body else law.appeal_body,
        "sent_on": _written(info_request.sent_on, language),
        "received_on": _written(info_request.received_on, language),
        "due_on": _written(info_request.extended_due_on or info_request.due_on, language),
        "appeal_due_on": _written(info_request.appeal_due_on, language),
        "decision_delivered_on": _written(info_request.decision_delivered_on, language),
        "decision_number": getattr(info_request, "decision_number", ""),
        "decision_appeal_body": getattr(info_request, "decision_appeal_body", ""),
        # The past-tense ending that agrees with the authority's name ("nije postupilo").
        "g": past_ending(
            grammatical_gender(
                info_request.authority.name,
                getattr(info_request.authority, "grammatical_gender", ""),
            ),
            language,
        ),
        "today": _written(today, language),
    }


def render(template: LetterTemplate, info_request, law, today: date) -> Letter:
    """The letter filled in with the request's facts; a broken template says so instead."""
    values = context(info_request, law, template.language, today)
    try:
        subject = Template(template.subject).render(Context(values, autoescape=False))
        body = Template(template.body).render(Context(values, autoescape=False))
    except TemplateSyntaxError as error:
        return Letter(
            template.kind,
            str(template.get_kind_display()),
            template.language,
            "",
            "",
            error=_("This letter template has an error (%(error)s); an admin must fix it.")
            % {"error": error},
            route=template.route,
        )
    return Letter(
        template.kind,
        str(template.get_kind_display()),
        template.language,
        once_punctuated(" ".join(subject.split())),
        _tidy(body),
        route=template.route,
        route_label=str(template.get_route_display()),
    )


# "18. 3. 2026." ends with its own full stop: a sentence that ends on it takes no second one.
DOUBLE_STOP = re.compile(r"(\b\d{1,2}\. \d{1,2}\. \d{4}\.)\.")


def once_punctuated(text: str) -> str:
    """'istekao je 18. 3. 2026..' → 'istekao je 18. 3. 2026.'"""
    return DOUBLE_STOP.sub(r"\1", text)


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, a final newline; a date in the
    region's style is punctuated once."""
    text = once_punctuated(text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"
