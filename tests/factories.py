"""factory_boy factories for the domain model; reference data comes from seed_reference()."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from procurement import models


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = models.Organisation.Kind.COMPANY
    country = "RS"


class AuthorityFactory(OrganisationFactory):
    kind = models.Organisation.Kind.PUBLIC_AUTHORITY
    jurisdiction = factory.LazyFunction(lambda: models.Jurisdiction.objects.get(code="RS"))


class CivilSocietyFactory(OrganisationFactory):
    kind = models.Organisation.Kind.CIVIL_SOCIETY


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = models.Agreement

    title = factory.Sequence(lambda n: f"Agreement {n}")
    kind = models.Agreement.Kind.INTERGOVERNMENTAL
    exempts_procurement = True
    exemption_text = "Projects under it skip the procurement law."


class ProcessFactory(DjangoModelFactory):
    class Meta:
        model = models.ProcurementProcess

    ocid = factory.Sequence(lambda n: f"ocds-ptwb01-TEST-{n}")
    country = "RS"
    buyer = factory.SubFactory(AuthorityFactory)
    title = factory.Sequence(lambda n: f"Process {n}")
    sector = models.Sector.TELECOM
    method = models.Method.DIRECT
    review_status = models.ReviewStatus.PUBLISHED


class AwardFactory(DjangoModelFactory):
    class Meta:
        model = models.Award
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Award {n}")
    legal_basis = models.Award.LegalBasis.PROCUREMENT_LAW
    country = factory.SelfAttribute("process.country")
    sector = factory.SelfAttribute("process.sector")
    buyer = factory.SelfAttribute("process.buyer")
    method = factory.SelfAttribute("process.method")
    review_status = models.ReviewStatus.PUBLISHED
    value_status = models.ValueStatus.DISCLOSED
    value_amount = Decimal("1000000.00")
    value_currency = "EUR"

    @factory.post_generation
    def suppliers(self, create, extracted, **kwargs):
        if create and extracted:
            for organisation in extracted:
                models.AwardSupplier.objects.create(award=self, organisation=organisation)


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = models.Contract

    award = factory.SubFactory(AwardFactory)
    title = factory.Sequence(lambda n: f"Contract {n}")
    review_status = models.ReviewStatus.PUBLISHED


class UserFactory(DjangoModelFactory):
    class Meta:
        model = models.User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = models.Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CivilSocietyFactory)
    role = models.Membership.Role.EDITOR


class InfoRequestFactory(DjangoModelFactory):
    class Meta:
        model = models.InfoRequest

    requester_organisation = factory.SubFactory(CivilSocietyFactory)
    authority = factory.SubFactory(AuthorityFactory)
    jurisdiction = factory.SelfAttribute("authority.jurisdiction")
    subject = factory.Sequence(lambda n: f"Request {n}")
    text = "Please send the contract."
