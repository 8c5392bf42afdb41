"""Organisation pages: as buyer, as supplier (with its group), aliases, FOI record."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from procurement.selectors import organisations as selectors
from procurement.selectors.redflags import organisation_panels
from procurement.views.public import _or_404


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _or_404(selectors.organisation_for_page, pk, request.user)
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
