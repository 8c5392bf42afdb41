"""Award.supplier_ids: the suppliers' organisation ids beside their names, filled from the
supplier links in link order (issue 17: the supplier facet without a join per link)."""

from django.db import migrations, models

POSTGRESQL = """UPDATE procurement_award a SET supplier_ids = s.ids
FROM (SELECT award_id, string_agg(organisation_id::text, ' ' ORDER BY id) AS ids
      FROM procurement_awardsupplier GROUP BY award_id) s
WHERE s.award_id = a.id"""

# SQLite's group_concat keeps the order of its input rows.
SQLITE = """UPDATE procurement_award SET supplier_ids = COALESCE((
  SELECT group_concat(organisation_id, ' ') FROM (
    SELECT organisation_id FROM procurement_awardsupplier
    WHERE award_id = procurement_award.id ORDER BY id)
), '')"""


def fill(apps, schema_editor):
    statement = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0017_organisation_country_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="award",
            name="supplier_ids",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
