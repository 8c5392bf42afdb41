"""Forms of membership: invitations, roles, and the account made when accepting one. They parse
and check input; the membership service does the writing."""

from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from procurement.models import Membership, User


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
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
