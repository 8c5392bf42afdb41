"""The Django admin follows the site's visibility rule: staff are not members, so a private
request — and its events, documents, reminders, notifications and citations — appears in the
admin only to staff who are members of the requesting organisation: the one rule of
procurement.core.permissions (`readable_requests_q`, `readable_documents_q`).

Every admin of such a model filters its queryset through `visible_in_admin`; the history
views of django-simple-history are refused for anything outside it (they would otherwise
fall back to the historical rows and show the subject)."""

import re

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from procurement.core import permissions
from procurement.models import Document


class RequestScopedAdmin:
    """Mixin for a ModelAdmin: `scope(user)` is the Q of rows the user may see."""

    def scope(self, user) -> Q:
        raise NotImplementedError

    def get_queryset(self, request) -> QuerySet:
        return super().get_queryset(request).filter(self.scope(request.user))

    def _check_visible(self, request, object_id) -> None:
        if not self.get_queryset(request).filter(pk=object_id).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._check_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_visible(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class RequestAdminScope(RequestScopedAdmin):
    def scope(self, user) -> Q:
        return permissions.readable_requests_q(user)


class RequestChildAdminScope(RequestScopedAdmin):
    """Events and reminders: those of requests the user may see. The public never sees
    reminders, but a published request's reminders are no secret to staff."""

    def scope(self, user) -> Q:
        return permissions.readable_requests_q(user, "request__")


class NotificationAdminScope(RequestScopedAdmin):
    def scope(self, user) -> Q:
        return Q(request__isnull=True) | permissions.readable_requests_q(user, "request__")


class CitationAdminScope(RequestScopedAdmin):
    def scope(self, user) -> Q:
        return Q(request__isnull=True) | permissions.readable_requests_q(user, "request__")


class DocumentAdminScope(RequestScopedAdmin):
    def scope(self, user) -> Q:
        return permissions.readable_documents_q(user)


class StoredFileAdminScope(RequestScopedAdmin):
    """A stored file shows if no document uses it yet, or some document the user may see does."""

    def scope(self, user) -> Q:
        used = Document.objects.filter(stored_file=OuterRef("pk"))
        return ~Exists(used) | Exists(used.filter(permissions.readable_documents_q(user)))


# Change links that the admin's delete confirmation shows for related objects.
_CHANGE_LINK = re.compile(r'href="[^"]*/procurement/(\w+)/(\d+)/change/"')


class RedactsPrivateRelated:
    """Mixin for the admins of models that private requests depend on (organisations, users,
    jurisdictions, laws): their delete confirmation lists the related rows by name; rows of a
    private request the user may not see are listed without their text."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        hidden = _hidden_links(request, [*_flatten(to_delete), *protected])
        if hidden:
            to_delete = _redact(to_delete, hidden)
            protected = _redact(protected, hidden)
        return to_delete, model_count, perms_needed, protected


def _flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def _hidden_links(request, texts) -> set[str]:
    """The strings among `texts` that link to a scoped row the user may not see."""
    from django.contrib import admin

    wanted: dict[str, dict[int, list[str]]] = {}
    for text in texts:
        match = _CHANGE_LINK.search(str(text))
        if match:
            wanted.setdefault(match[1], {}).setdefault(int(match[2]), []).append(text)
    hidden = set()
    for model_admin in admin.site._registry.values():
        rows = wanted.get(model_admin.model._meta.model_name)
        if rows and isinstance(model_admin, RequestScopedAdmin):
            visible = set(
                model_admin.get_queryset(request).filter(pk__in=rows).values_list("pk", flat=True)
            )
            hidden |= {text for pk, found in rows.items() if pk not in visible for text in found}
    return hidden


def _redact(items, hidden: set[str]):
    from django.utils.translation import gettext as _

    redacted = []
    for item in items:
        if isinstance(item, list):
            redacted.append(_redact(item, hidden))
        elif item in hidden:
            label = str(item).split(":", 1)[0]
            redacted.append(f"{label}: {_('(private to its organisation)')}")
        else:
            redacted.append(item)
    return redacted
