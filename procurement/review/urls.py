"""URLs of the review: the reviewers' queue and decisions, and the public correction form."""

from django.urls import path

from procurement.review.views import corrections, decisions, imports

urlpatterns = [
    path("review/", decisions.queue, name="review-queue"),
    path("review/bulk/", decisions.bulk, name="review-bulk"),
    path(
        "review/corrections/<int:pk>/resolve/",
        decisions.resolve,
        name="review-resolve-correction",
    ),
    path("review/<str:kind>/<int:pk>/", decisions.detail, name="review-detail"),
    path("review/<str:kind>/<int:pk>/decide/", decisions.decide, name="review-decide"),
    path("imports/<int:pk>/review/", imports.review_import, name="import-review"),
]
# Under a language prefix (tracker/urls.py): the public's correction form.
public_urlpatterns = [
    path("corrections/<str:kind>/<int:pk>/new/", corrections.suggest, name="suggest-correction"),
]
