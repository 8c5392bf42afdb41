"""The site's URLs plus the floor (a minimal Django view through the same middleware) and a
cache reset the benchmark calls, untimed, before each cold request."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import path

from tracker.urls import urlpatterns as site


def floor(request):
    return HttpResponse("ok")


def clear_cache(request):
    cache.clear()
    return HttpResponse("cleared")


urlpatterns = [*site, path("bench-floor/", floor), path("bench-clear-cache/", clear_cache)]
