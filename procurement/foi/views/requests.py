"""FOI request pages of this area: the public list, a published request, the letters (copy or
download), following.
Visibility is decided by the selectors; these views parse, call and render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from procurement.core.guards import back, or_404, page_of
from procurement.core.permissions import published_requests
from procurement.foi.filters import RequestFilter
from procurement.foi.selectors import requests as selectors
from procurement.foi.services.requests import follow_request, unfollow_request
from procurement.models import LetterTemplate

PAGE_SIZE = 25


def request_list(request: HttpRequest) -> HttpResponse:
    """Published requests, filterable by status, jurisdiction, overdue and appeal window."""
    today = timezone.localdate()
    queryset = selectors.with_derived_states(
        published_requests().select_related("authority", "requester_organisation", "jurisdiction"),
        today,
    ).order_by("-sent_on", "-id")
    filterset = RequestFilter(request.GET, queryset=queryset, today=today)
    page, query = page_of(request, filterset.qs, PAGE_SIZE)
    return render(
        request,
        "procurement/request_list.html",
        {"filter": filterset, "page": page, "query": query, "today": today},
        status=400 if filterset.errors else 200,
    )


def _visible_request(request: HttpRequest, pk: int, *extra_prefetch):
    info_request = (
        selectors.visible_requests(request.user)
        .select_related(
            "authority", "requester_organisation", "jurisdiction", "law__appeal_body_organisation"
        )
        .prefetch_related("law__letter_templates", *extra_prefetch)
        .filter(pk=pk)
        .first()
    )
    if info_request is None:
        raise Http404  # private to another organisation looks exactly like missing
    return info_request


def request_letters(request: HttpRequest, pk: int) -> HttpResponse:
    """The request's deadlines and the letters that fit it now, ready to copy or download."""
    member = selectors.is_member_view(request.user, pk)
    info_request = _visible_request(request, pk, selectors.timeline_prefetch(public=not member))
    return render(
        request,
        "procurement/request_letters.html",
        {
            "info_request": info_request,
            "show_actors": member,
            "is_following": request.user.is_authenticated
            and info_request.followers.filter(pk=request.user.pk).exists(),
        },
    )


def letter_download(request: HttpRequest, pk: int, kind: str, language: str) -> HttpResponse:
    """One filled-in letter as a plain-text file."""
    if kind not in LetterTemplate.Kind.values:
        raise Http404
    info_request = _visible_request(request, pk)
    letter = selectors.letter_for(info_request, kind, language, timezone.localdate())
    if letter is None or letter.error:
        raise Http404
    response = HttpResponse(
        f"{letter.subject}\n\n{letter.body}", content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="request-{info_request.pk}-{letter.filename}"'
    )
    return response


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow (or, with `unfollow`, stop following) a request one may see."""
    info_request = _visible_request(request, pk)
    if request.POST.get("unfollow"):
        unfollow_request(request_id=info_request.pk, user=request.user)
    else:
        try:
            follow_request(request_id=info_request.pk, user=request.user)
        except PermissionDenied as error:
            raise Http404 from error
    return back(request, reverse("request-letters", args=[info_request.pk]))


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A published request with its timeline, documents chosen for publication and letters."""
    info_request = or_404(selectors.request_for_page, pk)
    return render(request, "procurement/request_detail.html", {"info_request": info_request})
