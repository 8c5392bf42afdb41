"""How every form field is drawn: Django's own field rendering (`{{ field.as_field_group }}`)
with the tracker's markup (templates/forms/field.html), so that the label, the help text and
the errors are tied to the input by ids that exist (`for`, `aria-describedby`)."""

from django.forms.renderers import TemplatesSetting


class TrackerFormRenderer(TemplatesSetting):
    """The project's templates first (forms/field.html), then Django's own form templates."""

    field_template_name = "forms/field.html"


def errors_in_words(form) -> list[str]:
    """A form's errors for a message list away from its fields: each prefixed with the
    field's label ("Value from: Enter a number."), never its parameter name; the errors of
    no one field as they are."""
    lines = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        lines += [f"{label}: {error}" if label else str(error) for error in errors]
    return lines
