"""Who may read, edit or administer what. Every view asks here; nothing else decides access.

Organisation roles: a **member** reads the organisation's private requests, documents and
calendar; an **editor** also logs and changes requests, uploads and publishes; an
**organisation admin** also invites, changes roles and removes members. Site roles: a
**reviewer** reviews processes, awards and contracts and resolves suggested corrections;
**staff** run the site (the Django admin) and may administer any organisation's membership
(but invite only an organisation's first admin), yet are not members: an organisation's
private requests stay inside the organisation.

The user's roles are read once (one query) and kept on the user object for the request.
"""

from django.db.models import Q, QuerySet

from procurement.models import (
    Document,
    InfoRequest,
    Membership,
    ReviewStatus,
    Visibility,
)

Role = Membership.Role
# Each role includes the rights of those before it.
RANK = {Role.MEMBER: 1, Role.EDITOR: 2, Role.ADMIN: 3}

_CACHE = "_tracker_roles"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def roles(user) -> dict[int, str]:
    """{organisation id: role} for every organisation the user belongs to (one query, cached)."""
    if not _active(user):
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached roles after a membership of this user changed."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def role_in(user, organisation_id: int | None) -> str | None:
    return roles(user).get(organisation_id)


def has_role(user, organisation_id: int | None, at_least: str = Role.MEMBER) -> bool:
    role = role_in(user, organisation_id)
    return role is not None and RANK[role] >= RANK[at_least]


def organisation_ids(user, at_least: str = Role.MEMBER) -> list[int]:
    """The organisations in which the user holds `at_least` this role."""
    return sorted(org for org, role in roles(user).items() if RANK[role] >= RANK[at_least])


def can_read_organisation(user, organisation_id: int) -> bool:
    """Members see their organisation's private requests, documents, members and calendar."""
    return has_role(user, organisation_id, Role.MEMBER)


def can_edit_organisation(user, organisation_id: int) -> bool:
    """Editors log requests, record what happens, upload documents and publish."""
    return has_role(user, organisation_id, Role.EDITOR)


def can_administer_organisation(user, organisation_id: int) -> bool:
    """Organisation admins (and staff) change roles, remove members and withdraw invitations;
    who may invite is `can_invite_to_organisation`."""
    return has_role(user, organisation_id, Role.ADMIN) or (_active(user) and user.is_staff)


def can_invite_to_organisation(user, organisation_id: int) -> bool:
    """Organisation admins invite; staff, who are not members, only an organisation's first
    admin (one without any), never into one whose admins decide who joins."""
    if has_role(user, organisation_id, Role.ADMIN):
        return True
    if not (_active(user) and user.is_staff):
        return False
    return not Membership.objects.filter(organisation_id=organisation_id, role=Role.ADMIN).exists()


def can_see_members(user, organisation_id: int) -> bool:
    return can_read_organisation(user, organisation_id) or can_administer_organisation(
        user, organisation_id
    )


def is_reviewer(user) -> bool:
    """Reviewers (and staff) review processes, awards and contracts before publication."""
    return _active(user) and (user.is_reviewer or user.is_staff)


# --- The one visibility rule of a FOI request and its documents ------------------------------
# A request is public once its organisation published it; otherwise only the organisation's
# members read it. A request's document is public when the request is published and the
# document chosen for publication. Staff are not members. Whatever decides what a person sees
# of requests — these checks, the selectors (foi.selectors.requests), the admin's scoping
# (admin/scoping.py) — uses the functions below, as a query or for one loaded row.


def member_organisations(user) -> QuerySet:
    """The organisations the user is a member of, as a subquery: read with the query that
    uses it, so a membership changed a moment ago counts (the cached roles might not)."""
    return Membership.objects.filter(user=user).values("organisation_id")


def published_requests_q(prefix: str = "") -> Q:
    """Requests their organisation chose to publish (`prefix` is the lookup path to the
    request, e.g. "request__")."""
    return Q(**{f"{prefix}visibility": Visibility.PUBLISHED})


def readable_requests_q(user, prefix: str = "") -> Q:
    """Requests the user may read: published ones, and every request of the organisations
    they are a member of."""
    if not _active(user):
        return published_requests_q(prefix)
    return published_requests_q(prefix) | Q(
        **{f"{prefix}requester_organisation_id__in": member_organisations(user)}
    )


def request_is_public(info_request: InfoRequest) -> bool:
    """`published_requests_q` for one loaded request."""
    return info_request.visibility == Visibility.PUBLISHED


def can_read_request(user, info_request: InfoRequest) -> bool:
    """`readable_requests_q` for one loaded request: published, or the user's organisation's."""
    return request_is_public(info_request) or can_read_organisation(
        user, info_request.requester_organisation_id
    )


def published_requests() -> QuerySet[InfoRequest]:
    """FOI requests their organisation chose to publish; drafts and private ones never."""
    return InfoRequest.objects.filter(published_requests_q())


def readable_requests(user) -> QuerySet[InfoRequest]:
    """FOI requests the user may read (`readable_requests_q`)."""
    return InfoRequest.objects.filter(readable_requests_q(user))


def public_documents_q(prefix: str = "") -> Q:
    """Documents anyone may read as far as requests decide: of no request (their record
    decides), or chosen for publication with a published request."""
    return Q(**{f"{prefix}request__isnull": True}) | (
        published_requests_q(f"{prefix}request__") & Q(**{f"{prefix}is_published": True})
    )


def readable_documents_q(user, prefix: str = "") -> Q:
    """Documents the user may read as far as requests decide: the public ones, and every
    document of the requests of the user's organisations."""
    if not _active(user):
        return public_documents_q(prefix)
    return public_documents_q(prefix) | Q(
        **{f"{prefix}request__requester_organisation_id__in": member_organisations(user)}
    )


def can_edit_request(user, info_request: InfoRequest) -> bool:
    return can_edit_organisation(user, info_request.requester_organisation_id)


def record_is_public(record) -> bool:
    """A process, award or contract is public once a reviewer published it."""
    return record.review_status == ReviewStatus.PUBLISHED


def can_read_record(user, record) -> bool:
    """Published records are public; reviewers see every state."""
    return record_is_public(record) or is_reviewer(user)


def can_read_document(user, document: Document) -> bool:
    """A request's document: members of the requesting organisation, or anyone once the
    request is published and this document chosen for publication. Other documents follow
    their record (agreements are always public)."""
    if document.request_id:
        if can_read_organisation(user, document.request.requester_organisation_id):
            return True
        return document_is_public(document)
    record = document_record(document)
    return record is None or can_read_record(user, record)


def document_is_public(document: Document) -> bool:
    """Whether anyone at all may read the document (what an anonymous visitor gets)."""
    if document.request_id:
        return document.is_published and request_is_public(document.request)
    record = document_record(document)
    return record is None or record_is_public(record)


def document_record(document: Document):
    """The reviewable record a non-request document belongs to (None for an agreement)."""
    if document.amendment_id:
        return document.amendment.contract
    return document.process or document.award or document.contract


def can_upload_document(user, parent) -> bool:
    """Editors upload to their organisation's requests; reviewers to records and agreements."""
    if isinstance(parent, InfoRequest):
        return can_edit_request(user, parent)
    return is_reviewer(user)


def can_suggest_correction(user, record) -> bool:
    """Anyone may suggest a correction to what the public sees; reviewers to anything."""
    return can_read_record(user, record)
