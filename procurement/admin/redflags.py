"""Admin edits of the rows red flags read recompute those flags once the edit commits."""

from collections.abc import Iterable

from procurement.models import ProcurementProcess
from procurement.redflags.selectors.subjects import scope_of
from procurement.redflags.services import recompute_red_flags_on_commit

Scope = tuple[set[int], set[tuple[str, int]]]
NOTHING: Scope = (set(), set())


class RecomputesRedFlags:
    """Mixin for the admin of a model the red-flag rules read (its rows are listed in
    `redflag_subjects.PROCESS_PATHS`): a save — with its inlines and links, or a revert from
    the history — and a delete recompute the processes the row was and is about, and the
    buyer-years it left (R013), after the admin's transaction commits: one task per edit."""

    def red_flag_scope(self, model: type, pks: Iterable[int]) -> Scope:
        """The processes behind these rows and their buyer-years, as they stand now."""
        return scope_of(model, pks)

    def _recompute(self, before: Scope, obj=None) -> None:
        after = self.red_flag_scope(type(obj), [obj.pk])[0] if obj is not None else set()
        recompute_red_flags_on_commit(before[0] | after, country_years=before[1])

    def save_model(self, request, obj, form, change) -> None:
        before = self.red_flag_scope(type(obj), [obj.pk]) if change else NOTHING
        super().save_model(request, obj, form, change)
        self._recompute(before, obj)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self._recompute(NOTHING, form.instance)  # new links and inlines

    def delete_model(self, request, obj) -> None:
        before = self.red_flag_scope(type(obj), [obj.pk])
        super().delete_model(request, obj)
        self._recompute(before)  # the row's own flags went with it (CASCADE)

    def delete_queryset(self, request, queryset) -> None:
        before = self.red_flag_scope(queryset.model, queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        self._recompute(before)


class RecomputesRedFlagsOfCountry(RecomputesRedFlags):
    """For a setting of the rules per country (empty: everywhere): every process there."""

    def red_flag_scope(self, model: type, pks: Iterable[int]) -> Scope:
        countries = set(model.objects.filter(pk__in=list(pks)).values_list("country", flat=True))
        processes = ProcurementProcess.objects.all()
        if "" not in countries:
            processes = processes.filter(country__in=countries)
        return set(processes.values_list("pk", flat=True)), set()
