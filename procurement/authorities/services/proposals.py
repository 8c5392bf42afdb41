"""Editors propose a missing authority; reviewers confirm it, merge it, or reject it.

A proposed authority is on record at once for the organisation that proposed it (its
editors may write to it, shown as unconfirmed), for reviewers and staff, and for nobody else:
it is public only once a reviewer confirms it. Merging moves its requests to the authority
already on record (its names become that authority's aliases) and deletes it; every decision
is in the audit log.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.authorities.register import script_of
from procurement.authorities.selectors import AUTHORITY_KINDS, matching_scope
from procurement.awards.filters import OrganisationFilterSet
from procurement.awards.names import name_key
from procurement.awards.services.search_keys import refresh_after_organisation_change
from procurement.core import permissions
from procurement.core.audit import record_audit
from procurement.models import (
    AuthorityProposal,
    InfoRequest,
    Jurisdiction,
    Organisation,
    OrganisationAlias,
    RegisterStatus,
)

State = AuthorityProposal.State


def already_on_record(name: str, country: str) -> Organisation | None:
    """A confirmed authority of `country` whose name or alias is `name`, folded."""
    queryset = matching_scope(country).filter(
        register_status=RegisterStatus.CONFIRMED, kind__in=AUTHORITY_KINDS
    )
    filterset = OrganisationFilterSet({"q": name}, queryset=queryset)
    if not filterset.is_valid():
        return None
    key = name_key(name)
    for organisation in filterset.qs.prefetch_related("aliases")[:50]:
        names = [organisation.name, *(alias.name for alias in organisation.aliases.all())]
        if any(name_key(known) == key for known in names):
            return organisation
    return None


@transaction.atomic
def propose_authority(
    *,
    organisation: Organisation,
    name: str,
    jurisdiction: Jurisdiction,
    source_url: str,
    actor,
    foi_email: str = "",
) -> Organisation:
    """A missing authority, proposed by an editor of `organisation`: usable at once by that
    organisation (unconfirmed), and in the reviewers' queue."""
    if not permissions.can_edit_organisation(actor, organisation.pk):
        raise PermissionDenied(
            _("Only editors of %(organisation)s can propose an authority in its name.")
            % {"organisation": organisation}
        )
    name = " ".join((name or "").split())
    known = already_on_record(name, jurisdiction.country.code) if name else None
    if known is not None:
        raise ValidationError(
            {"name": _("%(name)s is already on record: pick it from the list.") % {"name": known}},
            code="known",
        )
    pending = AuthorityProposal.objects.filter(
        proposed_by_organisation=organisation, state=State.PENDING
    ).values_list("name", flat=True)
    if name and any(name_key(other) == name_key(name) for other in pending):
        raise ValidationError(
            {"name": _("Your organisation proposed it already: pick it from the list.")},
            code="proposed",
        )
    authority = Organisation(
        name=name,
        kind=Organisation.Kind.PUBLIC_AUTHORITY,
        country=jurisdiction.country,
        jurisdiction=jurisdiction,
        foi_email=(foi_email or "").strip().lower(),
        source_url=(source_url or "").strip(),
        register_status=RegisterStatus.PROPOSED,
    )
    authority.full_clean()
    authority._history_user = actor
    authority.save()
    proposal = AuthorityProposal(
        organisation=authority,
        name=name,
        foi_email=authority.foi_email,
        jurisdiction=jurisdiction,
        source_url=authority.source_url,
        proposed_by_organisation=organisation,
        proposed_by=actor,
    )
    proposal.full_clean()
    proposal.save()
    refresh_after_organisation_change([authority.pk])
    record_audit("authorities.proposed", actor=actor, subject=proposal, authority=authority.pk)
    return authority


def _locked_pending(proposal_id: int, actor) -> AuthorityProposal:
    if not permissions.is_reviewer(actor):
        raise PermissionDenied(_("Only reviewers decide on proposed authorities."))
    proposal = (
        AuthorityProposal.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=proposal_id)
    )
    if proposal.state != State.PENDING or proposal.organisation is None:
        raise ValidationError(
            _("This proposal was already decided: %(state)s.")
            % {"state": proposal.get_state_display()},
            code="decided",
        )
    return proposal


