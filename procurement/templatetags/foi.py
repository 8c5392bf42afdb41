"""Template helpers of the FOI request partials: derived deadline states and fitting letters,
so that any page including the partials needs only the request in its context."""

from django import template
from django.utils import timezone

from procurement.foi.selectors import requests as selectors

register = template.Library()


@register.simple_tag
def deadline_state(info_request) -> selectors.DeadlineState:
    """Overdue, appeal window open, days left — derived from the stored dates and today."""
    return selectors.deadline_state(info_request, timezone.localdate())


@register.simple_tag
def appeal_addressee(info_request) -> str:
    """Where a complaint goes: the appeal body, or the court route (Serbia, Art. 22(2))."""
    return selectors.appeal_addressee(info_request)


@register.simple_tag
def request_letters(info_request) -> list:
    """The filled-in letters that fit the request now (prefetch `law__letter_templates`)."""
    return selectors.letters_for(info_request, timezone.localdate())


@register.filter
def lines(text: str) -> list[str]:
    """The non-empty lines of a text (a deadline explanation has one per deadline)."""
    return [line for line in (text or "").splitlines() if line.strip()]
