"""The site's URLs plus the floor (a minimal Django view through the same middleware), the
site's empty page (its layout, no query) and a cache reset the benchmark calls, untimed,
before each cold request."""

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from tracker.urls import urlpatterns as site


def floor(request):
    return HttpResponse("ok")


def layout(request):
    """base.html with nothing in its blocks: the least any HTML page of the site costs."""
    return render(request, "base.html")


def clear_cache(request):
    cache.clear()
    return HttpResponse("cleared")


urlpatterns = [
    *site,
    path("bench-floor/", floor),
    path("bench-layout/", layout),
    path("bench-clear-cache/", clear_cache),
]
