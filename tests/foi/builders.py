"""Requests, organisations and people for the FOI tests, built through the services."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from procurement.foi.services.requests import create_request, mark_sent, request_transition
from procurement.models import InfoRequest, Jurisdiction, Membership, Organisation, User
from tests.factories import AuthorityFactory, CivilSocietyFactory, MembershipFactory, UserFactory

BELGRADE = ZoneInfo("Europe/Belgrade")
# The facts a classified refusal must record (a level, the article cited, the harm test).
CLASSIFIED_FACTS = {
    "classification_level": "STROGO POVERLJIVO",
    "classification_article": "Art. 9(5)",
    "harm_test_given": False,
}


def at(day: date, hour: int = 9) -> datetime:
    """A moment of `day` in Belgrade (for time_machine)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=BELGRADE)


def organisation(lead_days: int = 3) -> Organisation:
    return CivilSocietyFactory(reminder_lead_days=lead_days)


def member(
    org: Organisation, role: str = Membership.Role.EDITOR, delivery: str = "immediate"
) -> User:
    user = UserFactory(notification_delivery=delivery)
    MembershipFactory(user=user, organisation=org, role=role)
    return user


def authority(code: str = "RS") -> Organisation:
    return AuthorityFactory(jurisdiction=Jurisdiction.objects.get(code=code))


def draft(org: Organisation, actor: User | None, code: str = "RS", **kwargs) -> InfoRequest:
    return create_request(
        organisation=org,
        authority=authority(code),
        subject=kwargs.pop("subject", "Contracts for the Safe City cameras"),
        text=kwargs.pop("text", "Please send the contracts and their annexes."),
        actor=actor,
        **kwargs,
    )


def sent(
    org: Organisation,
    actor: User | None,
    sent_on: date,
    received_on: date | None = None,
    code: str = "RS",
    followers=(),
    **kwargs,
) -> InfoRequest:
    info_request = draft(org, actor, code, **kwargs)
    info_request.followers.add(*followers)
    return mark_sent(
        request_id=info_request.pk, actor=actor, sent_on=sent_on, received_on=received_on
    )


def step(info_request: InfoRequest, to: str, on: date, actor=None, **facts) -> InfoRequest:
    return request_transition(request_id=info_request.pk, to=to, actor=actor, on=on, **facts)


def timezone_today() -> date:
    from django.utils import timezone

    return timezone.localdate()
