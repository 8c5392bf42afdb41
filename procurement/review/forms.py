"""Forms of the review: decisions (one record or in bulk), resolving and suggesting corrections.
They parse and check input; services do the writing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from procurement.core.collation import by_name
from procurement.core.form_fields import IdListField, ListedModelChoiceField
from procurement.models import Organisation, SuggestedCorrection
from procurement.review.transitions import ACTION_CHOICES

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

    organisation = ListedModelChoiceField(
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
            ).order_by(by_name(), "pk")
        if not self.fields["organisation"].queryset.exists():
            del self.fields["organisation"]


class PublishImportForm(forms.Form):
    """The one decision that publishes a whole import, after its summary and sample."""

    confirm = forms.BooleanField(
        label=_("I have read the summary and checked the sample"), required=True
    )
    note = forms.CharField(**NOTE_FIELD)
