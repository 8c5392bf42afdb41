"""Public pages of the award history: home, award, agreement, process, red flags."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from procurement.awards.selectors import charts as chart_data
from procurement.awards.selectors import public
from procurement.awards.selectors.directories import agreement_directory
from procurement.awards.views.charts import per_year_chart, red_flags_chart
from procurement.core.guards import or_404
from procurement.redflags.selectors import flags as redflags


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
    award = or_404(public.award_for_page, pk)
    context = {"award": award, "process": award.process, "flags": redflags.flags_for_award(award)}
    return render(request, "procurement/award_detail.html", context)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, awards, possibly = or_404(public.agreement_for_page, pk)
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
    process = or_404(public.process_for_page, pk)
    context = {"process": process, "flags": redflags.flags_for_process(process.pk)}
    return render(request, "procurement/process_detail.html", context)


def red_flags(request: HttpRequest) -> HttpResponse:
    """The indicators: what each rule checks, how many it raised, per country."""
    counts = chart_data.red_flag_counts()
    context = {"indicators": redflags.indicators(counts), "chart": red_flags_chart()}
    return render(request, "procurement/red_flags.html", context)


def agreement_list(request: HttpRequest) -> HttpResponse:
    """Browse the agreements, by country (of a party) and kind, with what was awarded under
    each."""
    directory = agreement_directory(request.GET)
    return render(
        request,
        "procurement/agreement_list.html",
        {"directory": directory},
        status=400 if directory.error else 200,
    )
