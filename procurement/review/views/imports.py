"""The review of a whole import: its summary and a sample, then one decision that publishes
every record it wrote that is still waiting (procurement.review.services.imports)."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from procurement.core.guards import reviewer_required
from procurement.review import selectors
from procurement.review.forms import PublishImportForm
from procurement.review.services.imports import publish_import


@reviewer_required
def review_import(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what the import wrote, its flags and failures, a sample; POST: publish it."""
    try:
        review = selectors.import_review(pk)
    except ObjectDoesNotExist as error:
        raise Http404 from error
    form = PublishImportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = publish_import(run_id=pk, actor=request.user, note=form.cleaned_data["note"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Published: %(processes)s processes, %(awards)s awards and "
                        "%(contracts)s contracts of this import."
                    )
                    % {
                        "processes": done.processes,
                        "awards": done.awards,
                        "contracts": done.contracts,
                    },
                )
                return redirect("import-review", pk=pk)
        status = 400
    return render(
        request, "procurement/imports/review.html", {"review": review, "form": form}, status=status
    )
