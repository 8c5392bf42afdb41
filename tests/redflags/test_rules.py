"""Table tests of every red-flag rule (pure: no database, no clock)."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from procurement import redflags as rf
from procurement.models import Method
from procurement.redflags import AwardFacts, BuyerYear, ContractFacts, FoiOutcome, Money, Process
from procurement.redflags.contract_documents import signed_text
from procurement.redflags.explanations import explain, money_text

TODAY = date(2024, 6, 1)
LIMITS = rf.DEFAULT_THRESHOLDS
START = datetime(2024, 1, 1, 9, tzinfo=UTC)


def eur(amount) -> Money:
    return Money(Decimal(str(amount)), "EUR")


def process(**changes) -> Process:
    base = Process(id=1, country="RS", method="open", status="complete")
    return replace(base, **changes)


def award(**changes) -> AwardFacts:
    changes.setdefault("process", process())
    base = AwardFacts(
        id=10,
        process=changes.pop("process"),
        status="active",
        value=eur(100),
        legal_basis="procurement_law",
    )
    return replace(base, **changes)


def contract(**changes) -> ContractFacts:
    changes.setdefault("award", award())
    base = ContractFacts(id=20, award=changes.pop("award"), status="active", value=eur(100))
    return replace(base, **changes)


def period(days: float) -> dict:
    return {"tender_start": START, "tender_end": START + timedelta(days=days)}


@pytest.mark.parametrize(
    ("facts", "params", "expected"),
    [
        (process(**period(14.9)), LIMITS["R003"], 14),
        (process(**period(15)), LIMITS["R003"], None),
        (process(**period(3), method="selective"), LIMITS["R003"], 3),
        (process(**period(3), method="direct"), LIMITS["R003"], None),  # no submission period
        (process(**period(3), status="cancelled"), LIMITS["R003"], None),
        (process(tender_start=START), LIMITS["R003"], None),  # end unknown
        (process(**period(20)), {**LIMITS["R003"], "min_days_by_method": {"open": 30}}, 20),
        (process(**period(20)), {**LIMITS["R003"], "min_days": 10}, None),
        # the national minimum of a country outside the six is not known: no flag …
        (process(**period(5), country="UA"), LIMITS["R003"], None),
        # … unless it was set for that country (a RedFlagThreshold row)
        (process(**period(5), country="UA"), {**LIMITS["R003"], "for_country": True}, 5),
        # a "selective" label in doubt: a rationale citing an article (Mexico City, Art. 54)
        (
            process(
                **period(0),
                method="selective",
                method_rationale="DE CONFORMIDAD CON EL ARTICULO 54 FRACCION II BIS",
            ),
            LIMITS["R003"],
            None,
        ),
    ],
)
def test_r003_short_submission_period(facts, params, expected):
    flag = rf.r003_short_submission_period(facts, params)
    assert (flag.inputs["days"] if flag else None) == expected


RATIONALE = "Exempt under Article 7 of the Public Procurement Law."


@pytest.mark.parametrize(
    ("facts", "missing"),
    [
        (process(method="direct"), ["rationale", "legal provision", "supporting document"]),
        (process(method="limited", method_rationale=RATIONALE), ["supporting document"]),
        (
            process(method="direct", method_rationale="Urgency.", supporting_document=True),
            ["legal provision"],
        ),
        (
            process(method="direct", method_rationale="Čl. 128 Zakona", supporting_document=True),
            None,
        ),
        (process(method="direct", method_rationale=RATIONALE, supporting_document=True), None),
        (  # Spanish citations are citations (Mexico City)
            process(
                method="limited",
                method_rationale="De conformidad con el Artículo 54 fracción IV",
                supporting_document=True,
            ),
            None,
        ),
        (
            process(
                method="limited", method_rationale="Згідно зі статтею 35", supporting_document=True
            ),
            None,  # Ukrainian: "according to Article 35"
        ),
        (
            process(
                method="limited", method_rationale="Стаття 35 Закону", supporting_document=True
            ),
            None,
        ),
        (
            process(method="limited", method_rationale="Стаття закону", supporting_document=True),
            ["legal provision"],  # no number: no article cited
        ),
        (process(method="open"), None),
        (process(method="direct", status="cancelled"), None),
    ],
)
def test_r010_unjustified_non_competitive(facts, missing):
    flag = rf.r010_unjustified_non_competitive(facts)
    assert (flag.inputs["missing"] if flag else None) == missing


@pytest.mark.parametrize(
    ("facts", "raised"),
    [
        (process(number_of_tenderers=1), True),
        (process(number_of_tenderers=1, method="selective"), True),
        (process(number_of_tenderers=2), False),
        (process(number_of_tenderers=None), False),
        (process(number_of_tenderers=1, method="direct"), False),
        (process(number_of_tenderers=1, status="cancelled"), False),
        (process(number_of_tenderers=1, method="selective", method_rationale="Art. 54"), False),
    ],
)
def test_r018_single_bid(facts, raised):
    assert bool(rf.r018_single_bid(facts)) is raised


@pytest.mark.parametrize(
    ("facts", "raised"),
    [
        (award(value=eur(100), process=process(estimate=eur(100))), True),
        (award(value=eur(120), process=process(estimate=eur(100))), True),
        (award(value=eur(99), process=process(estimate=eur(100))), False),
        (award(value=Money(Decimal(500), "RSD"), process=process(estimate=eur(100))), False),
        (award(value=None, process=process(estimate=eur(100))), False),
        (award(value=eur(100), process=process(estimate=None)), False),
        (award(value=eur(100), status="cancelled", process=process(estimate=eur(1))), False),
        # a limited procedure's "estimate" is the negotiated price: no comparison (ProZorro)
        (award(value=eur(100), process=process(method="limited", estimate=eur(100))), False),
        (award(value=eur(100), process=process(method="direct", estimate=eur(90))), False),
    ],
)
def test_r031_award_at_or_above_estimate(facts, raised):
    assert bool(rf.r031_award_at_or_above_estimate(facts)) is raised


@pytest.mark.parametrize(
    ("award_value", "finals", "raised"),
    [
        (eur(100), (eur(121),), True),
        (eur(100), (eur(79),), True),
        (eur(100), (eur(120),), False),
        (eur(100), (Money(Decimal(1000), "USD"),), False),
        (None, (eur(500),), False),
        (eur(100), (), False),  # no contract yet
        # an award split between two suppliers (DNCP 284182: 41,466,000 + 26,419,450)
        (
            Money(Decimal(67885450), "PYG"),
            (Money(Decimal(41466000), "PYG"), Money(Decimal(26419450), "PYG")),
            False,
        ),
        (eur(100), (eur(60), eur(70)), True),  # together 130: 30% over
        (eur(100), (eur(60), None), False),  # one value undisclosed: the sum is not known
    ],
)
def test_r059_contracts_differ_from_award(award_value, finals, raised):
    facts = award(value=award_value, contract_values=finals)
    assert bool(rf.r059_contracts_differ_from_award(facts, LIMITS["R059"])) is raised


SILENT = FoiOutcome(1, "sent", due_on=date(2024, 5, 1))
WAITING = FoiOutcome(2, "sent", due_on=date(2024, 7, 1))
NO_DUE_DATE = FoiOutcome(3, "acknowledged", due_on=None)
CLASSIFIED = FoiOutcome(4, "classified", decided_on=date(2019, 3, 1), classification_level="secret")
REFUSED = FoiOutcome(5, "refused")
ANSWERED = FoiOutcome(6, "answered")


@pytest.mark.parametrize(
    ("facts", "strength"),
    [
        (contract(), "plain"),
        (contract(signed_text="signed"), None),
        (contract(signed_text="unclear"), None),  # ambiguous evidence: no flag
        (contract(status="pending"), None),
        (contract(foi=(REFUSED,)), "stronger"),
        (contract(foi=(CLASSIFIED,)), "stronger"),
        (contract(foi=(SILENT,)), "stronger"),
        (contract(foi=(WAITING, NO_DUE_DATE, ANSWERED)), "plain"),  # not yet due / unknown
        (contract(foi=(REFUSED,), signed_text="signed"), None),
    ],
)
def test_r063_contract_not_published(facts, strength):
    flag = rf.r063_contract_not_published(facts, TODAY)
    assert (flag.inputs["strength"] if flag else None) == strength


@pytest.mark.parametrize(
    ("amendments", "expected"),
    [((), None), ((None,), 1), ((eur(110), eur(90)), 2)],
)
def test_r064_contract_modified(amendments, expected):
    flag = rf.r064_contract_modified(contract(amendment_values=amendments))
    assert (flag.inputs["amendments"] if flag else None) == expected


@pytest.mark.parametrize(
    ("first", "amendments", "raised"),
    [
        (eur(100), (eur(150),), True),
        (eur(100), (eur(150), eur(90)), True),  # raised once, then lowered: still raised
        (eur(100), (eur(100),), False),
        (eur(100), (eur(80),), False),
        (eur(100), (Money(Decimal(1000), "RSD"),), False),
        (None, (eur(150),), False),
        (eur(100), (None,), False),
    ],
)
def test_r069_amendments_increase_price(first, amendments, raised):
    facts = contract(value=first, amendment_values=amendments)
    assert bool(rf.r069_amendments_increase_price(facts)) is raised


@pytest.mark.parametrize(
    ("method", "amendments", "params", "raised"),
    [
        ("direct", (eur(200000),), LIMITS["R054"], True),
        ("direct", (eur(100000),), LIMITS["R054"], False),
        ("direct", (), LIMITS["R054"], False),
        ("open", (eur(200000),), LIMITS["R054"], False),
        ("direct", (Money(Decimal(10**9), "RSD"),), LIMITS["R054"], False),
        ("direct", (Money(Decimal(10**9), "RSD"),), {"amount": "5000000", "currency": "RSD"}, True),
    ],
)
def test_r054_direct_award_changed_above_threshold(method, amendments, params, raised):
    facts = contract(award=award(process=process(method=method)), amendment_values=amendments)
    assert bool(rf.r054_direct_award_changed_above_threshold(facts, params)) is raised


@pytest.mark.parametrize(
    ("facts", "raised"),
    [
        (award(legal_basis="agreement", agreement="2009 Serbia–China agreement"), True),
        (award(legal_basis="unknown", agreement="2009 Serbia–China agreement"), False),
        (award(legal_basis="procurement_law"), False),
        (award(legal_basis="agreement", status="cancelled"), False),
    ],
)
def test_x001_exempted_by_agreement(facts, raised):
    assert bool(rf.x001_exempted_by_agreement(facts)) is raised


def test_x001_explains_in_plain_words():
    facts = award(
        legal_basis="agreement",
        agreement="2009 Serbia–China agreement",
        agreement_signed=date(2009, 8, 1),
        process=process(method="direct"),
    )
    text = rf.x001_exempted_by_agreement(facts).explanation
    assert text == (
        "Awarded under 2009 Serbia–China agreement (2009), outside the procurement law; no tender."
    )


@pytest.mark.parametrize(
    ("outcomes", "requests"),
    [
        ((CLASSIFIED,), [4]),
        ((REFUSED, SILENT), None),
        ((FoiOutcome(7, "appealed", classification_level="strictly confidential"),), [7]),
        ((), None),
    ],
)
def test_x002_information_classified(outcomes, requests):
    flag = rf.x002_information_classified(award(foi=outcomes))
    assert (flag.inputs["requests"] if flag else None) == requests


def test_x002_says_when():
    flag = rf.x002_information_classified(award(foi=(CLASSIFIED,)))
    assert (
        flag.explanation
        == "Procurement information was refused as classified (“secret”) on 2019-03-01."
    )


def buyer_year(processes, non_competitive, peers, peer_non) -> BuyerYear:
    return BuyerYear(1, "RS", 2024, processes, non_competitive, peers, peer_non)


@pytest.mark.parametrize(
    ("stats", "raised"),
    [
        (buyer_year(4, 4, 20, 2), True),  # 100% against 10%
        (buyer_year(4, 2, 20, 2), True),  # 50% against 10%
        (buyer_year(4, 1, 20, 2), False),  # 25% against 10%: within the margin
        (buyer_year(2, 2, 20, 0), False),  # too few procedures to judge
        (buyer_year(5, 5, 0, 0), True),  # no peers: compared with 0%
        (buyer_year(10, 9, 100, 80), False),  # peers do the same
    ],
)
def test_r013_high_non_competitive_share(stats, raised):
    assert bool(rf.r013_high_non_competitive_share(stats, LIMITS["R013"])) is raised


def test_every_flag_carries_its_code_inputs_and_rule_version():
    flags = [
        *rf.process_flags(process(number_of_tenderers=1, **period(2)), LIMITS),
        *rf.award_flags(
            award(legal_basis="agreement", foi=(CLASSIFIED,), contract_values=(eur(10**6),)),
            LIMITS,
        ),
        *rf.contract_flags(contract(amendment_values=(eur(10**6),)), LIMITS, TODAY),
    ]
    assert {f.code for f in flags} == {
        "R003",
        "R018",
        "X001",
        "X002",
        "R059",
        "R063",
        "R064",
        "R069",
    }
    for flag in flags:
        assert flag.version == rf.RULE_VERSIONS[flag.code]
        assert flag.inputs and flag.explanation.endswith(".")


@given(
    award_amount=st.decimals(min_value=1, max_value=10**9, places=2),
    estimate_amount=st.decimals(min_value=1, max_value=10**9, places=2),
)
def test_r031_holds_exactly_when_the_award_reaches_the_estimate(award_amount, estimate_amount):
    facts = award(value=eur(award_amount), process=process(estimate=eur(estimate_amount)))
    # (an open procedure: the comparison means something only where there was competition)
    assert bool(rf.r031_award_at_or_above_estimate(facts)) is (award_amount >= estimate_amount)


@given(days=st.floats(min_value=0, max_value=60))
def test_r003_counts_whole_days(days):
    flag = rf.r003_short_submission_period(process(**period(days)), LIMITS["R003"])
    assert bool(flag) is (int(days) < 15)


@pytest.mark.parametrize(
    ("documents", "expected"),
    [
        ([], "absent"),
        ([("contractSigned", "", "Signed contract", "")], "signed"),
        ([("contractSigned", "Contract Signed", "Contrato firmado", "")], "signed"),  # GACM
        ([("other", "Orden de Compra o Contrato", "Orden de Compra o Contrato", "")], "signed"),
        ([("other", "contrato", "Contrato No.63969", "")], "signed"),  # Jalisco
        ([("other", "", "CONTRATO A-012/2016", "")], "signed"),  # Mexico City, no type
        ([("other", "", "Договір.pdf", "")], "signed"),
        ([("other", "", "scan 1", "https://x.org/files/contrato_42.pdf")], "signed"),
        ([("other", "", "sign.p7s", "")], "unclear"),  # a signature file (ProZorro)
        ([("other", "", "Дог №26 от22.05.17 Аших прод 43017.3.pdf", "")], "unclear"),
        ([("other", "contractAnnexe", "специфікація", "")], "absent"),  # an annexe only
        ([("awardNotice", "", "Award notice", "")], "absent"),
        (
            [("other", "Contract Guarantees", "Fianza", ""), ("other", "", "sign.p7s", "")],
            "unclear",
        ),
    ],
)
def test_what_a_contracts_documents_show_of_its_signed_text(documents, expected):
    assert signed_text(documents) == expected


@pytest.mark.parametrize("language", ["en", "sr", "sq"])
def test_explanations_are_rendered_from_inputs_in_the_readers_language(language):
    """A flag holds no sentence: the method is passed as its translated label, counts choose
    their plural form."""
    flag = rf.r018_single_bid(process(number_of_tenderers=1, method="selective"))
    with translation.override(language):
        label = str(Method.SELECTIVE.label)
        assert label in flag.explanation
        if language != "en":
            assert "selective" not in flag.explanation or label == "selective"
    assert rf.r064_contract_modified(contract(amendment_values=(None,))).explanation == (
        "The contract was amended 1 time."
    )
    assert explain(
        "R059",
        {
            "contracts": 2,
            "ratio": "0.3",
            "contract_value": {"amount": "130", "currency": "EUR"},
            "award_value": {"amount": "100", "currency": "EUR"},
        },
    ) == ("The 2 contracts together (EUR 130) differ from the award (EUR 100) by 30%.")
    assert money_text({"amount": "259658.286", "currency": "MXN"}) == "MXN 259,658.286"
