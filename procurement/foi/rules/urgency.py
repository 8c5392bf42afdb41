"""Why a request needs its organisation's attention, in words (pure: today is passed in).

The dashboard groups requests by urgency (the queries are in `selectors.workspace`); this
module says, for a request in a group, which date matters and why, e.g. "No answer: it was
due Wed 18 Feb 2026 (5 days ago). A complaint about the silence can go to the Commissioner
until Thu 5 Mar 2026."
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from procurement.foi.rules.deadlines import long_day
from procurement.models.requests import RequestStatus as S


class Group(models.TextChoices):
    OVERDUE = "overdue", gettext_lazy("Overdue")
    DUE_THIS_WEEK = "due_this_week", gettext_lazy("Due this week")
    APPEAL_CLOSING = "appeal_closing", gettext_lazy("Appeal window closing")
    AWAITING_APPEAL_BODY = "awaiting_appeal_body", gettext_lazy("Awaiting the appeal body")
    RECENTLY_ANSWERED = "recently_answered", gettext_lazy("Recently answered")
    DRAFTS = "drafts", gettext_lazy("Drafts not sent yet")


WEEK_DAYS = 7  # "due this week": the deadline falls within the next seven days
RECENT_DAYS = 30  # "recently answered": the answer or appeal decision came within 30 days


@dataclass(frozen=True)
class Attention:
    deadline: date | None
    reason: str


def relative(day: date, today: date) -> str:
    """'today', 'tomorrow', 'in 3 days', 'yesterday', '5 days ago'."""
    delta = (day - today).days
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    if delta == -1:
        return _("yesterday")
    if delta > 0:
        return ngettext("in %(n)d day", "in %(n)d days", delta) % {"n": delta}
    return ngettext("%(n)d day ago", "%(n)d days ago", -delta) % {"n": -delta}


def _when(day: date, today: date) -> str:
    return f"{long_day(day)} ({relative(day, today)})"


def attention(group: str, request, today: date, appeal_body: str = "") -> Attention:
    """The date that matters for a request of `group`, and the reason in one or two sentences.
    `request` is an InfoRequest (or anything with its date and status fields)."""
    body = appeal_body or _("the appeal body")
    due = request.extended_due_on or request.due_on
    if group == Group.OVERDUE:
        reason = _("No answer: it was due %(when)s.") % {"when": _when(due, today)}
        if request.appeal_due_on and request.appeal_due_on >= today:
            reason += " " + _("A complaint about the silence can go to %(body)s until %(day)s.") % {
                "body": body,
                "day": long_day(request.appeal_due_on),
            }
        elif request.appeal_due_on is None and getattr(request, "appeal_opens_on", None):
            reason += " " + _(
                "A complaint about the silence can go to %(body)s; the law sets no closing date."
            ) % {"body": body}
        return Attention(due, reason)
    if group == Group.DUE_THIS_WEEK:
        template = (
            _("The extended deadline to answer is %(when)s.")
            if request.extended_due_on
            else _("The authority must answer by %(when)s.")
        )
        return Attention(due, template % {"when": _when(due, today)})
    if group == Group.APPEAL_CLOSING:
        reason = _("%(status)s on %(day)s: a complaint to %(body)s is possible until %(when)s.") % {
            "status": S(request.status).label.capitalize(),
            "day": long_day(request.decision_delivered_on),
            "body": body,
            "when": _when(request.appeal_due_on, today),
        }
        return Attention(request.appeal_due_on, reason)
    if group == Group.AWAITING_APPEAL_BODY:
        return _awaiting_appeal_body(request, today, body)
    if group == Group.RECENTLY_ANSWERED:
        if request.status == S.APPEAL_DECIDED:
            outcome = request.get_appeal_outcome_display() or _("outcome not recorded")
            reason = _("Appeal decided on %(day)s: %(outcome)s.") % {
                "day": long_day(request.appeal_decided_on),
                "outcome": outcome,
            }
            return Attention(request.appeal_decided_on, reason)
        return Attention(
            request.decision_delivered_on,
            _("Answered on %(day)s.") % {"day": long_day(request.decision_delivered_on)},
        )
    return Attention(None, _("Not sent yet: mark it as sent once it has gone out."))


def _awaiting_appeal_body(request, today: date, body: str) -> Attention:
    lodged = long_day(request.appealed_on)
    decide_by = request.appeal_decision_due_on
    if decide_by is None:
        reason = _("Appeal lodged on %(day)s; the law sets no deadline for %(body)s.") % {
            "day": lodged,
            "body": body,
        }
    elif decide_by < today:
        reason = _("Appeal lodged on %(day)s; %(body)s should have decided by %(when)s.") % {
            "day": lodged,
            "body": body,
            "when": _when(decide_by, today),
        }
    else:
        reason = _("Appeal lodged on %(day)s; %(body)s must decide by %(when)s.") % {
            "day": lodged,
            "body": body,
            "when": _when(decide_by, today),
        }
    return Attention(decide_by, reason)
