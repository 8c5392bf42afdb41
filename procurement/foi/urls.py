"""URLs of the FOI deadlines, letters and request-list pages, and the calculator API."""

from django.urls import path

from procurement.foi.views import deadlines, requests

urlpatterns = [
    path("deadlines/", deadlines.calculator_page, name="deadline-calculator"),
    path("api/deadlines/", deadlines.DeadlineCalculatorApi.as_view(), name="api-deadlines"),
    path("requests/", requests.request_list, name="request-list"),
    path("requests/<int:pk>/letters/", requests.request_letters, name="request-letters"),
    path(
        "requests/<int:pk>/letters/<slug:language>/<slug:kind>.txt",
        requests.letter_download,
        name="request-letter-download",
    ),
    path("requests/<int:pk>/follow/", requests.follow, name="request-follow"),
]
