"""URLs of the authorities on record: the reviewers' queue of proposed authorities."""

from django.urls import path

from procurement.authorities import views

urlpatterns = [
    path("authorities/proposals/", views.proposal_list, name="authority-proposals"),
    path(
        "authorities/proposals/<int:pk>/",
        views.proposal_detail,
        name="authority-proposal-detail",
    ),
    path(
        "authorities/proposals/<int:pk>/decide/",
        views.proposal_decide,
        name="authority-proposal-decide",
    ),
]
