"""What the workspace views share: access guards, safe redirects, service errors as messages."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from procurement.core import permissions


def reviewer_required(view: Callable) -> Callable:
    """Signed-in reviewers (and staff) only: others are sent to sign in, or refused."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not permissions.is_reviewer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def staff_required(view: Callable) -> Callable:
    """Signed-in staff only: others are sent to sign in, or refused."""

    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def permitted_or_404(models: dict, kind: str, pk: int, allowed: Callable[[object], bool]):
    """The `kind` record `pk` if it exists and `allowed` says yes; a 404 otherwise, so that
    what a user may not reach looks like what does not exist."""
    model = models.get(kind)
    record = model.objects.filter(pk=pk).first() if model else None
    if record is None or not allowed(record):
        raise Http404
    return record


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` address from the form if it stays on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def report(request: HttpRequest, error: ValidationError) -> None:
    """Each message of a service's ValidationError, shown on the next page."""
    for message in error.messages:
        messages.error(request, message)


def back(request: HttpRequest, default: str):
    return redirect(safe_next(request, default))


def page_of(request: HttpRequest, rows, size: int) -> tuple[Page, str]:
    """The requested page of `rows`, and the other query parameters (for the page links)."""
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def or_404(fetch, pk: int, *args):
    """`fetch(pk, *args)`, or a 404 when it finds nothing (a record that is not public is not
    found)."""
    try:
        return fetch(pk, *args)
    except ObjectDoesNotExist as error:
        raise Http404 from error
