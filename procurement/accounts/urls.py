"""URLs of accounts, organisations, review, documents and calendars (included at the root)."""

from django.urls import path, re_path

from procurement.accounts import views as accounts
from procurement.documents import views as documents
from procurement.foi.views import calendar
from procurement.review.views import corrections
from procurement.review.views import decisions as review

urlpatterns = [
    path("account/", accounts.account, name="account"),
    path("account/calendar-address/", accounts.regenerate_feed, name="account-regenerate-feed"),
    path("organisations/<int:pk>/members/", accounts.members, name="organisation-members"),
    path("organisations/<int:pk>/members/invite/", accounts.invite, name="organisation-invite"),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/role/",
        accounts.change_role,
        name="organisation-change-role",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/remove/",
        accounts.remove_member,
        name="organisation-remove-member",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_id>/revoke/",
        accounts.revoke_invitation,
        name="organisation-revoke-invitation",
    ),
    path(
        "organisations/<int:pk>/calendar/",
        calendar.organisation_calendar,
        name="organisation-calendar",
    ),
    re_path(
        r"^invitations/(?P<token>[A-Za-z0-9_-]{20,64})/$",
        accounts.accept_invitation,
        name="invitation-accept",
    ),
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        calendar.calendar_feed,
        name="calendar-feed",
    ),
    path("review/", review.queue, name="review-queue"),
    path("review/bulk/", review.bulk, name="review-bulk"),
    path("review/corrections/<int:pk>/resolve/", review.resolve, name="review-resolve-correction"),
    path("review/<str:kind>/<int:pk>/", review.detail, name="review-detail"),
    path("review/<str:kind>/<int:pk>/decide/", review.decide, name="review-decide"),
    path("corrections/<str:kind>/<int:pk>/new/", corrections.suggest, name="suggest-correction"),
    path("documents/<int:pk>/download/", documents.download, name="document-download"),
    path("documents/upload/<str:kind>/<int:pk>/", documents.upload, name="document-upload"),
]
