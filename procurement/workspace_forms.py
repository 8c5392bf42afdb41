"""Forms of the signed-in workspace: membership, invitations, review decisions, suggested
corrections and document uploads. They parse and check input; services do the writing."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import BaseUserCreationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from procurement import ratelimit
from procurement.bounds import BoundedDateField
from procurement.file_types import ACCEPT_ATTRIBUTE
from procurement.models import Document, Membership, Organisation, SuggestedCorrection, User
from procurement.review_transitions import ACTION_CHOICES

# A bulk decision covers at most this many records (one page of the queue is 50).
BULK_LIMIT = 500


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


class IdListField(forms.Field):
    """Several record ids from checkboxes of the same name."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            ids = sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise ValidationError(_("Choose records from the list."), code="invalid") from None
        if len(ids) > BULK_LIMIT:
            raise ValidationError(
                _("Choose at most %(limit)d records at a time.") % {"limit": BULK_LIMIT}
            )
        return ids

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(_("Choose at least one record."), code="required")


NOTE_FIELD = {
    "label": _("Reason or note"),
    "required": False,
    "max_length": 5000,
    "widget": forms.Textarea(attrs={"rows": 2}),
}


class ReviewDecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=ACTION_CHOICES)
    note = forms.CharField(**NOTE_FIELD)


class BulkReviewForm(ReviewDecisionForm):
    kind = forms.ChoiceField(
        choices=[("process", _("process")), ("award", _("award")), ("contract", _("contract"))],
        widget=forms.HiddenInput,
    )
    ids = IdListField(label=_("Records"))


class ResolveCorrectionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: the record was corrected")), ("reject", _("Reject"))],
    )
    note = forms.CharField(**NOTE_FIELD)


class SuggestCorrectionForm(forms.ModelForm):
    """The public form (and, for members, in the name of their organisation)."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("myself"),
    )

    class Meta:
        model = SuggestedCorrection
        fields = ["field", "suggestion", "source_url", "submitter_email"]
        widgets = {"suggestion": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "field": _("e.g. the value, the date, the supplier"),
            "source_url": _("A link where the correct information can be checked."),
            "submitter_email": _("Optional: only for the reviewers, if they have a question."),
        }

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["suggestion"].required = True
        if user is not None and user.is_authenticated:
            del self.fields["submitter_email"]  # the account's address is used
            self.fields["organisation"].queryset = Organisation.objects.filter(
                memberships__user=user
            ).order_by("name")
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]


class DocumentUploadForm(forms.Form):
    """The reusable upload form: the file is checked by its content in the service."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_("PDF, image, office document or e-mail (.eml)."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Empty: the file name."),
    )
    document_type = forms.ChoiceField(
        label=_("Type"), choices=Document.Type.choices, initial=Document.Type.OTHER
    )
    date_published = BoundedDateField(
        label=_("Date on the document"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, oversized: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.oversized = oversized or {}

    @property
    def max_size(self) -> int:
        return settings.UPLOAD_MAX_BYTES

    def clean(self):
        if "file" in self.oversized:
            self.errors.pop("file", None)
            self.add_error(
                "file",
                _("The file is larger than %(limit)s, the largest we accept.")
                % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            )
        return super().clean()
