"""Search and browse indexes for the public award history (issue 4).

PostgreSQL only (no-ops on SQLite): the pg_trgm extension; a stored tsvector column
`search_vector` generated from the folded `search_document` (not a Django field: the database
keeps it current on every write, bulk COPY included) with a GIN index for full text and
ranking; trigram GIN indexes on the folded organisation and agreement keys ("did you mean").

Both backends: expression indexes that serve the keyset sorts (date and value, newest and
largest first, undisclosed and undated last) within a review status.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE procurement_award ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('simple', search_document)) STORED""",
    "CREATE INDEX award_search_vector_gin ON procurement_award USING gin (search_vector)",
    """CREATE INDEX organisation_search_key_trgm ON procurement_organisation
       USING gin (search_key gin_trgm_ops)""",
    """CREATE INDEX agreement_search_key_trgm ON procurement_agreement
       USING gin (search_key gin_trgm_ops)""",
    "CREATE INDEX awardsupplier_organisation_award ON procurement_awardsupplier (organisation_id, award_id)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS awardsupplier_organisation_award",
    "DROP INDEX IF EXISTS agreement_search_key_trgm",
    "DROP INDEX IF EXISTS organisation_search_key_trgm",
    "DROP INDEX IF EXISTS award_search_vector_gin",
    "ALTER TABLE procurement_award DROP COLUMN IF EXISTS search_vector",
]

# The same expressions as procurement.selectors.keyset.SORTS (a date/amount nobody disclosed
# sorts last); the planner uses an expression index only for an identical expression.
SORT_INDEXES = {
    "award_sort_date": "review_status, COALESCE(award_date, {date_min}) DESC, id DESC",
    "award_sort_value": "review_status, COALESCE(value_amount, -1) DESC, id DESC",
    "award_buyer_sort_date": "buyer_id, COALESCE(award_date, {date_min}) DESC, id DESC",
    "award_agreement_sort_date": "agreement_id, COALESCE(award_date, {date_min}) DESC, id DESC",
}
DATE_MIN = {"postgresql": "'0001-01-01'::date", "sqlite": "'0001-01-01'"}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    for name, columns in SORT_INDEXES.items():
        columns = columns.format(date_min=DATE_MIN.get(vendor, "'0001-01-01'"))
        schema_editor.execute(f"CREATE INDEX {name} ON procurement_award ({columns})")


def backward(apps, schema_editor):
    for name in SORT_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
