"""Each award's public red-flag codes on the award (issue 17): `?red_flag=` as an index lookup.

The column is `CodeSetField` (space-separated sorted codes) on both backends; on PostgreSQL a
GIN index on `string_to_array(red_flag_codes, ' ')` serves `&&` (procurement.models.common).
The existing rows are filled from the flags that are public now, as
procurement.redflags.services.refresh_award_codes writes them from here on.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import Q

import procurement.models.common

PUBLISHED = "published"
CHUNK = 5000


def fill_codes(apps, schema_editor):
    db = schema_editor.connection.alias
    Award = apps.get_model("procurement", "Award")
    RedFlag = apps.get_model("procurement", "RedFlag")
    public = (
        RedFlag.objects.using(db)
        .filter(buyer__isnull=True, process__isnull=False)
        .filter(process__review_status=PUBLISHED)
        .filter(Q(award__isnull=True) | Q(award__review_status=PUBLISHED))
        .filter(Q(contract__isnull=True) | Q(contract__review_status=PUBLISHED))
    )
    own, of_process = defaultdict(set), defaultdict(set)
    rows = public.values_list("award_id", "process_id", "code").iterator(chunk_size=CHUNK)
    for award_id, process_id, code in rows:
        (own[award_id] if award_id else of_process[process_id]).add(code)
    if not own and not of_process:
        return
    flagged = Award.objects.using(db).filter(Q(pk__in=own) | Q(process__in=of_process))
    by_codes = defaultdict(list)
    for pk, process_id in flagged.values_list("pk", "process_id").iterator(chunk_size=CHUNK):
        codes = " ".join(sorted(own.get(pk, set()) | of_process.get(process_id, set())))
        by_codes[codes].append(pk)
    for codes, pks in by_codes.items():
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            Award.objects.using(db).filter(pk__in=chunk).update(red_flag_codes=codes)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX award_red_flag_codes_gin ON procurement_award "
            "USING gin (string_to_array(red_flag_codes, ' '))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS award_red_flag_codes_gin")


class Migration(migrations.Migration):
    dependencies = [("procurement", "0014_law_rules")]

    operations = [
        migrations.AddField(
            model_name="award",
            name="red_flag_codes",
            field=procurement.models.common.CodeSetField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(add_index, drop_index),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
    ]
