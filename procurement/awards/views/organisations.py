"""Organisation pages: as buyer, as supplier (with its group), aliases, FOI record."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from procurement.awards.selectors import organisations as selectors
from procurement.awards.selectors.directories import organisation_directory
from procurement.awards.selectors.organisations import organisation_panels
from procurement.core.guards import or_404


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = or_404(selectors.organisation_for_page, pk, request.user)
    is_authority = organisation.kind in ("public_authority", "state_owned_company", "government")
    buyer_flags, supplier_flags = organisation_panels(organisation)
    return render(
        request,
        "procurement/organisation_detail.html",
        {
            "organisation": organisation,
            "as_buyer": selectors.as_buyer(organisation),
            "as_supplier": selectors.as_supplier(organisation),
            "buyer_flags": buyer_flags,
            "supplier_flags": supplier_flags,
            "foi": selectors.foi_record(organisation, timezone.localdate())
            if is_authority
            else None,
        },
    )


def organisation_list(request: HttpRequest) -> HttpResponse:
    """Browse the organisations the reader may see, by country and kind."""
    directory = organisation_directory(request.GET, request.user)
    return render(
        request,
        "procurement/organisation_list.html",
        {"directory": directory},
        status=400 if directory.error else 200,
    )
