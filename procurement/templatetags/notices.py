"""Labels of the codes a notification stores (statuses, roles, letter and reminder kinds), in
the language the notification is being rendered in (procurement.core.notices)."""

from datetime import date

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procurement.core import notices
from procurement.core.formatting import format_date
from procurement.models import LetterTemplate, Membership, Reminder, RequestStatus

register = template.Library()


def _label(choices, code) -> str:
    return str(dict(choices).get(code, code or ""))


@register.filter
def request_status(code: str) -> str:
    return _label(RequestStatus.choices, code)


@register.filter
def membership_role(code: str) -> str:
    return _label(Membership.Role.choices, code)


@register.filter
def letter_kind(code: str) -> str:
    return _label(LetterTemplate.Kind.choices, code)


@register.filter
def reminder_kind(code: str) -> str:
    return _label(Reminder.Kind.choices, code)


@register.filter
def letter_in(letters: dict, language: str) -> dict | None:
    """The letter in the reader's language when one was seeded for the law (Serbian Latin
    for a Cyrillic reader), else English, else whichever there is."""
    if not letters:
        return None
    own = letters.get(language) or (letters.get("sr-latn") if language == "sr" else None)
    return own or letters.get("en") or next(iter(letters.values()))


@register.simple_tag(takes_context=True)
def membership_change(context) -> str:
    """One change to who is in an organisation, in a sentence."""
    roles = dict(Membership.Role.choices)
    facts = {
        "actor": context.get("actor") or _("The site's administrators"),
        "email": context.get("email", ""),
        "user": context.get("user", ""),
        "role": roles.get(context.get("role"), ""),
        "previous": roles.get(context.get("previous"), ""),
    }
    return {
        "invited": _("%(actor)s invited %(email)s as %(role)s."),
        "revoked": _("%(actor)s withdrew the invitation to %(email)s."),
        "joined": _("%(user)s accepted an invitation and joined as %(role)s."),
        "role_changed": _("%(actor)s changed the role of %(user)s from %(previous)s to %(role)s."),
        "removed": _("%(actor)s removed %(user)s (%(role)s)."),
    }[context.get("change")] % facts


@register.filter
def notice_subject(notification) -> str:
    """A notification's subject in the page's language (written from its stored facts)."""
    return notices.render(notification).subject


@register.filter
def reminder_note(event) -> str:
    """A reminder's line on the timeline, from the facts its event stores (older events kept
    their text in `note`)."""
    data = event.data or {}
    if event.note or "reminder_kind" not in data:
        return event.note
    n = data.get("followers", 0)
    return ngettext(
        "Reminder “%(kind)s” (deadline %(day)s) sent to %(n)d follower.",
        "Reminder “%(kind)s” (deadline %(day)s) sent to %(n)d followers.",
        n,
    ) % {
        "kind": reminder_kind(data["reminder_kind"]),
        "day": format_date(date.fromisoformat(data["due_on"]), "weekday"),
        "n": n,
    }
