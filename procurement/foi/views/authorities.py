"""Proposing a missing authority from the request form (works without JavaScript): on
success the request form continues with the new, unconfirmed authority."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement.authorities.forms import ProposeAuthorityForm
from procurement.authorities.services.proposals import propose_authority
from procurement.foi.forms import apply_service_errors
from procurement.foi.selectors.workspace import editable_organisations
from procurement.foi.views.request_steps import authority_search


@login_required
@require_POST
def propose(request: HttpRequest) -> HttpResponse:
    """An editor proposes an authority the search did not find; it is usable at once by the
    proposing organisation and awaits a reviewer's confirmation."""
    organisations = editable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied(_("Only editors of an organisation can propose an authority."))
    form = ProposeAuthorityForm(request.POST, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            authority = propose_authority(
                organisation=data["organisation"],
                name=data["name"],
                foi_email=data["foi_email"],
                jurisdiction=data["jurisdiction"],
                source_url=data["source_url"],
                actor=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error("organisation", str(error))
        else:
            messages.success(
                request,
                _(
                    "%(name)s is on record for your organisation, unconfirmed until a reviewer "
                    "checks it. You can write to it now."
                )
                % {"name": authority.name},
            )
            return redirect(reverse("workspace-request-new") + f"?authority={authority.pk}")
    context = authority_search(request, organisations, proposal=form)
    context["proposal_open"] = True
    return render(request, "procurement/workspace/request_new.html", context, status=400)
