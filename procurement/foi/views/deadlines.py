"""The public deadline calculator: the page `/deadlines/` and `GET /api/deadlines/`."""

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from procurement.core.bounds import BoundedDateField
from procurement.foi.rules.deadlines import AppealWindow, Deadline, WorkCalendar
from procurement.foi.selectors.deadlines import Calculation, CalculatorError, calculate
from procurement.models import Jurisdiction

TRUE = {"1", "true", "yes", "on"}
FALSE = {"", "0", "false", "no", "off"}
DATE_HELP = gettext_lazy("Give the date as YYYY-MM-DD, e.g. 2026-01-31.")


class CalculatorForm(forms.Form):
    """The calculator's input, for the page and the API alike."""

    jurisdiction = forms.CharField(label=gettext_lazy("Jurisdiction"), max_length=10)
    level = forms.CharField(
        label=gettext_lazy("Level (Bosnia and Herzegovina)"), max_length=5, required=False
    )
    received_on = BoundedDateField(
        label=gettext_lazy("Received by the authority on"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_HELP, "required": DATE_HELP},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    urgent = forms.CharField(
        label=gettext_lazy("Urgent (life, liberty, health or the environment at stake)"),
        required=False,
    )
    decision_delivered_on = BoundedDateField(
        label=gettext_lazy("Decision delivered on (optional)"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    appealed_on = BoundedDateField(
        label=gettext_lazy("Complaint lodged on (optional)"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_HELP},
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, choices=None, **kwargs) -> None:
        """With `choices`, the page's form: a select of jurisdictions and a checkbox."""
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["jurisdiction"].widget = forms.Select(choices=choices)
            self.fields["urgent"].widget = forms.CheckboxInput()

    def clean_urgent(self) -> bool:
        value = str(self.cleaned_data.get("urgent") or "").strip().lower()
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise forms.ValidationError(_("Give urgent as true or false."))

    def calculate(self) -> Calculation:
        data = self.cleaned_data
        return calculate(
            jurisdiction=data["jurisdiction"],
            level=data.get("level") or "",
            received_on=data["received_on"],
            urgent=data["urgent"],
            decision_delivered_on=data.get("decision_delivered_on"),
            appealed_on=data.get("appealed_on"),
        )


def _first_error(form: forms.Form) -> tuple[str, str]:
    field, messages = next(iter(form.errors.items()))
    return field, f"{field}: {messages[0]}"


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    day: date | None
    classes: str = ""
    title: str = ""


def month_grid(calc: Calculation) -> list[tuple[date, list[list[Cell]]]]:
    """Small month calendars from receipt to the deadline: the day of receipt, the days of
    the period, the non-working days (with their names) and the due date."""
    due = calc.applicable_due.on
    cal: WorkCalendar = calc.calendar
    months, first = [], calc.received_on.replace(day=1)
    while first <= due:
        weeks = []
        for week in month_calendar.Calendar().monthdatescalendar(first.year, first.month):
            row = []
            for day in week:
                if day.month != first.month:
                    row.append(Cell(None))
                    continue
                classes, title = [], []
                if not cal.is_working(day):
                    classes.append("closed")
                    title.append(cal.closed_reason(day))
                if cal.suspension(day):
                    classes.append("suspended")
                    title.append(cal.suspension(day).reason)
                if day == calc.received_on:
                    classes.append("received")
                    title.append(_("received (not counted)"))
                elif calc.received_on < day < due:
                    classes.append("in-period")
                if day == due:
                    classes.append("due")
                    title.append(_("due"))
                row.append(Cell(day, " ".join(classes), "; ".join(title)))
            weeks.append(row)
        months.append((first, weeks))
        first = (first + timedelta(days=32)).replace(day=1)
    return months


def jurisdiction_choices() -> list[tuple[str, str]]:
    return [(j.code, f"{j.local_name} ({j.code})") for j in Jurisdiction.objects.order_by("code")]


def calculator_page(request: HttpRequest) -> HttpResponse:
    """GET form (works without JavaScript); the results, explained, below it."""
    choices = jurisdiction_choices()
    submitted = "received_on" in request.GET
    form = CalculatorForm(request.GET if submitted else None, choices=choices)
    calc = error = None
    status = 200
    if submitted and form.is_valid():
        try:
            calc = form.calculate()
        except CalculatorError as failure:
            error, status = failure.message, 400
    elif submitted:
        error, status = _first_error(form)[1], 400
    context = {
        "form": form,
        "calc": calc,
        "error": error,
        "months": month_grid(calc) if calc else [],
        "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
    }
    return render(request, "procurement/deadlines.html", context, status=status)


# --- the API --------------------------------------------------------------------------------


def _iso(deadline: Deadline | None) -> str | None:
    return deadline.on.isoformat() if deadline else None


def _window_closes(window: AppealWindow | None) -> str | None:
    return window.closes_on.isoformat() if window and window.closes_on else None


def calculation_json(calc: Calculation) -> dict:
    """`appeal_opens_on` says from when one may complain; `appeal_due_on` is null where the
    law sets no closing date (a complaint about silence in RS, BA, MK, ME)."""
    law = calc.law
    body = law.appeal_body_organisation
    silence = calc.appeal_after_silence
    data = {
        "jurisdiction": {"code": calc.jurisdiction.code, "name": calc.jurisdiction.name},
        "received_on": calc.received_on.isoformat(),
        "urgent": calc.is_urgent,
        "provisional": law.provisional,
        "provisional_note": law.provisional_label or None,
        "law": {
            "name": law.name,
            "short_name": law.short_name,
            "gazette": law.gazette,
            "source": law.source_url,
            "confidence": law.confidence,
            "confidence_note": law.confidence_note,
            "effective_from": law.effective_from.isoformat() if law.effective_from else None,
            "effective_to": law.effective_to.isoformat() if law.effective_to else None,
            "appeal_body": body.name if body else law.appeal_body,
            "citations": law.citations,
        },
        "due_on": _iso(calc.due),
        "extended_due_on": _iso(calc.extended),
        "applicable_due_on": _iso(calc.applicable_due),
        "appeal_opens_on": silence.opens_on.isoformat() if silence else None,
        "appeal_due_on": _window_closes(silence),
        "explanation": calc.explanation,
        "explanations": {
            "due_on": calc.due.explanation,
            "extended_due_on": calc.extended.explanation if calc.extended else None,
            "appeal_due_on": silence.explanation if silence else None,
        },
    }
    if calc.urgent:
        data["urgent_due_on"] = _iso(calc.urgent)
        data["explanations"]["urgent_due_on"] = calc.urgent.explanation
    if calc.decision_delivered_on:
        after = calc.appeal_after_decision
        data["decision_delivered_on"] = calc.decision_delivered_on.isoformat()
        data["appeal_opens_after_decision_on"] = after.opens_on.isoformat() if after else None
        data["appeal_due_after_decision_on"] = _window_closes(after)
        data["explanations"]["appeal_due_after_decision_on"] = after.explanation if after else None
    if calc.appealed_on:
        data["appealed_on"] = calc.appealed_on.isoformat()
        data["appeal_decision_due_on"] = _iso(calc.appeal_decision)
        data["explanations"]["appeal_decision_due_on"] = (
            calc.appeal_decision.explanation if calc.appeal_decision else None
        )
    return data


def _param(name: str, description: str, type_=OpenApiTypes.STR, required=False):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, required, description)


class DeadlineCalculatorApi(APIView):
    """Statutory deadlines for a request received on a given day, under the law in force."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        parameters=[
            _param(
                "jurisdiction", "RS, BA, ME, MK, AL, XK (or BA-BIH, BA-SRP, BA-BRC)", required=True
            ),
            _param(
                "received_on",
                "YYYY-MM-DD: the day the authority received the request",
                OpenApiTypes.DATE,
                True,
            ),
            _param("level", "For BA only: BIH, SRP (Republika Srpska) or BRC"),
            _param("urgent", "true: the shorter urgent period applies", OpenApiTypes.BOOL),
            _param(
                "decision_delivered_on",
                "YYYY-MM-DD: adds the appeal window after the decision",
                OpenApiTypes.DATE,
            ),
            _param(
                "appealed_on",
                "YYYY-MM-DD: adds the appeal body's deadline to decide",
                OpenApiTypes.DATE,
            ),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        form = CalculatorForm(request.query_params)
        if not form.is_valid():
            field, message = _first_error(form)
            return Response({"error": message, "field": field}, status=400)
        try:
            calc = form.calculate()
        except CalculatorError as error:
            return Response({"error": error.message, "field": error.field}, status=400)
        return Response(calculation_json(calc))
