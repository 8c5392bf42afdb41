"""Red flags as pages, filters and counts read them; visibility is decided here.

A flag is shown to the public only when every record it is about is published: a flag on
an unverified award must not reveal that award. R013 (a buyer's year) is computed from
published awards only and is public. Flags are risk indicators, never findings: pages show
`INDICATOR_NAMES[code]` and the stored `explanation`, labelled as such.
"""

from collections.abc import Iterable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from procurement.models import Award, RedFlag, ReviewStatus
from procurement.redflags import CODES

INDICATOR_NAMES = {
    "R003": _("Short submission period"),
    "R010": _("Unjustified use of a non-competitive procedure"),
    "R013": _("High use of non-competitive methods"),
    "R018": _("Single bid received"),
    "R031": _("Award value at or above the estimate"),
    "R054": _("Direct award followed by changes above the competitive threshold"),
    "R059": _("Large difference between award and final contract value"),
    "R063": _("Contract is not published"),
    "R064": _("Contract has modifications"),
    "R069": _("Contract amendments increase the price"),
    "X001": _("Exempted from procurement law by an international agreement"),
    "X002": _("Procurement information classified"),
}
PUBLISHED = ReviewStatus.PUBLISHED


def indicator_choices() -> list[tuple[str, str]]:
    """(code, "code — name") for a FilterSet's `red_flag` choices."""
    return [(code, f"{code} — {INDICATOR_NAMES[code]}") for code in CODES]


def valid_codes(codes: Iterable[str]) -> list[str]:
    """The known indicator codes among `codes` (e.g. from ?red_flag=X001&red_flag=R063)."""
    return [code for code in dict.fromkeys(c.strip().upper() for c in codes) if code in CODES]


def public_flags() -> QuerySet[RedFlag]:
    """Flags whose process, award and contract (where set) are all published."""
    return (
        RedFlag.objects.filter(Q(process__isnull=True) | Q(process__review_status=PUBLISHED))
        .filter(Q(award__isnull=True) | Q(award__review_status=PUBLISHED))
        .filter(Q(contract__isnull=True) | Q(contract__review_status=PUBLISHED))
    )


def _of_award(award: OuterRef | int) -> Q:
    """An award's flags: its own, its contracts', and its process's process-level ones."""
    return Q(award=award) | Q(process__awards=award, award__isnull=True, buyer__isnull=True)


def flags_for_award(award_id: int) -> QuerySet[RedFlag]:
    """Public flags of an award page: the award's, its contracts' and its process's."""
    return (
        public_flags()
        .filter(_of_award(award_id))
        .select_related("contract")
        .distinct()
        .order_by("code", "id")
    )


def flags_for_process(process_id: int) -> QuerySet[RedFlag]:
    return public_flags().filter(process=process_id).order_by("code", "id")


def flags_for_buyer(organisation_id: int) -> QuerySet[RedFlag]:
    """Public flags of a buyer page: its R013 years and the flags of its processes."""
    return (
        public_flags()
        .filter(Q(buyer=organisation_id) | Q(process__buyer=organisation_id))
        .order_by("code", "-year", "id")
    )


def flags_for_supplier(organisation_id: int) -> QuerySet[RedFlag]:
    """Public flags of a supplier page: those of the awards it won, their contracts and
    their processes."""
    won = Award.objects.filter(suppliers=organisation_id).values("pk")
    return (
        public_flags()
        .filter(Q(award__in=won) | Q(process__awards__in=won, award__isnull=True))
        .distinct()
        .order_by("code", "id")
    )


def filter_awards_by_flags(awards: QuerySet[Award], codes: Iterable[str]) -> QuerySet[Award]:
    """Narrow `awards` to those with any of these indicators (an EXISTS, no duplicates)."""
    codes = valid_codes(codes)
    if not codes:
        return awards
    flagged = public_flags().filter(_of_award(OuterRef("pk")), code__in=codes)
    return awards.filter(Exists(flagged))


def flag_codes_by_award(award_ids: Iterable[int]) -> dict[int, list[str]]:
    """For a list page: the public indicator codes of each award, in one query."""
    ids = list(award_ids)
    rows = (
        public_flags()
        .filter(Q(award__in=ids) | Q(process__awards__in=ids, award__isnull=True))
        .values_list("award_id", "process__awards", "code")
        .distinct()
    )
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    for award_id, process_award_id, code in rows:
        target = award_id or process_award_id
        if target in found:
            found[target].add(code)
    return {pk: sorted(codes) for pk, codes in found.items()}


def flag_counts() -> dict[str, int]:
    """How many public flags each indicator has raised (home page)."""
    counts = dict(public_flags().values_list("code").annotate(n=Count("id")).order_by())
    return {code: counts.get(code, 0) for code in CODES}


def flag_counts_by_country() -> dict[str, dict[str, int]]:
    """country → indicator → public flags, for the per-country chart."""
    table: dict[str, dict[str, int]] = {}
    rows = public_flags().values_list("country", "code").annotate(n=Count("id")).order_by()
    for country, code, n in rows:
        table.setdefault(str(country), {})[code] = n
    return table
