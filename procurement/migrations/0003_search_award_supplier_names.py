"""Award.supplier_names: the suppliers' names as written, for lists and the CSV export (issue 4).

Filled here for existing awards; afterwards services.search_keys.refresh_awards keeps it.
"""

from django.db import migrations, models

FILL_POSTGRES = """
UPDATE procurement_award AS a SET supplier_names = s.names
FROM (
    SELECT l.award_id, string_agg(o.name, '; ' ORDER BY l.id) AS names
    FROM procurement_awardsupplier AS l
    JOIN procurement_organisation AS o ON o.id = l.organisation_id
    GROUP BY l.award_id
) AS s
WHERE s.award_id = a.id
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_POSTGRES)  # one set-based statement, for large tables
        return
    Award = apps.get_model("procurement", "Award")
    AwardSupplier = apps.get_model("procurement", "AwardSupplier")
    names: dict[int, list[str]] = {}
    links = AwardSupplier.objects.order_by("award_id", "id").values_list(
        "award_id", "organisation__name"
    )
    for award_id, name in links.iterator(chunk_size=2000):
        names.setdefault(award_id, []).append(name)
    batch = []
    for award_id, joined in names.items():
        batch.append(Award(pk=award_id, supplier_names="; ".join(joined)))
        if len(batch) == 1000:
            Award.objects.bulk_update(batch, ["supplier_names"])
            batch = []
    Award.objects.bulk_update(batch, ["supplier_names"])


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="award",
            name="supplier_names",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="historicalaward",
            name="supplier_names",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
