"""When an admin edits a holiday override, a suspension, a law or a jurisdiction's calendar,
the open requests concerned are recomputed and their reminders rescheduled — in the same
transaction as the edit, from every admin path (page, inline, bulk delete)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from procurement.models import FoiLaw, HolidayOverride, Jurisdiction, Membership, User
from tests.foi.builders import at, member, organisation, sent, step

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def staff_client(client, reference):
    admin = User.objects.create_user("staffer", "s@example.org", "pw", is_staff=True)
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    return client


@pytest.fixture
def open_request(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 2, 4)), tick=False):
        return sent(org, editor, D(2026, 2, 3))  # +15 days = Wed 18 Feb, a working day


def pending(info_request) -> dict:
    return dict(info_request.reminders.filter(state="pending").values_list("kind", "due_on"))


@time_machine.travel(at(D(2026, 2, 5)), tick=False)
def test_adding_a_holiday_in_the_admin_moves_open_deadlines_and_reminders(
    staff_client, open_request
):
    assert open_request.due_on == D(2026, 2, 18)
    serbia = Jurisdiction.objects.get(code="RS")
    response = staff_client.post(
        reverse("admin:procurement_holidayoverride_add"),
        {
            "jurisdiction": serbia.pk,
            "date": "2026-02-18",
            "kind": "closed",
            "name": "Day of mourning",
        },
    )
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.due_on == D(2026, 2, 19)
    assert "Day of mourning" in open_request.deadline_explanation
    assert pending(open_request)["due_soon"] == D(2026, 2, 19)
    old = open_request.reminders.get(kind="due_soon", due_on=D(2026, 2, 18))
    assert old.state == "cancelled" and "Day of mourning" in old.cancel_reason
    event = open_request.events.get(kind="deadline")
    assert "due: Wed 18 Feb 2026 → Thu 19 Feb 2026" in event.note

    override = HolidayOverride.objects.get()
    response = staff_client.post(
        reverse("admin:procurement_holidayoverride_delete", args=[override.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.due_on == D(2026, 2, 18)
    assert pending(open_request)["due_soon"] == D(2026, 2, 18)  # the old row revived


@time_machine.travel(at(D(2026, 2, 5)), tick=False)
def test_a_suspension_added_inline_on_the_jurisdiction_stops_the_clock(staff_client, open_request):
    serbia = Jurisdiction.objects.get(code="RS")
    url = reverse("admin:procurement_jurisdiction_change", args=[serbia.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["holiday_categories"] = '["public"]'
    for prefix, model_count in [("laws", serbia.laws.count()), ("holiday_overrides", 0)]:
        data.update({f"{prefix}-TOTAL_FORMS": model_count, f"{prefix}-INITIAL_FORMS": model_count})
    for index, law in enumerate(serbia.laws.all()):
        data.update(
            {
                f"laws-{index}-id": law.pk,
                f"laws-{index}-jurisdiction": serbia.pk,
                f"laws-{index}-name": law.name,
                f"laws-{index}-confidence": law.confidence,
                f"laws-{index}-response_days": law.response_days,
                f"laws-{index}-response_day_kind": law.response_day_kind,
            }
        )
    data.update(
        {
            "suspensions-TOTAL_FORMS": 1,
            "suspensions-INITIAL_FORMS": 0,
            "suspensions-0-starts_on": "2026-02-09",
            "suspensions-0-ends_on": "2026-02-13",
            "suspensions-0-reason": "Decree on a state of emergency",
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    open_request.refresh_from_db()
    # Five days do not run: 15 counted days end on Mon 23 Feb.
    assert open_request.due_on == D(2026, 2, 23)
    assert "Decree on a state of emergency" in open_request.deadline_explanation


@time_machine.travel(at(D(2026, 2, 5)), tick=False)
def test_editing_the_law_recomputes_and_closed_requests_are_left_alone(staff_client, open_request):
    org = open_request.requester_organisation
    editor = org.memberships.get().user
    with time_machine.travel(at(D(2026, 2, 4)), tick=False):
        answered = sent(org, editor, D(2026, 2, 3))
        answered = step(answered, "answered", D(2026, 2, 4))
    law = FoiLaw.objects.get(jurisdiction__code="RS")
    law.response_days = 8
    law.save()  # any write path: the receiver recomputes
    open_request.refresh_from_db()
    answered.refresh_from_db()
    assert open_request.due_on == D(2026, 2, 11)
    assert answered.due_on == D(2026, 2, 18)  # closed: its record stays as it was
    assert not answered.events.filter(kind="deadline").exists()


@time_machine.travel(at(D(2026, 11, 12)), tick=False)
def test_changing_the_holiday_subdivision_recomputes_the_level(reference):
    org = organisation()
    editor = member(org)
    info_request = sent(org, editor, D(2026, 11, 10), code="BA-BIH")
    assert info_request.due_on == D(2026, 11, 26)  # +15 = Wed 25 Nov, Statehood Day (FBiH)
    federation = Jurisdiction.objects.get(code="BA-BIH")
    federation.holiday_subdivision = "SRP"  # e.g. an admin correcting a wrong calendar
    federation.save()
    info_request.refresh_from_db()
    assert info_request.due_on == D(2026, 11, 25)  # not a holiday in Republika Srpska


@time_machine.travel(at(D(2026, 3, 6)), tick=False)
def test_counting_religious_holidays_as_closed_recomputes_the_level(reference):
    org = organisation()
    editor = member(org)
    info_request = sent(org, editor, D(2026, 3, 5), code="BA-SRP")
    assert info_request.due_on == D(2026, 3, 20)  # Eid al-Fitr: a working day by default
    assert "counted as working days" in info_request.deadline_explanation
    srpska = Jurisdiction.objects.get(code="BA-SRP")
    srpska.religious_holidays_closed = True  # the level's source says otherwise
    srpska.save()
    info_request.refresh_from_db()
    assert info_request.due_on == D(2026, 3, 23)
    assert "counted as days the authorities are closed" in info_request.deadline_explanation


def test_a_parents_override_applies_to_its_levels(reference):
    org = organisation()
    editor = member(org)
    with time_machine.travel(at(D(2026, 3, 6)), tick=False):
        info_request = sent(org, editor, D(2026, 3, 5), code="BA-SRP")
        assert info_request.due_on == D(2026, 3, 20)
        HolidayOverride.objects.create(
            jurisdiction=Jurisdiction.objects.get(code="BA"),
            date=D(2026, 3, 20),
            name="State day of mourning",
        )
    info_request.refresh_from_db()
    assert info_request.due_on == D(2026, 3, 23)  # Fri 20 Mar closed → Mon 23 Mar


@time_machine.travel(at(D(2026, 2, 5)), tick=False)
def test_editing_a_request_in_the_admin_recomputes_its_deadlines(staff_client, open_request):
    # Staff see a private request in the admin only as members of its organisation.
    Membership.objects.create(
        user=User.objects.get(username="staffer"),
        organisation=open_request.requester_organisation,
        role=Membership.Role.MEMBER,
    )
    url = reverse("admin:procurement_inforequest_change", args=[open_request.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data.update(
        {
            "received_on": "2026-02-10",  # the return receipt came back
            "awards": [],
            "processes": [],
            "agreements": [],
            "contracts": [],
            "followers": [u.pk for u in open_request.followers.all()],
        }
    )
    for prefix in ("events", "reminders"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data = {k: v for k, v in data.items() if v != []}
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    open_request.refresh_from_db()
    assert open_request.due_on == D(2026, 2, 25)
    assert "edited in the admin" in open_request.events.get(kind="deadline").note
    assert open_request.reminders.get(kind="due_soon", state="pending").due_on == D(2026, 2, 25)
