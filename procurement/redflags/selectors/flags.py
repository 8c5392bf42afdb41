"""Red flags as pages, filters and counts read them; visibility is decided here.

A flag is shown to the public only when every record it is about is published: a flag on
an unverified award must not reveal that award. R013 (a buyer's year) is computed from
published awards only and is public. Flags are risk indicators, never findings: pages show
`INDICATOR_NAMES[code]` and the explanation rendered from the stored inputs in the reader's
language (procurement.redflags.explanations), labelled as such.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Case, Count, JSONField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import JSONObject
from django.utils.translation import gettext_lazy as _

from procurement.core.json_rows import JSONArrayOf, JSONValue
from procurement.models import Award, CodeSetField, RedFlag, ReviewStatus
from procurement.redflags import CODES, DEFAULT_THRESHOLDS

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
INDICATOR_RULES = {
    "R003": _(
        "The tender was open for bids for fewer whole days than the minimum of its country's "
        "law (%(min_days)s by default in the six jurisdictions; elsewhere only where the "
        "country's minimum has been set). Not raised when the open or selective label is in "
        "doubt: a method rationale citing an article of law is how an exception to "
        "competition is justified."
    ),
    "R010": _(
        "A limited or direct procedure with no rationale, no legal provision cited, or no "
        "supporting document."
    ),
    "R013": _(
        "In one year, a buyer's share of limited and direct processes is well above that of "
        "the other buyers of its country (by %(margin)s points by default, with at least "
        "%(min_processes)s processes)."
    ),
    "R018": _(
        "An open or selective tender received a single bid. Not raised when the label is in "
        "doubt (a method rationale citing an article of law)."
    ),
    "R031": _(
        "In an open or selective procedure, the award value is at or above the tender's "
        "estimate, in the same currency. Not raised for limited or direct procedures, where "
        "the published estimate is usually the negotiated price itself."
    ),
    "R054": _(
        "A direct award whose amended value exceeds the value above which the national law "
        "requires competition (%(currency)s %(amount)s unless set for the country)."
    ),
    "R059": _(
        "The final values of the award's contracts, added together (an award split between "
        "suppliers is one sum), differ from the award value by more than the threshold "
        "(%(percent)s%% by default). Not raised when a contract's value is undisclosed or in "
        "another currency."
    ),
    "R063": _(
        "An active contract whose documents show that the signed text is not published: no "
        "document is, or could be, the contract under any label (the OCDS code in any "
        "spelling, the publisher's own word such as “contrato”, a title or file name). "
        "Where the documents are ambiguous — an unlabelled scan, a signature file — the flag "
        "is not raised. Stronger when a request for the contract was refused, classified or "
        "left unanswered."
    ),
    "R064": _(
        "The contract has been amended: the publisher published an amendment. A value that "
        "changed between two releases without one is a new value, not an amendment."
    ),
    "R069": _("A later value of the contract is above its first value."),
    "X001": _(
        "The legal basis is an intergovernmental agreement that exempts the project from "
        "public-procurement law: it may be lawful, and it still deserves scrutiny."
    ),
    "X002": _("A freedom-of-information request about this procurement was refused as classified."),
}
PUBLISHED = ReviewStatus.PUBLISHED


def _rule_defaults() -> dict[str, dict]:
    """The default thresholds as the rules' texts quote them."""
    limits = DEFAULT_THRESHOLDS
    return {
        "R003": {"min_days": limits["R003"]["min_days"]},
        "R013": {
            "margin": round(limits["R013"]["margin"] * 100),
            "min_processes": limits["R013"]["min_processes"],
        },
        "R054": {
            "currency": limits["R054"]["currency"],
            "amount": f"{int(limits['R054']['amount']):,}",
        },
        "R059": {"percent": round(limits["R059"]["max_ratio"] * 100)},
    }


