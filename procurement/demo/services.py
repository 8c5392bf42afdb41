"""Loads the demo dataset (the policy paper's facts) and the demo accounts, idempotently.

Rows are found by their natural keys (names, titles, OCIDs) and created only when missing,
so re-running never duplicates anything and never overwrites what an admin has edited.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from procurement.authorities.selectors import authority_named
from procurement.authorities.services.registers import import_shipped_registers
from procurement.awards.services.search_keys import (
    refresh_agreement_keys,
    refresh_awards,
    refresh_organisation_keys,
)
from procurement.demo import organisations as orgdata
from procurement.demo import records
from procurement.foi.services.reference import seed_reference
from procurement.foi.services.requests import create_request, request_transition
from procurement.models import (
    Agreement,
    AgreementParty,
    Award,
    AwardSupplier,
    Citation,
    Contract,
    ContractAmendment,
    InfoRequest,
    Jurisdiction,
    Membership,
    Organisation,
    OrganisationAlias,
    ProcurementProcess,
    ReviewStatus,
    Source,
    User,
    ValueStatus,
)
from procurement.redflags.services import compute_red_flags

DEMO_USERS = [
    # username, role in the organisation (or None), organisation key, staff, reviewer
    ("admin", None, None, True, False),
    ("reviewer", None, None, False, True),
    ("share", "admin", "share", False, False),  # organisation admin: can invite
    ("watch", "editor", "watchdog", False, False),
]


def _value(spec: dict | None) -> dict:
    if not spec:
        return {"value_status": ValueStatus.UNDISCLOSED, "value_amount": None, "value_currency": ""}
    return {
        "value_status": ValueStatus.DISCLOSED,
        "value_amount": spec["amount"],
        "value_currency": spec["currency"],
        "value_is_approximate": spec.get("approximate", False),
    }


def _date(spec: tuple | None, field: str) -> dict:
    when, precision = spec or (None, "day")
    return {field: when, f"{field}_precision": precision}


class _Loader:
    def __init__(self) -> None:
        self.source, _ = Source.objects.get_or_create(
            title=orgdata.PAPER["title"],
            author=orgdata.PAPER["author"],
            defaults={"kind": orgdata.PAPER["kind"]},
        )
        self.jurisdictions = {j.code: j for j in Jurisdiction.objects.all()}
        # One publication time for the whole dataset: "latest" then orders by award date.
        self.now = timezone.now()
        self.orgs: dict[str, Organisation] = {}
        self.agreements: dict[str, Agreement] = {}
        self.processes: dict[str, ProcurementProcess] = {}

    def cite(self, locator: str, **subject) -> None:
        Citation.objects.get_or_create(source=self.source, locator=locator, **subject)

    def organisation(self, key: str, spec: tuple) -> Organisation:
        name, kind, country, jurisdiction, parent, aliases, description = spec
        # A public body may be on record from a register already, under its official name
        # (the demo's English name and aliases are among the register's aliases).
        organisation = Organisation.objects.filter(name=name).order_by("pk").first()
        if organisation is None and country:
            organisation = authority_named([name, *(alias for alias, _s in aliases)], country)
        if organisation is None:
            organisation = Organisation.objects.create(
                name=name,
                kind=kind,
                country=country,
                jurisdiction=self.jurisdictions.get(jurisdiction) if jurisdiction else None,
                parent=self.orgs[parent] if parent else None,
                description=description,
            )
        for alias, script in aliases:
            OrganisationAlias.objects.get_or_create(
                organisation=organisation, name=alias, defaults={"script": script}
            )
        self.orgs[key] = organisation
        return organisation

    def agreement(self, key: str, spec: dict) -> None:
        spec = dict(spec)
        parties, locator = spec.pop("parties"), spec.pop("locator")
        signed = spec.pop("signed_on")
        agreement, _ = Agreement.objects.get_or_create(
            title=spec.pop("title"), defaults={**spec, **_date(signed, "signed_on")}
        )
        for org_key, role, person in parties:
            AgreementParty.objects.get_or_create(
                agreement=agreement,
                organisation=self.orgs[org_key],
                defaults={"role": role, "signatory_person": person},
            )
        self.cite(locator, agreement=agreement)
        self.agreements[key] = agreement

    def process(self, spec: dict) -> list[int]:
        review = spec["review"]
        published_at = self.now if review == ReviewStatus.PUBLISHED else None
        process, _ = ProcurementProcess.objects.get_or_create(
            ocid=spec["ocid"],
            defaults={
                "country": spec["country"],
                "buyer": self.orgs[spec["buyer"]] if spec["buyer"] else None,
                "title": spec["title"],
                "description": spec.get("description", ""),
                "sector": spec["sector"],
                "method": spec["method"],
                "method_details": spec.get("method_details", ""),
                "method_rationale": spec.get("method_rationale", ""),
                "status": spec["status"],
                "review_status": review,
                "published_at": published_at,
                **_value(spec.get("estimate")),
            },
        )
        self.cite(spec["locator"], process=process)
        self.processes[process.ocid] = process
        return [
            self.award(process, award, review, published_at, spec["locator"])
            for award in spec["awards"]
        ]

    def award(self, process, spec: dict, review: str, published_at, locator: str) -> int:
        award, created = Award.objects.get_or_create(
            process=process,
            title=spec["title"],
            defaults={
                "legal_basis": spec["legal_basis"],
                "agreement": self.agreements[spec["agreement"]] if spec.get("agreement") else None,
                "legal_basis_note": spec.get("legal_basis_note", ""),
                "confidentiality": spec.get("confidentiality", "public"),
                "classification_level": spec.get("classification_level", ""),
                "review_status": review,
                "published_at": published_at,
                "country": process.country,
                "sector": process.sector,
                **_date(spec.get("date"), "award_date"),
                **_value(spec.get("value")),
            },
        )
        if created:
            for org_key, note in spec["suppliers"]:
                AwardSupplier.objects.create(
                    award=award, organisation=self.orgs[org_key], note=note
                )
        self.cite(locator, award=award)
        for contract_spec in spec.get("contracts", []):
            contract, _ = Contract.objects.get_or_create(
                award=award,
                title=contract_spec["title"],
                defaults={
                    "confidentiality": contract_spec.get("confidentiality", "public"),
                    "review_status": review,
                    "published_at": published_at,
                    **_date(contract_spec.get("signed_on"), "signed_on"),
                    **_value(contract_spec.get("value")),
                },
            )
            self.cite(locator, contract=contract)
            for amendment_spec in contract_spec.get("amendments", []):
                amendment, _ = ContractAmendment.objects.get_or_create(
                    contract=contract,
                    description=amendment_spec["description"],
                    defaults={
                        "rationale": amendment_spec.get("rationale", ""),
                        **_date(amendment_spec.get("amended_on"), "amended_on"),
                        **_value(amendment_spec.get("value")),
                    },
                )
                self.cite(locator, amendment=amendment)
        return award.pk

    def request(self, spec: dict) -> None:
        """A published request of the paper, written through the workflow service (the only
        writer of status). Its dates are known to the year only: no deadline is computed."""
        authority = self.orgs[spec["authority"]]
        sent_on, precision = spec["sent_on"]
        info_request = InfoRequest.objects.filter(
            requester_organisation=self.orgs[spec["requester"]], subject=spec["subject"]
        ).first()
        if info_request is None:
            info_request = create_request(
                organisation=self.orgs[spec["requester"]],
                authority=authority,
                subject=spec["subject"],
                text=spec["text"],
                actor=None,
                awards=Award.objects.filter(process__ocid__in=spec["awards"]),
                agreements=[self.agreements[key] for key in spec["agreements"]],
            )
            for to_status, note in spec["events"]:
                facts = spec.get("facts", {}).get(to_status, {})
                request_transition(
                    request_id=info_request.pk,
                    to=to_status,
                    actor=None,
                    on=sent_on,
                    note=note,
                    precision=precision,
                    **facts,
                )
            InfoRequest.objects.filter(pk=info_request.pk).update(
                visibility="published", published_at=timezone.now()
            )
        self.cite(spec["locator"], request=info_request)

    def draft(self, spec: dict) -> None:
        organisation = self.orgs[spec["requester"]]
        if not InfoRequest.objects.filter(
            requester_organisation=organisation, subject=spec["subject"]
        ).exists():
            create_request(
                organisation=organisation,
                authority=self.orgs[spec["authority"]],
                subject=spec["subject"],
                text=spec["text"],
                actor=None,
            )


def load_demo(
    *, with_users: bool = False, password: str = "", with_registers: bool = False
) -> dict[str, int]:
    """Load every fact of the demo dataset; with `with_users`, the demo accounts and drafts too;
    with `with_registers`, every shipped register of authorities (after the demo's bodies,
    which they match by name or alias, so nothing is on record twice)."""
    if with_users:
        _check_demo_accounts_allowed(password)  # before any connection is opened
    with transaction.atomic():
        counts = _load_all(with_users, password)
        if with_registers:
            reports = import_shipped_registers()
            counts["authorities on record"] = sum(report.used for report in reports)
        return counts


def _load_all(with_users: bool, password: str) -> dict[str, int]:
    seed_reference()
    loader = _Loader()
    for key, spec in orgdata.ORGANISATIONS.items():
        loader.organisation(key, spec)
    for key, spec in records.AGREEMENTS.items():
        loader.agreement(key, spec)
    award_ids = [pk for spec in records.PROCESSES for pk in loader.process(spec)]
    for spec in records.REQUESTS:
        loader.request(spec)
    if with_users:
        _load_users(loader, password)
    refresh_organisation_keys(o.pk for o in loader.orgs.values())
    refresh_agreement_keys(a.pk for a in loader.agreements.values())
    refresh_awards(award_ids)
    # The demo site shows the flags at once, without waiting for a worker.
    flags = compute_red_flags(process_ids=[p.pk for p in loader.processes.values()])
    return {
        "organisations": len(loader.orgs),
        "agreements": len(loader.agreements),
        "processes": len(loader.processes),
        "awards": len(award_ids),
        "red flags": flags.flags,
    }


def _check_demo_accounts_allowed(password: str) -> None:
    if not getattr(settings, "EMBEDDED_DEMO", False):
        raise ImproperlyConfigured("Demo accounts are never created with production settings.")
    if not password:
        raise ImproperlyConfigured("Demo accounts need a password: set DEMO_PASSWORD.")


def _load_users(loader: _Loader, password: str) -> None:
    loader.organisation("watchdog", orgdata.DEMO_WATCHDOG)
    for username, role, org_key, staff, reviewer in DEMO_USERS:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@demo.invalid",
                "is_staff": staff,
                "is_superuser": staff,
                "is_reviewer": reviewer,
            },
        )
        # An unchanged password keeps its hash: a new salt would sign everyone out on every
        # restart of `make run` (the session is bound to the hash).
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        if org_key:
            Membership.objects.get_or_create(
                user=user, organisation=loader.orgs[org_key], defaults={"role": role}
            )
    for spec in records.DRAFTS:
        loader.draft(spec)
