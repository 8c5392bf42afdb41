"""Foundation pages (home, award) on the demo dataset, against a bare Django view (the floor)."""

from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from bench.common import bench, p50, timings
from procurement.demo.services import load_demo
from procurement.models import Award
from tracker.urls import urlpatterns


def floor(request):
    return HttpResponse("ok")


urlpatterns = [*urlpatterns, path("bench-floor/", floor)]


@override_settings(ROOT_URLCONF=__name__)
def run() -> None:
    load_demo()
    client = Client()
    award = Award.objects.filter(review_status="published").first()
    floor_s = p50(timings(lambda: client.get("/bench-floor/"), 300))
    for name, url in [("home", "/"), ("award", award.get_absolute_url())]:
        page_s = p50(timings(lambda url=url: client.get(url), 200))
        bench(f"page.{name}.p50", page_s * 1000, "ms")
        bench(f"page.{name}.vs_floor", page_s / floor_s, "x")
    bench("page.floor.p50", floor_s * 1000, "ms")