def indicators(counts: dict[str, int]) -> list[dict]:
    """The catalogue for the indicators page: code, name, rule, and how many public flags
    each raised (from `counts`)."""
    return [
        {
            "code": code,
            "name": INDICATOR_NAMES[code],
            "rule": INDICATOR_RULES[code] % _rule_defaults().get(code, {}),
            "count": counts.get(code, 0),
        }
        for code in CODES
    ]


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


def _about_award(award, process) -> Q:
    """The flags an award shows: its own and its contracts' (they carry the award), and its
    process's (no award, no buyer). `award` and `process`: ids or outer references."""
    return Q(award=award) | Q(process=process, award__isnull=True, buyer__isnull=True)


def flags_for_award(award: Award) -> QuerySet[RedFlag]:
    """Public flags of an award page: the award's, its contracts' and its process's."""
    about = _about_award(award.pk, award.process_id)
    return public_flags().filter(about).select_related("contract").order_by("code", "id")


def flags_for_process(process_id: int) -> QuerySet[RedFlag]:
    return public_flags().filter(process=process_id).select_related("contract", "award")


@dataclass(frozen=True)
class FlagPanel:
    """What an organisation page shows: how many of each indicator, and the first flags."""

    counts: list[tuple[str, int]]  # (code, flags), in code order
    flags: list[RedFlag]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.flags)

    @property
    def query(self) -> str:
        """The search parameters of every indicator counted: 'red_flag=R010&red_flag=X001'."""
        return urlencode([("red_flag", code) for code, _n in self.counts])


def flag_panel(flags: QuerySet[RedFlag], limit: int = 20) -> FlagPanel:
    """Counts per indicator (one query) and the first `limit` flags, newest years first."""
    counts = dict(flags.order_by().values_list("code").annotate(n=Count("id")))
    ordered = [(code, counts[code]) for code in CODES if code in counts]
    first = list(
        flags.select_related("process", "award", "contract", "buyer").order_by(
            "code", "-year", "-id"
        )[:limit]
        if counts
        else []
    )
    return FlagPanel(ordered, first, sum(counts.values()))


def filter_awards_by_flags(awards: QuerySet[Award], codes: Iterable[str]) -> QuerySet[Award]:
    """Narrow `awards` to those with any of these public indicators: raised on the award (or
    its contracts), or on its process. An index lookup on the codes the red-flag service
    keeps on each award (`Award.red_flag_codes`, GIN on PostgreSQL): the joins to the flags
    took 15 s for two codes on a million awards."""
    codes = valid_codes(codes)
    if not codes:
        return awards
    return awards.filter(red_flag_codes__overlaps=codes)


def flag_codes_by_award(award_ids: Iterable[int]) -> dict[int, list[str]]:
    """For a list page: the public indicator codes of each award (kept on the award)."""
    ids = list(award_ids)
    rows = dict(Award.objects.filter(pk__in=ids).values_list("pk", "red_flag_codes"))
    return {pk: CodeSetField.split(rows.get(pk, "")) for pk in ids}


def public_flags_of_each_award() -> Case:
    """For a list query of awards (the API): each award's public flags — its own and its
    contracts', and its process's — as a list of {code, inputs} in code order, computed in the
    list's own statement (no query per row, no second query), and only for an award whose kept
    codes say it has any (None for the others)."""
    flags = (
        public_flags()
        .filter(_about_award(OuterRef("pk"), OuterRef("process_id")))
        .order_by("code", "id")
        .values(j=JSONObject(code="code", inputs=JSONValue("inputs")))
    )
    return Case(
        When(~Q(red_flag_codes=""), then=JSONArrayOf(flags)),
        default=Value(None),
        output_field=JSONField(),
    )


def flag_counts_by_country() -> dict[str, dict[str, int]]:
    """country → indicator → public flags, for the per-country chart."""
    table: dict[str, dict[str, int]] = {}
    rows = public_flags().values_list("country", "code").annotate(n=Count("id")).order_by()
    for country, code, n in rows:
        table.setdefault(str(country), {})[code] = n
    return table
