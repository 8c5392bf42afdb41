"""URLs of FOI requests: the deadline calculator (page and API), the public requests and their
letters, the organisations' deadline calendars, and the signed-in workspace."""

from django.urls import path, re_path

from procurement.foi.views import (
    authorities,
    calendar,
    deadlines,
    mail,
    request_steps,
    requests,
    workspace,
)

# Under a language prefix (tracker/urls.py): the public pages.
public_urlpatterns = [
    path("deadlines/", deadlines.calculator_page, name="deadline-calculator"),
    path("requests/", requests.request_list, name="request-list"),
    path("requests/<int:pk>/", requests.request_detail, name="request-detail"),
    path("requests/<int:pk>/letters/", requests.request_letters, name="request-letters"),
]
# Without a prefix: the API, files, feeds and the workspace answer in the reader's language.
urlpatterns = [
    path("api/deadlines/", deadlines.DeadlineCalculatorApi.as_view(), name="api-deadlines"),
    path(
        "requests/<int:pk>/letters/<slug:language>/<slug:kind>.txt",
        requests.letter_download,
        name="request-letter-download",
    ),
    path("requests/<int:pk>/follow/", requests.follow, name="request-follow"),
    path(
        "organisations/<int:pk>/calendar/",
        calendar.organisation_calendar,
        name="organisation-calendar",
    ),
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        calendar.calendar_feed,
        name="calendar-feed",
    ),
    # The signed-in workspace.
    path("workspace/", workspace.dashboard, name="workspace-dashboard"),
    path("workspace/requests/", workspace.request_list, name="workspace-request-list"),
    path("workspace/requests/new/", request_steps.new_request, name="workspace-request-new"),
    path(
        "workspace/requests/<int:pk>/",
        workspace.request_detail,
        name="workspace-request-detail",
    ),
    path(
        "workspace/requests/<int:pk>/record/<slug:to>/",
        request_steps.record,
        name="workspace-request-record",
    ),
    path(
        "workspace/requests/<int:pk>/receipt/",
        workspace.receipt,
        name="workspace-request-receipt",
    ),
    path(
        "workspace/requests/<int:pk>/publish/",
        workspace.publish,
        name="workspace-request-publish",
    ),
    path(
        "workspace/requests/<int:pk>/discard/",
        workspace.discard,
        name="workspace-request-discard",
    ),
    path("workspace/requests/<int:pk>/send/", mail.send, name="workspace-request-send"),
    path(
        "workspace/requests/<int:pk>/messages/<int:message_pk>/",
        mail.message,
        name="workspace-request-message",
    ),
    path(
        "workspace/requests/<int:pk>/messages/<int:message_pk>/dismiss/",
        mail.dismiss,
        name="workspace-request-message-dismiss",
    ),
    path("mail/holding-pen/", mail.holding_pen, name="mail-holding-pen"),
    path(
        "mail/holding-pen/<int:message_pk>/",
        mail.holding_pen_message,
        name="mail-holding-pen-message",
    ),
    path("workspace/authorities.json", workspace.authorities_json, name="workspace-authorities"),
    path(
        "workspace/authorities/propose/",
        authorities.propose,
        name="workspace-authority-propose",
    ),
    path(
        "workspace/deliveries/retry/",
        workspace.retry_deliveries,
        name="workspace-retry-deliveries",
    ),
    path(
        "workspace/notifications/read/",
        workspace.notifications_read,
        name="workspace-notifications-read",
    ),
    path(
        "workspace/organisations/<int:pk>/settings/",
        workspace.organisation_settings,
        name="organisation-settings",
    ),
]
