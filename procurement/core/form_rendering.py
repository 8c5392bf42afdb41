"""How every form field is drawn: Django's own field rendering (`{{ field.as_field_group }}`)
with the tracker's markup (templates/forms/field.html), so that the label, the help text and
the errors are tied to the input by ids that exist (`for`, `aria-describedby`).

The templates a form renders most — the field group, the label, the error list, every
`<input>` and the checkbox and radio lists — are drawn by Python functions that write the
same markup as the templates (each ~0.1 ms through the template engine, ~10 µs here: the
award search's sidebar renders sixteen fields on every uncached request, issue 17). Every
other template goes through the engine as before. tests/core/test_form_rendering.py draws
every form of the project both ways: should forms/field.html change, or the project override
one of Django's templates drawn here, it fails until the function here follows."""

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}` with autoescaping."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 — the filter's own formatting
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs) -> str:
    """django/forms/attrs.html and django/forms/widgets/attrs.html."""
    if not attrs:
        return ""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (text, number, date, hidden, checkbox … include it)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _input_option(widget: dict) -> str:
    """django/forms/widgets/input_option.html (a checkbox or radio of a list). Included
    templates keep their files' final newlines (only the outermost render is stripped)."""
    drawn = f"{_input(widget)}\n"
    if widget.get("wrap_label"):
        target = widget["attrs"].get("id")
        opening = f'<label for="{conditional_escape(target)}">' if target else "<label>"
        drawn = f"{opening}{drawn} {conditional_escape(widget['label'])}</label>"
    return f"{drawn}\n"


# An option's template → what it adds after input_option.html (its own final newline).
OPTION_TEMPLATES = {
    "django/forms/widgets/checkbox_option.html": "\n",
    "django/forms/widgets/radio_option.html": "\n",
    "django/forms/widgets/input_option.html": "",
}


def _multiple_input(widget: dict) -> str | None:
    """django/forms/widgets/multiple_input.html; None when an option has a template of its
    own (then the engine draws the list)."""
    target, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{conditional_escape(target)}"' if target else "",
        f' class="{conditional_escape(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            if option["template_name"] not in OPTION_TEMPLATES:
                return None
            ending = OPTION_TEMPLATES[option["template_name"]]
            parts.append(f"<div>\n    {_input_option(option)}{ending}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _label(context: dict) -> str:
    """django/forms/label.html (a <label> or, for a group of choices, a <legend>)."""
    label = conditional_escape(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


def _errors(context: dict) -> str:
    """django/forms/errors/list/default.html (ul.html)."""
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    ident = f' id="{conditional_escape(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{conditional_escape(error)}</li>" for error in errors)
    return f'<ul class="{conditional_escape(context["error_class"])}"{ident}>{items}</ul>'


def _field(context: dict) -> str:
    """templates/forms/field.html: label, input, help text and errors of one field."""
    field = context["field"]
    errors = field.errors
    widget_type = field.widget_type
    fieldset = field.use_fieldset
    classes = "".join(
        (
            f"field field-{conditional_escape(field.name)}",
            " has-error" if errors else "",
            " check" if widget_type == "checkbox" else "",
            " choices" if fieldset else "",
        )
    )
    parts = [f'<div class="{classes}">']
    if fieldset:
        described = field.aria_describedby
        parts.append(
            f'<fieldset aria-describedby="{conditional_escape(described)}">'
            if described
            else "<fieldset>"
        )
        if field.label:
            parts.append(conditional_escape(field.legend_tag()))
        parts.append(conditional_escape(field))
    elif widget_type == "checkbox":
        parts.append(f"{conditional_escape(field)} ")
        if field.label:
            parts.append(conditional_escape(field.label_tag()))
    else:
        if field.label:
            parts.append(conditional_escape(field.label_tag()))
        parts.append(f" {conditional_escape(field)}")
    if field.help_text:
        ident = f' id="{conditional_escape(field.auto_id)}_helptext"' if field.auto_id else ""
        parts.append(f'<div class="help"{ident}>{conditional_escape(field.help_text)}</div>')
    parts.append(conditional_escape(errors))
    if fieldset:
        parts.append("</fieldset>")
    parts.append("</div>")
    return "".join(parts)


INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
LISTS = {"django/forms/widgets/checkbox_select.html", "django/forms/widgets/radio.html"}


class TrackerFormRenderer(TemplatesSetting):
    """The project's templates first (forms/field.html), then Django's own form templates;
    the most rendered of them drawn in Python (see the module's docstring)."""

    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return _input(context["widget"])
        if template_name == self.field_template_name:
            return _field(context)
        if template_name == "django/forms/label.html":
            return _label(context)
        if template_name == "django/forms/errors/list/default.html":
            return _errors(context)
        if template_name in LISTS:
            drawn = _multiple_input(context["widget"])
            if drawn is not None:
                return drawn
        return super().render(template_name, context, request=request)


class EngineFormRenderer(TemplatesSetting):
    """Every form template through the template engine, as Django draws it: what
    TrackerFormRenderer's Python drawing is checked against."""

    field_template_name = TrackerFormRenderer.field_template_name


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
