"""Small template helpers of the reviewers' and members' pages."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def verbose_name(record) -> str:
    """'award', 'contract', 'procurement process' — the record's kind, as a reader says it."""
    return str(record._meta.verbose_name)


@register.simple_tag
def admin_change_url(record) -> str:
    """The Django admin's edit page of a record ('' if it has none)."""
    meta = record._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return ""


@register.simple_tag
def sign_in_failure_limit() -> int:
    """How many failed sign-ins pause signing in (django-axes)."""
    return settings.AXES_FAILURE_LIMIT
