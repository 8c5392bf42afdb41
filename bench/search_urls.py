"""The site's URLs plus the floor: a minimal Django view through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as site


def floor(request):
    return HttpResponse("ok")


urlpatterns = [*site, path("bench-floor/", floor)]
