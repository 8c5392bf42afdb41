"""Requests of one organisation in every dashboard group, built through the workflow services
on fixed dates (with time_machine), plus another organisation's request that must never show."""

from dataclasses import dataclass
from datetime import date

import time_machine

from procurement.models import InfoRequest, Membership, Organisation, User
from tests.foi.builders import at, draft, member, organisation, sent, step

TODAY = date(2026, 3, 2)  # a Monday


@dataclass
class Workspace:
    org: Organisation
    editor: User
    reader: User  # a member (not an editor) of the same organisation
    outsider: User  # an editor of another organisation
    overdue: InfoRequest
    due_soon: InfoRequest
    refused: InfoRequest
    appealed: InfoRequest
    answered: InfoRequest
    draft: InfoRequest
    later: InfoRequest  # due in two weeks: in no group
    foreign: InfoRequest  # the other organisation's overdue request


def _travel(day: date):
    return time_machine.travel(at(day), tick=False)


def build(extra_per_group: int = 0) -> Workspace:
    org, other = organisation(), organisation()
    editor, outsider = member(org), member(other)
    reader = member(org, role=Membership.Role.MEMBER)
    with _travel(TODAY):
        made = {
            "overdue": sent(org, editor, date(2026, 2, 2), subject="Overdue contracts"),
            "due_soon": sent(org, editor, date(2026, 2, 16), subject="Due this week"),
            "refused": step(
                sent(org, editor, date(2026, 2, 2), subject="Refused tender"),
                "refused",
                date(2026, 2, 25),
                refusal_ground="Business secret",
            ),
            "appealed": step(
                step(
                    sent(org, editor, date(2026, 1, 5), subject="Appealed annexes"),
                    "refused",
                    date(2026, 1, 15),
                    refusal_ground="Business secret",
                ),
                "appealed",
                date(2026, 1, 20),
            ),
            "answered": step(
                sent(org, editor, date(2026, 2, 2), subject="Answered offers"),
                "answered",
                date(2026, 2, 20),
            ),
            "draft": draft(org, editor, subject="Draft about cameras"),
            "later": sent(org, editor, date(2026, 3, 2), subject="Sent today"),
            "foreign": sent(other, outsider, date(2026, 2, 2), subject="FOREIGN overdue"),
        }
        for n in range(extra_per_group):
            sent(org, editor, date(2026, 2, 2), subject=f"More overdue {n}")
            sent(org, editor, date(2026, 2, 16), subject=f"More due {n}")
            draft(org, editor, subject=f"More drafts {n}")
    return Workspace(org=org, editor=editor, reader=reader, outsider=outsider, **made)
