"""Read-only API views: each one picks the visible queryset (selectors) and a FilterSet.
A list answers 400 to a parameter it does not know, so that a misspelt or unsupported filter
never returns the whole list as if it had been applied."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError

from procurement.api import serializers
from procurement.api.award_rows import award_list_rows
from procurement.api.pagination import AwardKeysetPagination, IdCursorPagination, page_size
from procurement.awards.filters import AgreementFilterSet, AwardFilterSet, OrganisationFilterSet
from procurement.awards.selectors.browse import audience, awards_visible_to
from procurement.awards.selectors.counted import RankedFirstPage
from procurement.awards.selectors.facets import summarise, summary_key
from procurement.awards.selectors.keyset import choose_sort, sorted_awards, sorts_every_match
from procurement.awards.selectors.public import (
    award_cards,
    organisations_visible_to,
    published_awards,
)
from procurement.core.permissions import published_requests
from procurement.foi.filters import RequestFilter
from procurement.models import Agreement, AgreementParty


class KnownParametersList(generics.ListAPIView):
    """A list that reads only its filters, its pagination's parameters and `format`."""

    def known_parameters(self) -> set[str]:
        return {
            *self.filterset_class.base_filters,
            *self.pagination_class.query_parameters,
            "format",
        }

    def reject_unknown_parameters(self, request) -> None:
        known = self.known_parameters()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            message = _("Unknown parameter. This list reads: %(known)s.") % {
                "known": ", ".join(sorted(known))
            }
            raise ValidationError({name: [message] for name in unknown})

    def list(self, request, *args, **kwargs):
        self.reject_unknown_parameters(request)
        return super().list(request, *args, **kwargs)


class AwardList(KnownParametersList):
    """Awards matching the filters (`q` searches names in either script), sorted, by cursor.

    A page is one query (its suppliers and public flags as JSON in it) read as plain values
    and drawn by `award_representation`, the detail's own drawing; `AwardSerializer` stays
    the class the schema describes."""

    serializer_class = serializers.AwardSerializer
    filterset_class = AwardFilterSet
    pagination_class = AwardKeysetPagination

    def get_queryset(self):
        return awards_visible_to(self.request.user)

    def filter_queryset(self, queryset):
        filterset = AwardFilterSet(self.request.query_params, queryset, request=self.request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        key = summary_key(filterset.form.cleaned_data, audience(self.request))
        queryset = filterset.qs
        params = self.request.query_params
        query = params.get("q", "")
        first = RankedFirstPage(
            queryset,
            query,
            params.get("sort"),
            page_size(self.request),
            bool(params.get("after") or params.get("before")),
        )
        self.count, _facets = summarise(queryset, key, with_facets=False, counted=first)
        self.sort = choose_sort(params.get("sort"), query, self.count.value)
        self.narrow = sorts_every_match(query, self.count.value)
        self.first_ids = first.ids_for(self.sort)
        return award_list_rows(sorted_awards(queryset, self.sort, query), self.sort)

    def list(self, request, *args, **kwargs):
        self.reject_unknown_parameters(request)
        rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        site = request.build_absolute_uri("/").rstrip("/")
        return self.get_paginated_response(
            [serializers.award_representation(row, site) for row in rows]
        )


class AwardDetail(generics.RetrieveAPIView):
    serializer_class = serializers.AwardSerializer

    def get_queryset(self):
        return award_cards(
            awards_visible_to(self.request.user), supplier_columns=serializers.SUPPLIER_COLUMNS
        )


def _agreements():
    parties = AgreementParty.objects.select_related("organisation")
    return Agreement.objects.prefetch_related(Prefetch("parties", queryset=parties))


class AgreementList(KnownParametersList):
    serializer_class = serializers.AgreementSerializer
    filterset_class = AgreementFilterSet
    pagination_class = IdCursorPagination
    queryset = _agreements()


class AgreementDetail(generics.RetrieveAPIView):
    serializer_class = serializers.AgreementSerializer
    queryset = _agreements()


def _organisations(request):
    return organisations_visible_to(request.user).prefetch_related("aliases")


class OrganisationList(KnownParametersList):
    """Organisations with a public role (buyers and suppliers of published awards, parties to
    agreements, authorities); `q` finds names and aliases in either script."""

    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilterSet
    pagination_class = IdCursorPagination

    def get_queryset(self):
        return _organisations(self.request)


class OrganisationDetail(generics.RetrieveAPIView):
    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self):
        return _organisations(self.request)


def _requests():
    return (
        published_requests()
        .select_related("authority", "requester_organisation", "jurisdiction", "law")
        .prefetch_related(Prefetch("awards", queryset=published_awards().only("pk")), "agreements")
    )


@extend_schema(description="Published FOI requests only; drafts and private requests never.")
class RequestList(KnownParametersList):
    serializer_class = serializers.RequestSerializer
    filterset_class = RequestFilter
    pagination_class = IdCursorPagination

    def get_queryset(self):
        return _requests()


class RequestDetail(generics.RetrieveAPIView):
    serializer_class = serializers.RequestSerializer

    def get_queryset(self):
        return _requests()
