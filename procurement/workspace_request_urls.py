"""URLs of the signed-in workspace's FOI requests (included under /workspace/)."""

from django.urls import path

from procurement.views import request_steps, workspace

urlpatterns = [
    path("", workspace.dashboard, name="workspace-dashboard"),
    path("requests/", workspace.request_list, name="workspace-request-list"),
    path("requests/new/", request_steps.new_request, name="workspace-request-new"),
    path("requests/<int:pk>/", workspace.request_detail, name="workspace-request-detail"),
    path(
        "requests/<int:pk>/record/<slug:to>/",
        request_steps.record,
        name="workspace-request-record",
    ),
    path("requests/<int:pk>/receipt/", workspace.receipt, name="workspace-request-receipt"),
    path("requests/<int:pk>/publish/", workspace.publish, name="workspace-request-publish"),
    path("requests/<int:pk>/discard/", workspace.discard, name="workspace-request-discard"),
    path("authorities.json", workspace.authorities_json, name="workspace-authorities"),
    path("notifications/read/", workspace.notifications_read, name="workspace-notifications-read"),
    path("deliveries/retry/", workspace.retry_deliveries, name="workspace-retry-deliveries"),
    path(
        "organisations/<int:pk>/settings/",
        workspace.organisation_settings,
        name="organisation-settings",
    ),
]
