"""URLs of accounts and membership: the account page, an organisation's members, invitations
(sign-in, sign-out and passwords are Django's own, under /accounts/)."""

from django.urls import path, re_path

from procurement.accounts import views

urlpatterns = [
    # Before Django's own (tracker/urls.py includes this first): the same URL and name, limited.
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path("account/", views.account, name="account"),
    path("account/language/", views.account_language, name="account-language"),
    path("account/e-mails/", views.account_delivery, name="account-delivery"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("account/calendar-address/", views.regenerate_feed, name="account-regenerate-feed"),
    path("organisations/<int:pk>/members/", views.members, name="organisation-members"),
    path("organisations/<int:pk>/members/invite/", views.invite, name="organisation-invite"),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/role/",
        views.change_role,
        name="organisation-change-role",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="organisation-remove-member",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_id>/revoke/",
        views.revoke_invitation,
        name="organisation-revoke-invitation",
    ),
    re_path(
        r"^invitations/(?P<token>[A-Za-z0-9_-]{20,64})/$",
        views.accept_invitation,
        name="invitation-accept",
    ),
]
