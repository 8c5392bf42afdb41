"""The cast of the access tests: one person per role, in two organisations."""

from dataclasses import dataclass

from procurement.models import Membership, Organisation, User
from tests.factories import CivilSocietyFactory, MembershipFactory, UserFactory

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's


@dataclass
class People:
    org_a: Organisation
    org_b: Organisation
    member_a: User
    editor_a: User
    admin_a: User
    member_b: User  # an editor of B: the strongest outsider to A
    reviewer: User
    staff: User


def make_people() -> People:
    org_a = CivilSocietyFactory(name="Watchdog A")
    org_b = CivilSocietyFactory(name="Watchdog B")

    def member(username: str, organisation: Organisation, role: str) -> User:
        return MembershipFactory(
            user=UserFactory(username=username), organisation=organisation, role=role
        ).user

    return People(
        org_a=org_a,
        org_b=org_b,
        member_a=member("member_a", org_a, Membership.Role.MEMBER),
        editor_a=member("editor_a", org_a, Membership.Role.EDITOR),
        admin_a=member("admin_a", org_a, Membership.Role.ADMIN),
        member_b=member("member_b", org_b, Membership.Role.EDITOR),
        reviewer=UserFactory(username="reviewer", is_reviewer=True),
        staff=UserFactory(username="staff", is_staff=True),
    )
