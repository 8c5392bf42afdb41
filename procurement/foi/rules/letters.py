"""Letters a requester can send: which ones fit a request now, and filling them in.

Pure: no database, no clock. Templates are `LetterTemplate` rows (admin-edited Django
templates, rendered as plain text); the facts come from the request given.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.template import Context, Template, TemplateSyntaxError
from django.utils.translation import gettext as _

from procurement.core.folding import fold
from procurement.core.formatting import format_date
from procurement.foi.rules.workflow import AWAITING, S
from procurement.models.jurisdictions import LetterTemplate

Kind = LetterTemplate.Kind
REFUSALS = (S.REFUSED, S.NOT_HELD, S.PARTIALLY_ANSWERED)


@dataclass(frozen=True)
class Letter:
    kind: str
    kind_label: str
    language: str
    subject: str
    body: str
    error: str = ""

    @property
    def filename(self) -> str:
        return f"{self.kind.replace('_', '-')}-{self.language}.txt"


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
    court_only: bool = False,
) -> list[str]:
    """The letters that fit a request's situation: a reminder while the authority has not
    answered, a complaint once the deadline has passed, or after a refusal; after a classified
    refusal a complaint only where the FOI law covers classified information. Never a
    complaint to the appeal body where the law sends the case to a court (`court_only`)."""
    if status in AWAITING:
        kinds = [Kind.REMINDER]
        if effective_due_on and effective_due_on < today and not court_only:
            kinds.append(Kind.COMPLAINT_SILENCE)
        return kinds
    if court_only:
        return []
    if status in REFUSALS:
        return [Kind.COMPLAINT_REFUSAL]
    if status == S.CLASSIFIED and not classified_outside_law:
        return [Kind.COMPLAINT_CLASSIFIED]
    return []


def _written(day: date | None, language: str) -> str:
    if day is None:
        return ""
    if language == "en":
        return format_date(day, "long", language="en")
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
        )
    return Letter(
        template.kind,
        str(template.get_kind_display()),
        template.language,
        once_punctuated(" ".join(subject.split())),
        _tidy(body),
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
