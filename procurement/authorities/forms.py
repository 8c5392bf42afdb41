"""Forms of the authorities on record: an editor's proposal of a missing authority, and a
reviewer's decision on it. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy

from procurement.core.bounds import IdField
from procurement.core.form_fields import ListedModelChoiceField
from procurement.models import AuthorityProposal, Jurisdiction, Organisation

NAME_MAX = Organisation._meta.get_field("name").max_length
SOURCE_MAX = AuthorityProposal._meta.get_field("source_url").max_length


def jurisdiction_choice(**options) -> forms.ModelChoiceField:
    """Whose FOI law applies; in Bosnia and Herzegovina each level is a jurisdiction."""
    return ListedModelChoiceField(
        queryset=Jurisdiction.objects.order_by("code"),
        to_field_name="code",
        label=gettext_lazy("Whose FOI law applies"),
        help_text=gettext_lazy(
            "The country; in Bosnia and Herzegovina the level: state institutions, the "
            "Federation, Republika Srpska or Brčko District."
        ),
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Choose a jurisdiction from the list.")},
        **options,
    )


class ProposeAuthorityForm(forms.Form):
    """A missing authority, proposed by an editor from the request form."""

    organisation = ListedModelChoiceField(
        queryset=Organisation.objects.none(),
        label=gettext_lazy("Proposed by"),
        empty_label=None,
        error_messages={
            "invalid_choice": gettext_lazy("You can propose for your own organisations only.")
        },
    )
    name = forms.CharField(
        label=gettext_lazy("Official name of the authority"),
        max_length=NAME_MAX,
        help_text=gettext_lazy("As the authority writes it, e.g. “Ministarstvo zdravlja”."),
    )
    foi_email = forms.EmailField(
        label=gettext_lazy("FOI e-mail"),
        required=False,
        help_text=gettext_lazy(
            "The address it gives for requests for information, if it publishes one."
        ),
    )
    jurisdiction = jurisdiction_choice()
    source_url = forms.URLField(
        label=gettext_lazy("Source"),
        max_length=SOURCE_MAX,
        assume_scheme="https",
        help_text=gettext_lazy(
            "Where you found it: the authority's own page or an official list (a link)."
        ),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["jurisdiction"].initial = "RS"
        for field in ("organisation", "name", "foi_email", "jurisdiction", "source_url"):
            self.fields[field].widget.attrs["id"] = f"propose-{field}"


class ProposalDecisionForm(forms.Form):
    """A reviewer's decision: confirm (with corrections), merge into another, or reject."""

    ACTIONS = [
        ("confirm", gettext_lazy("Confirm")),
        ("merge", gettext_lazy("Merge into an authority on record")),
        ("reject", gettext_lazy("Reject")),
    ]
    action = forms.ChoiceField(choices=ACTIONS, label=gettext_lazy("Decision"))
    name = forms.CharField(label=gettext_lazy("Name"), max_length=NAME_MAX, required=False)
    foi_email = forms.EmailField(label=gettext_lazy("FOI e-mail"), required=False)
    jurisdiction = jurisdiction_choice(required=False)
    target = IdField(
        label=gettext_lazy("Merge into"),
        required=False,
        error_messages={"required": gettext_lazy("Choose the authority to merge into.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the proposing organisation)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "merge" and not data.get("target"):
            self.add_error("target", gettext_lazy("Choose the authority to merge into."))
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", gettext_lazy("Say why the proposal is rejected."))
        return data
