"""The reviewers' queue after a large import: 50,000 unverified awards (some flagged, some
with suggested corrections), page 1 and a filtered page, against a bare Django view."""

from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from bench.common import bench, p50, timings
from procurement.models import Award, ProcurementProcess, RedFlag, SuggestedCorrection, User
from tracker.urls import urlpatterns

AWARDS, PER_PROCESS = 50_000, 10


def floor(request):
    return HttpResponse("ok")


urlpatterns = [*urlpatterns, path("bench-floor/", floor)]


def _load() -> None:
    now = timezone.now()
    processes = ProcurementProcess.objects.bulk_create(
        ProcurementProcess(
            ocid=f"ocds-bench-{n}",
            country="RS",
            title=f"Imported process {n}",
            sector="telecom",
            review_status="unverified",
        )
        for n in range(AWARDS // PER_PROCESS)
    )
    awards = Award.objects.bulk_create(
        (
            Award(
                process=processes[n // PER_PROCESS],
                title=f"Imported award {n}",
                search_document=f"imported award {n} ocds-bench-{n // PER_PROCESS}",
                legal_basis="procurement_law",
                country="RS" if n % 3 else "ME",
                sector="telecom",
                review_status="unverified" if n % 4 else "published",
                published_at=None if n % 4 else now,
                value_status="disclosed",
                value_amount=Decimal(1000 + n),
                value_currency="EUR",
                created_at=now - timedelta(seconds=AWARDS - n),
            )
            for n in range(AWARDS)
        ),
        batch_size=2000,
    )
    RedFlag.objects.bulk_create(
        RedFlag(
            key=f"X001:award:{a.pk}",
            code="X001",
            rule_version="1",
            award=a,
            inputs={"agreement": "", "method": "direct"},
            computed_at=now,
        )
        for a in awards[::7]
    )
    SuggestedCorrection.objects.bulk_create(
        SuggestedCorrection(award=a, suggestion="Check the value.") for a in awards[::501]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after an import


@override_settings(ROOT_URLCONF=__name__)
def run() -> None:
    _load()
    reviewer = User.objects.create(username="bench-reviewer", is_reviewer=True)
    client = Client()
    client.force_login(reviewer)
    floor_s = p50(timings(lambda: client.get("/bench-floor/"), 200))
    for name, url in [
        ("page1", "/review/"),
        ("page100", "/review/?page=100"),
        ("country_flagged", "/review/?country=ME&flagged=true"),
        ("title", "/review/?q=award+4999"),
    ]:
        assert client.get(url).status_code == 200, url
        page_s = p50(timings(lambda url=url: client.get(url), 30))
        bench(f"review_queue.{name}.p50", page_s * 1000, "ms")
        bench(f"review_queue.{name}.vs_floor", page_s / floor_s, "x")
    bench("review_queue.floor.p50", floor_s * 1000, "ms")
