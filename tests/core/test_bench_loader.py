"""`make bench` loads its synthetic awards with COPY, column by column: a migration that adds a
required column must not leave the benchmark broken (it was, after the letters' grammatical
gender). The loader runs here on a few hundred awards against the test database."""

import pytest

from bench.synthetic_awards import load
from procurement.models import Award, AwardSupplier, Organisation
from tests.awards.conftest import postgres_only


@postgres_only("the benchmark's loader speaks PostgreSQL's COPY")
@pytest.mark.django_db(transaction=True)
def test_the_synthetic_loader_fills_every_required_column():
    timings = load(300)

    assert Award.objects.count() == 300
    assert AwardSupplier.objects.filter(award__in=Award.objects.all()).exists()
    assert Organisation.objects.filter(kind="public_authority").exists()
    assert set(timings) == {"copy_s", "flags_s", "index_s"}
    # the indicator codes the search filters on are written with the flags
    assert Award.objects.exclude(red_flag_codes="").exists()
    # the suppliers' ids the facet counts and their names, as the links hold them
    for award in Award.objects.order_by("pk")[:50]:
        links = award.supplier_links.order_by("pk").select_related("organisation")
        assert award.supplier_ids.split() == [str(link.organisation_id) for link in links]
        assert award.supplier_names == "; ".join(link.organisation.name for link in links)
