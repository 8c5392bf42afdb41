"""The upload form of OCDS files (reviewers): the file, and how strictly to import it."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from procurement.ocds.importer.session import Options

GZIP_MAGIC = b"\x1f\x8b"


class OcdsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("OCDS file"),
        help_text=_(
            "A release package, a record package or line-delimited releases "
            "(.json, .jsonl, or either gzip-compressed)."
        ),
    )
    country = forms.ChoiceField(
        label=_("Country when the data does not tell"),
        required=False,
        choices=[("", _("— none: report such releases —"))],
        help_text=_("Used for processes whose buyer has no country in the data."),
    )
    encoding = forms.ChoiceField(
        label=_("Character encoding"),
        required=False,
        choices=[
            ("", _("UTF-8 (the JSON standard)")),
            ("latin-1", "ISO-8859-1 (Latin-1)"),
            ("cp1252", "Windows-1252"),
            ("cp1251", "Windows-1251"),
            ("iso8859-2", "ISO-8859-2 (Latin-2)"),
        ],
        help_text=_("Only for a file that is not UTF-8: the import report says when it is not."),
    )
    strict = forms.BooleanField(
        label=_("Strict: reject the whole file on any error"), required=False
    )
    dry_run = forms.BooleanField(label=_("Validate only (dry run)"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices += list(countries)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
            )
        start = upload.read(512)
        upload.seek(0)
        text = start.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not (start.startswith(GZIP_MAGIC) or text[:1] in (b"{", b"[")):
            raise forms.ValidationError(_("This is not a JSON or gzip-compressed JSON file."))
        return upload

    def options(self) -> Options:
        data = self.cleaned_data
        return Options(
            dry_run=data["dry_run"],
            strict=data["strict"],
            default_country=data["country"],
            encoding=data["encoding"],
        )
