"""Forms of membership: invitations, roles, and the account made when accepting one. They parse
and check input; the membership service does the writing."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import BaseUserCreationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from procurement.core import ratelimit
from procurement.models import Membership, User


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most PASSWORD_RESET_ACCOUNT_RATE e-mails per account
    (the address typed in, whether or not an account has it): past the limit it answers
    exactly as before and sends nothing, so nobody learns which addresses have accounts."""

    def save(self, **kwargs) -> None:
        email = self.cleaned_data["email"].strip().lower()
        allowed, _retry = ratelimit.allow(
            "password-reset-account", email, settings.PASSWORD_RESET_ACCOUNT_RATE
        )
        if allowed:
            super().save(**kwargs)


class LanguageSelect(forms.Select):
    """Each language named in itself, and marked so (lang="sq"), as the switcher does."""

    def create_option(self, name, value, *args, **kwargs) -> dict:
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class LanguageForm(forms.Form):
    """The account's language; blank leaves it to the browser (Accept-Language)."""

    language = forms.ChoiceField(
        label=_("Language of pages and e-mails"), required=False, widget=LanguageSelect
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("the browser's language")),
            *((code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES),
        ]


class DeliveryForm(forms.Form):
    """How the account's notifications are e-mailed."""

    notification_delivery = forms.ChoiceField(
        label=_("E-mail me about the requests I follow"),
        choices=User.Delivery.choices,
        widget=forms.RadioSelect,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class NewAccountForm(BaseUserCreationForm):
    """Accepting an invitation without an account: a username and a password; the email is
    the invitation's. Only validates: the membership service creates the account."""

    class Meta:
        model = User
        fields = ["username"]

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.email = email  # the password must not resemble it either

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("That username is taken; choose another."))
        return username
