"""A flag's explanation in the reader's language, rendered from its code and inputs.

Flags store what the rule saw (`RedFlag.inputs`), never a sentence: a flag computed by a
worker running in English is read in Serbian, Albanian or Macedonian. Codes inside the inputs
(a procurement method, what is missing) become translated labels before they enter a
sentence; counts choose their plural form with ngettext.
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procurement.models import Method

_MISSING = {
    "rationale": lambda: _("no reason is given"),
    "legal provision": lambda: _("no article of law is cited"),
    "supporting document": lambda: _("no supporting document is attached"),
}


def _method(code: str) -> str:
    """The procurement method's label in the active language ('limited' → 'ограничен')."""
    return str(Method(code).label) if code in Method.values else code


def money_text(value: dict | None) -> str:
    """{"amount": "259658.286", "currency": "MXN"} → "MXN 259,658.286" (decimals as stated,
    none when whole)."""
    if not value:
        return "—"
    try:
        amount = Decimal(str(value["amount"]))
    except (InvalidOperation, KeyError):
        return str(value.get("amount", ""))
    if amount == amount.to_integral_value():
        return f"{value.get('currency', '')} {amount:,.0f}"
    places = max(2, -amount.normalize().as_tuple().exponent)
    return f"{value.get('currency', '')} {amount:,.{places}f}"


def _r003(inputs: dict) -> str:
    days = int(inputs.get("days", 0))
    return ngettext(
        "Bids could be submitted for %(days)s whole day; at least %(min)s are expected.",
        "Bids could be submitted for %(days)s whole days; at least %(min)s are expected.",
        days,
    ) % {"days": days, "min": inputs.get("min_days")}


def _r010(inputs: dict) -> str:
    missing = "; ".join(_MISSING[m]() for m in inputs.get("missing", []) if m in _MISSING)
    return _("A %(method)s procedure was used, but %(missing)s.") % {
        "method": _method(inputs.get("method", "")),
        "missing": missing,
    }


def _r013(inputs: dict) -> str:
    return _(
        "In %(year)s, %(n)s of this buyer's %(total)s procedures were limited or direct "
        "(%(share)s%%; other buyers in the country: %(peers)s%%)."
    ) % {
        "year": inputs.get("year"),
        "n": inputs.get("non_competitive"),
        "total": inputs.get("processes"),
        "share": f"{float(inputs.get('share', 0)) * 100:.0f}",
        "peers": f"{float(inputs.get('peer_share', 0)) * 100:.0f}",
    }


def _r018(inputs: dict) -> str:
    return _("Only one bid was received in a %(method)s procedure.") % {
        "method": _method(inputs.get("method", ""))
    }


def _r031(inputs: dict) -> str:
    return _("The award (%(value)s) is at or above the estimate (%(estimate)s).") % {
        "value": money_text(inputs.get("award_value")),
        "estimate": money_text(inputs.get("estimate")),
    }


def _r054(inputs: dict) -> str:
    return _("A direct award was amended to %(value)s, above the %(threshold)s threshold.") % {
        "value": money_text(inputs.get("amended_value")),
        "threshold": money_text(inputs.get("threshold")),
    }


def _r059(inputs: dict) -> str:
    count = int(inputs.get("contracts", 1))
    return ngettext(
        "The contract (%(final)s) differs from the award (%(award)s) by %(pct)s%%.",
        "The %(n)s contracts together (%(final)s) differ from the award (%(award)s) by %(pct)s%%.",
        count,
    ) % {
        "n": count,
        "final": money_text(inputs.get("contract_value")),
        "award": money_text(inputs.get("award_value")),
        "pct": f"{float(inputs.get('ratio', 0)) * 100:.0f}",
    }


def _r063(inputs: dict) -> str:
    text = _("The signed contract is not published.")
    if inputs.get("refused_requests"):
        text += " " + _("A request for it was refused.")
    if inputs.get("unanswered_requests"):
        text += " " + _("A request for it went unanswered past its due date.")
    return text


def _r064(inputs: dict) -> str:
    count = int(inputs.get("amendments", 0))
    return ngettext(
        "The contract was amended %(n)s time.", "The contract was amended %(n)s times.", count
    ) % {"n": count}


def _r069(inputs: dict) -> str:
    return _("Amendments raised the contract value from %(first)s to %(highest)s.") % {
        "first": money_text(inputs.get("first_value")),
        "highest": money_text(inputs.get("highest_value")),
    }


def _x001(inputs: dict) -> str:
    method = inputs.get("method", "")
    if method in ("direct", ""):
        how = _("no tender")
    else:
        how = _("%(method)s procedure") % {"method": _method(method)}
    year = inputs.get("signed_year")
    return _("Awarded under %(agreement)s%(signed)s, outside the procurement law; %(how)s.") % {
        "agreement": inputs.get("agreement") or _("an agreement"),
        "signed": f" ({year})" if year else "",
        "how": how,
    }


def _x002(inputs: dict) -> str:
    dates = inputs.get("decided_on") or []
    when = _(" on %(date)s") % {"date": dates[0]} if dates else _(" (date not stated)")
    level = inputs.get("classification_level") or ""
    return _("Procurement information was refused as classified%(level)s%(when)s.") % {
        "level": f" (“{level}”)" if level else "",
        "when": when,
    }


_RENDER = {
    "R003": _r003,
    "R010": _r010,
    "R013": _r013,
    "R018": _r018,
    "R031": _r031,
    "R054": _r054,
    "R059": _r059,
    "R063": _r063,
    "R064": _r064,
    "R069": _r069,
    "X001": _x001,
    "X002": _x002,
}


def explain(code: str, inputs: dict) -> str:
    """The plain-language explanation of a flag with these inputs, in the active language."""
    render = _RENDER.get(code)
    return render(inputs or {}) if render else ""
