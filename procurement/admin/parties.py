from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from procurement.accounts.services.memberships import retry_invitations
from procurement.awards.services.search_keys import refresh_after_organisation_change
from procurement.models import (
    AuthorityProposal,
    Invitation,
    Membership,
    Organisation,
    OrganisationAlias,
    OrganisationIdentifier,
    User,
)

from .deliveries import DeliveryAdmin
from .scoping import RedactsPrivateRelated


class AliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


class IdentifierInline(admin.TabularInline):
    model = OrganisationIdentifier
    extra = 0


class ReadOnlyAdmin:
    """Shown, never written here: membership changes go through the members page, which
    checks who may make them, audits them and tells the organisation's admins."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MembershipInline(ReadOnlyAdmin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "organisation", "role", "created_at"]
    readonly_fields = fields


@admin.register(Organisation)
class OrganisationAdmin(RedactsPrivateRelated, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "jurisdiction", "parent"]
    list_filter = ["kind", "register_status", "authority_type", "country", "jurisdiction"]
    search_fields = ["name", "aliases__name", "search_key", "identifiers__identifier"]
    autocomplete_fields = ["parent"]
    inlines = [AliasInline, IdentifierInline, MembershipInline]
    # Confirmed, proposed or rejected: decided by reviewers at /authorities/proposals/.
    readonly_fields = ["search_key", "register_status"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Names and aliases feed the search keys of the organisation and of its awards.
        refresh_after_organisation_change([form.instance.pk])


@admin.register(User)
class TrackerUserAdmin(RedactsPrivateRelated, UserAdmin):
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Tracker"), {"fields": ["is_reviewer", "notification_delivery"]}),
    ]
    list_display = ["username", "email", "is_staff", "is_reviewer", "is_active", "last_login"]
    list_filter = ["is_staff", "is_reviewer", "is_active"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(DeliveryAdmin, ReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "email",
        "organisation",
        "role",
        "created_at",
        "expires_at",
        "sent_at",
        "attempts",
        "failed_at",
        "accepted_at",
        "revoked_at",
    ]
    retry = staticmethod(retry_invitations)
    list_filter = ["role", "organisation"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["accepted_at", "accepted_by", "sent_at"]
    # Never the link's secret (it is not stored) nor what it is derived from.
    exclude = ["token_nonce", "token_hash"]


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "script", "language"]
    list_filter = ["script"]
    search_fields = ["name", "organisation__name"]
    autocomplete_fields = ["organisation"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        refresh_after_organisation_change([obj.organisation_id])

    def delete_model(self, request, obj) -> None:
        organisation_id = obj.organisation_id
        super().delete_model(request, obj)
        refresh_after_organisation_change([organisation_id])


@admin.register(OrganisationIdentifier)
class OrganisationIdentifierAdmin(admin.ModelAdmin):
    list_display = ["scheme", "identifier", "organisation", "legal_name"]
    list_filter = ["scheme"]
    search_fields = ["identifier", "legal_name", "organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(AuthorityProposal)
class AuthorityProposalAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Shown, never written here: reviewers decide at /authorities/proposals/ (audited, the
    requests follow a merge)."""

    list_display = ["name", "jurisdiction", "proposed_by_organisation", "state", "created_at"]
    list_filter = ["state", "jurisdiction"]
    search_fields = ["name", "foi_email", "proposed_by_organisation__name"]
