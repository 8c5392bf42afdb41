"""Public pages: home, award, agreement, process, published request, status."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from procurement.models import TaskHeartbeat
from procurement.selectors import charts as chart_data
from procurement.selectors import public, redflags
from procurement.views.charts import per_year_chart, red_flags_chart


def _or_404(fetch, pk: int, *args):
    try:
        return fetch(pk, *args)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "procurement/home.html",
        {
            "numbers": {
                **public.home_numbers(),
                "red_flags": sum(chart_data.red_flag_counts().values()),
            },
            "latest_awards": public.latest_awards(),
            "latest_requests": public.latest_requests(),
            "per_year": per_year_chart(),
            "red_flags": red_flags_chart(),
        },
    )


def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = _or_404(public.award_for_page, pk)
    context = {"award": award, "process": award.process, "flags": redflags.flags_for_award(award)}
    return render(request, "procurement/award_detail.html", context)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, awards, possibly = _or_404(public.agreement_for_page, pk)
    return render(
        request,
        "procurement/agreement_detail.html",
        {
            "agreement": agreement,
            "awards": awards,
            "possibly": possibly,
            "totals": public.totals_per_currency(awards),
        },
    )


def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _or_404(public.process_for_page, pk)
    context = {"process": process, "flags": redflags.flags_for_process(process.pk)}
    return render(request, "procurement/process_detail.html", context)


def red_flags(request: HttpRequest) -> HttpResponse:
    """The indicators: what each rule checks, how many it raised, per country."""
    counts = chart_data.red_flag_counts()
    context = {"indicators": redflags.indicators(counts), "chart": red_flags_chart()}
    return render(request, "procurement/red_flags.html", context)


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    info_request = _or_404(public.request_for_page, pk)
    return render(request, "procurement/request_detail.html", {"info_request": info_request})


def status(request: HttpRequest) -> HttpResponse:
    """Liveness of the background chain (beat → broker → worker), for operators and tests."""
    heartbeats = list(TaskHeartbeat.objects.order_by("name"))
    return render(
        request, "procurement/status.html", {"heartbeats": heartbeats, "now": timezone.now()}
    )