def _decided(proposal: AuthorityProposal, state: str, actor, reason: str = "") -> None:
    proposal.state = state
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.reason = reason
    proposal.save(update_fields=["state", "decided_by", "decided_at", "reason", "merged_into"])


@transaction.atomic
def confirm_proposal(
    *,
    proposal_id: int,
    actor,
    name: str = "",
    foi_email: str | None = None,
    jurisdiction: Jurisdiction | None = None,
) -> Organisation:
    """A reviewer confirms a proposed authority (correcting its name, e-mail or jurisdiction
    if need be): it is then public and anyone may write to it."""
    proposal = _locked_pending(proposal_id, actor)
    authority = proposal.organisation
    authority.name = " ".join(name.split()) or authority.name
    if foi_email is not None:
        authority.foi_email = foi_email.strip().lower()
    if jurisdiction is not None:
        authority.jurisdiction = jurisdiction
        authority.country = jurisdiction.country
    authority.register_status = RegisterStatus.CONFIRMED
    authority.full_clean()
    authority._history_user = actor
    authority.save()
    _decided(proposal, State.CONFIRMED, actor)
    refresh_after_organisation_change([authority.pk])
    record_audit("authorities.confirmed", actor=actor, subject=proposal, authority=authority.pk)
    return authority


@transaction.atomic
def merge_proposal(*, proposal_id: int, target_id: int, actor) -> Organisation:
    """A reviewer merges a proposed authority into the one already on record: its requests
    move there, its names become aliases there, and it is deleted."""
    proposal = _locked_pending(proposal_id, actor)
    duplicate = proposal.organisation
    target = (
        Organisation.objects.select_for_update()
        .filter(pk=target_id, register_status=RegisterStatus.CONFIRMED, kind__in=AUTHORITY_KINDS)
        .exclude(pk=duplicate.pk)
        .first()
    )
    if target is None:
        raise ValidationError(
            {"target": _("Choose a confirmed authority to merge into.")}, code="target"
        )
    moved = []
    for info_request in InfoRequest.objects.select_for_update().filter(authority=duplicate):
        info_request.authority = target
        info_request._history_user = actor
        info_request.save(update_fields=["authority", "updated_at"])
        moved.append(info_request.pk)
    known = {target.name, *target.aliases.values_list("name", flat=True)}
    names = [duplicate.name, *duplicate.aliases.values_list("name", flat=True)]
    for name in dict.fromkeys(n for n in names if n not in known):
        OrganisationAlias.objects.create(organisation=target, name=name, script=script_of(name))
    if duplicate.foi_email and not target.foi_email:
        target.foi_email = duplicate.foi_email
        target.save(update_fields=["foi_email", "updated_at"])
    proposal.merged_into = target
    _decided(proposal, State.MERGED, actor)
    duplicate_id = duplicate.pk
    try:
        duplicate.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("%(name)s is still named by other records; change them first.")
            % {"name": duplicate.name},
            code="protected",
        ) from error
    refresh_after_organisation_change([target.pk])
    record_audit(
        "authorities.merged",
        actor=actor,
        subject=proposal,
        authority=duplicate_id,
        into=target.pk,
        requests=moved,
    )
    return target


@transaction.atomic
def reject_proposal(*, proposal_id: int, actor, reason: str) -> AuthorityProposal:
    """A reviewer rejects a proposed authority (not a public body, or not identifiable), with
    the reason its organisation sees; nobody can start a request to it any more."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the proposal is rejected.")}, code="reason")
    proposal = _locked_pending(proposal_id, actor)
    authority = proposal.organisation
    authority.register_status = RegisterStatus.REJECTED
    authority._history_user = actor
    authority.save(update_fields=["register_status", "updated_at"])
    _decided(proposal, State.REJECTED, actor, reason)
    record_audit("authorities.rejected", actor=actor, subject=proposal, authority=authority.pk)
    return proposal
