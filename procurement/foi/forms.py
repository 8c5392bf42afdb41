"""Forms of the workspace's FOI requests: finding the authority, logging a request, recording
each step, receipt, publishing, and the organisation's reminder lead. They parse and check
input; the services do the writing and have the last word on dates and transitions."""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.urls import Resolver404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procurement.core.bounds import BoundedDateField
from procurement.core.form_fields import ListedModelChoiceField
from procurement.core.languages import resolve_any_language
from procurement.documents.forms import DocumentUploadForm
from procurement.documents.services import check_file
from procurement.foi.reference.letters import appeals_to_second_instance
from procurement.foi.rules import workflow
from procurement.foi.selectors.authorities import authorities, linkable
from procurement.foi.services.organisation_settings import MAX_LEAD_DAYS
from procurement.models import Document, InfoRequest, Jurisdiction, Organisation, RequestEvent

S = workflow.S
SUBJECT_MAX = InfoRequest._meta.get_field("subject").max_length
TEXT_MAX = InfoRequest._meta.get_field("text").max_length
NOTE_MAX = RequestEvent._meta.get_field("note").max_length
GROUND_MAX = 5000
LINKS_MAX = 5000


def date_field(label, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return BoundedDateField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Write the date as YYYY-MM-DD, e.g. 2026-03-05.")},
    )


CHANNEL_CHOICES = [("", "—"), *InfoRequest.Channel.choices]


class AuthoritySearchForm(forms.Form):
    authority_q = forms.CharField(
        label=gettext_lazy("Authority"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Type part of its name in Latin or Cyrillic, e.g. “MUP” or “Министарство”."
        ),
    )


def record_choices(label) -> forms.TypedMultipleChoiceField:
    """Checkboxes of records (the choices are set per form), as ids."""
    return forms.TypedMultipleChoiceField(
        label=label, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )


def document_choices(documents) -> list[tuple[int, str]]:
    return [
        (document.pk, f"{document.title} ({document.get_document_type_display()})")
        for document in documents
    ]


# Links pasted into "also about": the page's URL name → the kind of record.
LINKED_PAGES = {
    "award-detail": "award",
    "process-detail": "process",
    "agreement-detail": "agreement",
}
KIND_FIELDS = {"award": "awards", "process": "processes", "agreement": "agreements"}
# One sentence per kind: the noun's gender changes the sentence in the region's languages.
NOT_PUBLIC = {
    "award": gettext_lazy("No award with the number %(ids)s is public."),
    "process": gettext_lazy("No process with the number %(ids)s is public."),
    "agreement": gettext_lazy("No agreement with the number %(ids)s is public."),
}


def parse_links(text: str) -> tuple[dict[str, list[int]], list[str]]:
    """Record ids by kind from pasted links (full URLs or paths), and the lines that are not
    links to an award, process or agreement page."""
    found: dict[str, list[int]] = {kind: [] for kind in KIND_FIELDS}
    bad = []
    for line in (text or "").split():
        try:
            match = resolve_any_language(urlsplit(line).path)
        except Resolver404:
            bad.append(line)
            continue
        kind = LINKED_PAGES.get(match.url_name or "")
        if kind is None:
            bad.append(line)
        else:
            found[kind].append(match.kwargs["pk"])
    return found, bad


