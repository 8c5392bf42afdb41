"""How every form field is drawn: Django's own field rendering (`{{ field.as_field_group }}`)
with the tracker's markup (templates/forms/field.html), so that the label, the help text and
the errors are tied to the input by ids that exist (`for`, `aria-describedby`)."""

from django.forms.renderers import TemplatesSetting


class TrackerFormRenderer(TemplatesSetting):
    """The project's templates first (forms/field.html), then Django's own form templates."""

    field_template_name = "forms/field.html"
