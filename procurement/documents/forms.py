"""The reusable document upload form: it parses and checks input; the document service types the
file by its content and stores it."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from procurement.core.bounds import BoundedDateField
from procurement.documents.file_types import ACCEPT_ATTRIBUTE
from procurement.models import Document


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