class NewRequestForm(forms.Form):
    """A request to one authority; saved as a draft (`action=draft`) or sent (`action=send`)."""

    organisation = ListedModelChoiceField(
        label=gettext_lazy("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    authority = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),  # the user's: see __init__
        widget=forms.HiddenInput,
        error_messages={
            "required": gettext_lazy("Choose the authority first: search for it by name."),
            "invalid_choice": gettext_lazy(
                "Unknown authority: search for it by name and pick it from the list."
            ),
        },
    )
    jurisdiction = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": gettext_lazy("Unknown jurisdiction.")},
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=SUBJECT_MAX)
    text = forms.CharField(
        label=gettext_lazy("Text of the request"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    is_urgent = forms.BooleanField(
        label=gettext_lazy("Urgent: life, liberty, health or the environment is at stake"),
        required=False,
    )
    awards = record_choices(gettext_lazy("Awards by this authority"))
    processes = record_choices(gettext_lazy("Procurement processes of this authority"))
    agreements = record_choices(gettext_lazy("Agreements"))
    also_about = forms.CharField(
        label=gettext_lazy("Also about (links to award, process or agreement pages)"),
        required=False,
        max_length=LINKS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("One link a line, e.g. https://…/awards/12/"),
    )
    sent_on = date_field(gettext_lazy("Sent on"))
    received_on = date_field(
        gettext_lazy("Received by the authority on"),
        help_text=gettext_lazy("If known (a return receipt, a portal's confirmation)."),
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Sent by"), choices=CHANNEL_CHOICES, required=False
    )
    reference_number = forms.CharField(
        label=gettext_lazy("Reference number"), max_length=100, required=False
    )
    action = forms.ChoiceField(
        choices=[("draft", gettext_lazy("Save as draft")), ("send", gettext_lazy("Mark as sent"))],
        required=False,
    )

    def __init__(self, *args, user, organisations, suggested=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organisation"].queryset = organisations
        self.fields["authority"].queryset = authorities(user)
        self.links: dict[str, object] = {}
        for field in KIND_FIELDS.values():  # none offered: any id sent is refused
            records = getattr(suggested, field, None) or []
            self.fields[field].choices = [(record.pk, str(record)) for record in records]

    def clean(self):
        data = super().clean()
        if data.get("action") == "send" and not data.get("sent_on"):
            self.add_error("sent_on", _("Give the day the request was sent."))
        pasted, bad = parse_links(data.get("also_about", ""))
        if bad:
            self.add_error(
                "also_about",
                _("Not a link to an award, process or agreement page: %(links)s")
                % {"links": ", ".join(bad)},
            )
        for kind, field in KIND_FIELDS.items():
            ids = sorted({*data.get(field, []), *pasted[kind]})
            records, missing = linkable(self.user, kind, ids)
            if missing:
                self.add_error(
                    "also_about" if set(missing) & set(pasted[kind]) else None,
                    NOT_PUBLIC[kind] % {"ids": ", ".join(map(str, missing))},
                )
            self.links[field] = records
        return data

    @property
    def sends(self) -> bool:
        return self.cleaned_data.get("action") == "send"


# The facts each step may record (workflow.ALLOWED_FACTS) are fields of StepForm.
FACT_FIELDS = (
    "received_on",
    "channel",
    "reference_number",
    "decision_number",
    "decision_appeal_body",
    "refusal_ground",
    "classification_level",
    "classification_article",
    "harm_test_given",
    "appeal_reference",
    "appeal_outcome",
)
DATE_LABELS = {
    S.SENT: gettext_lazy("Sent on"),
    **dict.fromkeys(
        (S.ANSWERED, S.PARTIALLY_ANSWERED, S.REFUSED, S.CLASSIFIED, S.NOT_HELD),
        gettext_lazy("Decision delivered on"),
    ),
    S.APPEALED: gettext_lazy("Complaint lodged on"),
    S.APPEAL_DECIDED: gettext_lazy("Appeal decided on"),
}
DOCUMENT_TYPES = {
    S.ANSWERED: Document.Type.RESPONSE,
    S.PARTIALLY_ANSWERED: Document.Type.RESPONSE,
    S.REFUSED: Document.Type.DECISION,
    S.CLASSIFIED: Document.Type.DECISION,
    S.NOT_HELD: Document.Type.DECISION,
    S.APPEALED: Document.Type.COMPLAINTS,
    S.APPEAL_DECIDED: Document.Type.DECISION,
    S.SENT: Document.Type.REQUEST_LETTER,
}
YES_NO = [("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))]


class StepForm(DocumentUploadForm):
    """One step of the workflow: its date, the facts it records, a note, and the documents
    that came with it (a new file, or files uploaded earlier)."""

    on = date_field(gettext_lazy("Date"), required=True)
    received_on = date_field(gettext_lazy("Received by the authority on"))
    channel = forms.ChoiceField(
        label=gettext_lazy("Sent by"), choices=CHANNEL_CHOICES, required=False
    )
    reference_number = forms.CharField(
        label=gettext_lazy("Reference number"), max_length=100, required=False
    )
    decision_number = forms.CharField(
        label=gettext_lazy("Decision number"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("As written on the decision; the complaint letters cite it."),
    )
    decision_appeal_body = forms.CharField(
        label=gettext_lazy("Appeal body named in the decision"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "As the decision's instruction on legal remedy names it, where the appeal goes to "
            "the deciding body's own second instance (Republika Srpska, the BiH 2000 Act); the "
            "appeal letters are addressed to it."
        ),
    )
    refusal_ground = forms.CharField(
        label=gettext_lazy("Legal ground given"),
        max_length=GROUND_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    classification_level = forms.CharField(
        label=gettext_lazy("Classification level"), max_length=60, required=False
    )
    classification_article = forms.CharField(
        label=gettext_lazy("Article cited"), max_length=200, required=False
    )
    harm_test_given = forms.TypedChoiceField(
        label=gettext_lazy("Was a harm / public-interest test given?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    appeal_reference = forms.CharField(
        label=gettext_lazy("Appeal reference"), max_length=100, required=False
    )
    appeal_outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[("", "—"), *InfoRequest.AppealOutcome.choices],
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    documents = record_choices(gettext_lazy("Documents uploaded earlier that came with it"))

    field_order = ["on", *FACT_FIELDS, "note", "documents", "file", "title", "document_type"]

    def __init__(self, *args, step: str, law=None, unattached=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        self.fields["documents"].choices = document_choices(unattached)
        del self.fields["date_published"]  # the document is dated by the step
        self.fields["file"].required = False
        self.fields["file"].label = _("Document that came with it")
        self.fields["document_type"].initial = DOCUMENT_TYPES.get(step, Document.Type.OTHER)
        self.fields["document_type"].required = False  # only used with a file
        self.fields["on"].label = DATE_LABELS.get(step, _("Date"))
        allowed = workflow.ALLOWED_FACTS.get(step, ())
        for name in FACT_FIELDS:
            if name not in allowed:
                del self.fields[name]
        if "decision_appeal_body" in self.fields and not (
            law and appeals_to_second_instance(law.jurisdiction.code, law.name)
        ):
            # Elsewhere the law names the appeal body itself: nothing to ask for.
            del self.fields["decision_appeal_body"]
        levels = list(getattr(law, "classification_levels", None) or [])
        if "classification_level" in self.fields and levels:
            self.fields["classification_level"] = forms.ChoiceField(
                label=_("Classification level"),
                choices=[("", "—"), *[(level, level) for level in levels]],
                help_text=_("The levels of this jurisdiction's secrecy law."),
            )
        for name in workflow.REQUIRED_FACTS.get(step, ()):
            self.fields[name].required = True

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            check_file(uploaded)  # refused before anything is recorded
        return uploaded

    def facts(self) -> dict:
        """The step's facts as the workflow service takes them (empty answers left out)."""
        return {
            name: self.cleaned_data[name]
            for name in FACT_FIELDS
            if name in self.fields and self.cleaned_data.get(name) not in (None, "")
        }


class ReceiptForm(forms.Form):
    received_on = date_field(gettext_lazy("Received by the authority on"), required=True)


class PublishForm(forms.Form):
    documents = record_choices(gettext_lazy("Documents the public may download"))

    def __init__(self, *args, documents=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = document_choices(documents)
        self.fields["documents"].initial = [d.pk for d in documents if d.is_published]


class LeadDaysForm(forms.Form):
    reminder_lead_days = forms.IntegerField(
        label=gettext_lazy("“Due soon” reminders, working days before each deadline"),
        min_value=0,
        max_value=MAX_LEAD_DAYS,
        help_text=gettext_lazy(
            "0: no “due soon” reminders (overdue and appeal reminders still come)."
        ),
    )


class LetterProfileForm(forms.Form):
    postal_address = forms.CharField(
        label=gettext_lazy("Postal address"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "Street, number, postcode and town: complaints name the complainant's address."
        ),
    )


def apply_service_errors(form: forms.Form, error: ValidationError, aliases=None) -> None:
    """Show a service's ValidationError on the form: by field where the form has the field
    (`aliases` renames service fields, e.g. on → sent_on), above the form otherwise."""
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.message_dict.items():
        field = aliases.get(name, name)
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


class SendForm(forms.Form):
    """An e-mail from the request's address: to one of the recipients the request allows,
    in a language its law has letters in, starting from that letter (editable)."""

    language = forms.ChoiceField(label=gettext_lazy("Language of the letter"), required=False)
    to = forms.ChoiceField(label=gettext_lazy("To"), widget=forms.RadioSelect)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=300)
    body = forms.CharField(
        label=gettext_lazy("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 18})
    )

    def __init__(self, *args, recipients=(), languages=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (r.address, f"{r.address} — {r.organisation}" if r.organisation else r.address)
            for r in recipients
        ]
        self.fields["language"].choices = [(code, code) for code in languages]


class AssignForm(forms.Form):
    request = forms.IntegerField(
        label=gettext_lazy("Request number"),
        min_value=1,
        max_value=2**63 - 1,
        help_text=gettext_lazy(
            "The number in the request's workspace address: /workspace/requests/<number>/."
        ),
    )
