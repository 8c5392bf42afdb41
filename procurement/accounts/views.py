"""Accounts and organisation membership: the account page, members and roles, invitations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procurement.accounts import selectors
from procurement.accounts.forms import (
    DeliveryForm,
    InvitationForm,
    LanguageForm,
    LimitedPasswordResetForm,
    NewAccountForm,
    RoleForm,
)
from procurement.accounts.services import calendar_feed as accounts
from procurement.accounts.services import memberships, preferences
from procurement.core import languages, permissions, ratelimit
from procurement.core.guards import report, safe_next
from procurement.models import Invitation, Membership


def signin_paused(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer: 429, the page saying why, and when to try again."""
    from axes.helpers import get_client_username, get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "cooloff_timedelta": cool_off,
    }
    response = render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, limited per client address (429 past PASSWORD_RESET_RATE)
    and per account (the form sends nothing past PASSWORD_RESET_ACCOUNT_RATE)."""

    form_class = LimitedPasswordResetForm

    def post(self, request, *args, **kwargs):
        allowed, retry_after = ratelimit.allow(
            "password-reset", ratelimit.client_key(request), settings.PASSWORD_RESET_RATE
        )
        if not allowed:
            message = _("Too many password reset requests from your address.")
            return ratelimit.too_many(request, retry_after, message)
        return super().post(request, *args, **kwargs)


password_reset = PasswordResetView.as_view()


@login_required
def account(
    request: HttpRequest, language_form=None, delivery_form=None, status: int = 200
) -> HttpResponse:
    feed_url = settings.SITE_URL + reverse("calendar-feed", args=[request.user.feed_token])
    language_form = language_form or LanguageForm(initial={"language": request.user.language})
    delivery_form = delivery_form or DeliveryForm(
        initial={"notification_delivery": request.user.notification_delivery}
    )
    return render(
        request,
        "procurement/account.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "feed_url": feed_url,
            "language_form": language_form,
            "delivery_form": delivery_form,
        },
        status=status,
    )


@login_required
@require_POST
def account_language(request: HttpRequest) -> HttpResponse:
    """The account's language (pages, e-mails, notifications); blank: the browser's."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return account(request, language_form=form, status=400)
    preferences.set_language(user=request.user, language=form.cleaned_data["language"])
    response = redirect("account")
    _remember_language(response, request.user.language or languages.reader_language(request))
    return response


@login_required
@require_POST
def account_delivery(request: HttpRequest) -> HttpResponse:
    """How the account's notifications are e-mailed: at once, a daily digest, or none."""
    form = DeliveryForm(request.POST)
    if not form.is_valid():
        return account(request, delivery_form=form, status=400)
    preferences.set_delivery(user=request.user, delivery=form.cleaned_data["notification_delivery"])
    messages.success(request, _("Your e-mail choice is saved."))
    return redirect("account")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The switcher on every page (a form: no JavaScript): the same page in the chosen
    language; a signed-in user's choice is kept in their account, a visitor's in a cookie."""
    language = languages.supported(request.POST.get("language"))
    next_url = safe_next(request, "/")
    if language is None:
        return redirect(next_url)
    if request.user.is_authenticated:
        preferences.set_language(user=request.user, language=language)
    response = redirect(languages.with_language(next_url, language))
    _remember_language(response, language)
    return response


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_required
@require_POST
def regenerate_feed(request: HttpRequest) -> HttpResponse:
    accounts.regenerate_feed_token(user=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("account")


def _members_page(request: HttpRequest, pk: int, invite_form=None, status: int = 200):
    if not permissions.can_see_members(request.user, pk):
        raise Http404
    organisation, members, invitations = selectors.members_page(pk)
    administer = permissions.can_administer_organisation(request.user, pk)
    return render(
        request,
        "procurement/organisation_members.html",
        {
            "organisation": organisation,
            "members": members,
            "invitations": invitations,
            "can_administer": administer,
            "can_invite": permissions.can_invite_to_organisation(request.user, pk),
            "invite_form": invite_form or InvitationForm(),
            "roles": Membership.Role.choices,
        },
        status=status,
    )


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    return _members_page(request, pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_administer_organisation(request.user, pk):
        raise Http404
    if not permissions.can_invite_to_organisation(request.user, pk):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = memberships.invite_member(
                organisation_id=pk,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("organisation-members", pk=pk)
    return _members_page(request, pk, invite_form=form, status=400)


def _manage(request: HttpRequest, pk: int, change) -> HttpResponse:
    """Run one membership change for an organisation admin; its outcome as a message."""
    if not permissions.can_administer_organisation(request.user, pk):
        raise Http404
    try:
        messages.success(request, change())
    except ValidationError as error:
        report(request, error)
    return redirect("organisation-members", pk=pk)


def _membership_id(pk: int, membership_id: int) -> int:
    if not Membership.objects.filter(pk=membership_id, organisation_id=pk).exists():
        raise Http404
    return membership_id


@login_required
@require_POST
def change_role(request: HttpRequest, pk: int, membership_id: int) -> HttpResponse:
    def change() -> str:
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose a role: member, editor or organisation admin."))
        memberships.change_role(
            membership_id=_membership_id(pk, membership_id),
            role=form.cleaned_data["role"],
            actor=request.user,
        )
        return _("Role changed.")

    return _manage(request, pk, change)


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int, membership_id: int) -> HttpResponse:
    def change() -> str:
        memberships.remove_member(
            membership_id=_membership_id(pk, membership_id), actor=request.user
        )
        return _("Member removed.")

    return _manage(request, pk, change)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int, invitation_id: int) -> HttpResponse:
    def change() -> str:
        if not Invitation.objects.filter(pk=invitation_id, organisation_id=pk).exists():
            raise Http404
        memberships.revoke_invitation(invitation_id=invitation_id, actor=request.user)
        return _("Invitation withdrawn.")

    return _manage(request, pk, change)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding the link sees which organisation invites them; signed in with the
    invited address, they join; without an account, they create one with that address; any
    other account is refused (403) and told how to accept."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404
    state = memberships.invitation_state(invitation)
    if (
        state == "open"
        and request.user.is_authenticated
        and not memberships.same_address(request.user.email, invitation.email)
    ):
        state = "other_account"  # only the invited address may accept
    form = None
    if state == "open" and not request.user.is_authenticated:
        form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and state == "open":
        try:
            if request.user.is_authenticated:
                memberships.accept_invitation(token=token, user=request.user)
                return _joined(request, invitation)
            if form.is_valid():
                user = memberships.register_and_accept(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return _joined(request, invitation)
        except ValidationError as error:
            report(request, error)
            return redirect("invitation-accept", token=token)
    status = 400 if request.method == "POST" else 200
    if state == "other_account":
        status = 403
    elif state != "open":
        status = 410
    return render(
        request,
        "procurement/invitation_accept.html",
        {"invitation": invitation, "state": state, "form": form},
        status=status,
    )


def _joined(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    messages.success(
        request,
        _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
    )
    return redirect("account")
