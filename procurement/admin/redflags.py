"""Admin edits of the rows red flags read recompute those flags once the edit commits."""

from collections.abc import Iterable

from procurement.selectors.redflag_subjects import processes_of, scope_of
from procurement.services.redflags import recompute_red_flags_on_commit

NOTHING: tuple[set, set] = (set(), set())


def _recompute(before: tuple[set, set], model: type | None = None, pks: Iterable = ()) -> None:
    process_ids, country_years = before
    if model is not None:
        process_ids = process_ids | processes_of(model, pks)
    recompute_red_flags_on_commit(process_ids, country_years=country_years)


class RecomputesRedFlags:
    """Mixin for the admin of a model the red-flag rules read (its rows are listed in
    `redflag_subjects.PROCESS_PATHS`): a save — with its inlines and links, or a revert from
    the history — and a delete recompute the processes the row was and is about, and the
    buyer-years it left (R013), after the admin's transaction commits: one task per edit."""

    def save_model(self, request, obj, form, change) -> None:
        before = scope_of(type(obj), [obj.pk]) if change else NOTHING
        super().save_model(request, obj, form, change)
        _recompute(before, type(obj), [obj.pk])

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        _recompute(NOTHING, type(form.instance), [form.instance.pk])  # new links and inlines

    def delete_model(self, request, obj) -> None:
        before = scope_of(type(obj), [obj.pk])
        super().delete_model(request, obj)
        _recompute(before)  # the row's own flags went with it (CASCADE)

    def delete_queryset(self, request, queryset) -> None:
        before = scope_of(queryset.model, list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)
        _recompute(before)
