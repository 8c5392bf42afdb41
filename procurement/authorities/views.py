"""The reviewers' pages of proposed authorities: the queue, one proposal, the decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement.authorities import selectors
from procurement.authorities.forms import ProposalDecisionForm
from procurement.authorities.services.proposals import (
    confirm_proposal,
    merge_proposal,
    reject_proposal,
)
from procurement.core.guards import or_404, page_of, report, reviewer_required
from procurement.models import AuthorityProposal

PAGE_SIZE = 50


@reviewer_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    """Proposals awaiting review (oldest first), or those decided (`?state=`)."""
    state = request.GET.get("state", AuthorityProposal.State.PENDING)
    if state not in AuthorityProposal.State.values:
        raise Http404
    page, query = page_of(request, selectors.proposals(state), PAGE_SIZE)
    return render(
        request,
        "procurement/authorities/proposal_list.html",
        {"page": page, "query": query, "state": state, "states": AuthorityProposal.State.choices},
    )


@reviewer_required
def proposal_detail(request: HttpRequest, pk: int, form: ProposalDecisionForm | None = None):
    """One proposal: what was proposed, by which organisation, and the authorities on record
    it may be the same as (search with `?q=`)."""
    proposal = or_404(selectors.proposal_for_review, pk)
    text = request.GET.get("q", "")[:200]
    authority = proposal.organisation
    initial = {"action": "confirm"}
    if authority is not None:
        initial |= {
            "name": authority.name,
            "foi_email": authority.foi_email,
            "jurisdiction": authority.jurisdiction.code if authority.jurisdiction else None,
        }
    return render(
        request,
        "procurement/authorities/proposal_detail.html",
        {
            "proposal": proposal,
            "candidates": selectors.merge_candidates(proposal, text)
            if proposal.state == AuthorityProposal.State.PENDING
            else [],
            "q": text,
            "form": form or ProposalDecisionForm(initial=initial),
        },
        status=400 if form is not None else 200,
    )


@reviewer_required
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, merge or reject a proposal; on a refusal the page comes back with the reason."""
    or_404(selectors.proposal_for_review, pk)
    form = ProposalDecisionForm(request.POST)
    if not form.is_valid():
        return proposal_detail(request, pk, form=form)
    data = form.cleaned_data
    try:
        if data["action"] == "confirm":
            authority = confirm_proposal(
                proposal_id=pk,
                actor=request.user,
                name=data["name"],
                foi_email=data["foi_email"],
                jurisdiction=data["jurisdiction"],
            )
            messages.success(request, _("%(name)s is confirmed and public.") % {"name": authority})
        elif data["action"] == "merge":
            target = merge_proposal(proposal_id=pk, target_id=data["target"], actor=request.user)
            messages.success(
                request,
                _("Merged into %(name)s; its requests moved there.") % {"name": target},
            )
        else:
            reject_proposal(proposal_id=pk, actor=request.user, reason=data["reason"])
            messages.success(request, _("The proposal is rejected."))
    except ValidationError as error:
        report(request, error)
        return redirect("authority-proposal-detail", pk=pk)
    return redirect(reverse("authority-proposals"))
