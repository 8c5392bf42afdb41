"""Supplier groups: a company, its subsidiaries and theirs (Huawei → Huawei Technologies
Serbia …), as search filters, organisation pages and red flags count them."""

from django.db.models import Q, QuerySet

from procurement.models import AwardSupplier


def group_supplier_links(organisation) -> QuerySet[AwardSupplier]:
    """Award–supplier links of the organisation (an instance or a pk) or of a company of its
    group, two levels down."""
    return AwardSupplier.objects.filter(
        Q(organisation=organisation)
        | Q(organisation__parent=organisation)
        | Q(organisation__parent__parent=organisation)
    )
