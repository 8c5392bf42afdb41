"""The countries the published awards hold, read by skipping through an index.

The search form's "Country" and "Supplier's home country" options are the countries in the
data (six and a handful, not 250). `SELECT DISTINCT country` read every published award to
find them — 50 and 70 ms on 200,000 awards, the largest part of a search page computed afresh
after the data changed (issue 17's profile). A recursive query instead asks the index for
the first country after the last one found: one index probe per country present.
Both backends run it (SQLite has recursive CTEs too).
"""

from django.db import connections, router

from procurement.models import Award, AwardSupplier, Organisation, ReviewStatus

_AWARD_COUNTRIES = """WITH RECURSIVE c(v) AS (
  SELECT (SELECT country FROM {award} WHERE review_status = %s ORDER BY country LIMIT 1)
  UNION ALL
  SELECT (SELECT a.country FROM {award} a WHERE a.review_status = %s AND a.country > c.v
          ORDER BY a.country LIMIT 1)
  FROM c WHERE c.v IS NOT NULL
)
SELECT v FROM c WHERE v IS NOT NULL"""

# Every country an organisation is registered in (index on country), kept when one of its
# organisations supplies a published award: one short probe per country.
_SUPPLIER_COUNTRIES = """WITH RECURSIVE c(v) AS (
  SELECT (SELECT country FROM {organisation} ORDER BY country LIMIT 1)
  UNION ALL
  SELECT (SELECT o.country FROM {organisation} o WHERE o.country > c.v
          ORDER BY o.country LIMIT 1)
  FROM c WHERE c.v IS NOT NULL
)
SELECT v FROM c WHERE v IS NOT NULL AND EXISTS (
  SELECT 1 FROM (
    SELECT 1 FROM {organisation} o
    JOIN {link} s ON s.organisation_id = o.id
    JOIN {award} a ON a.id = s.award_id
    WHERE o.country = c.v AND a.review_status = %s
    LIMIT 1
  ) one
)"""
# The LIMIT keeps the probe per country: without it PostgreSQL turns the EXISTS into one
# semi-join over every supplier link (224 ms on 200,000 awards instead of 3).


def _tables() -> dict[str, str]:
    return {
        "award": Award._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "link": AwardSupplier._meta.db_table,
    }


def _codes(statement: str, params: list) -> list[str]:
    with connections[router.db_for_read(Award)].cursor() as cursor:
        cursor.execute(statement.format(**_tables()), params)
        return sorted({str(code) for (code,) in cursor.fetchall() if code})


def published_award_countries() -> list[str]:
    """The country codes of the published awards, sorted."""
    published = ReviewStatus.PUBLISHED.value
    return _codes(_AWARD_COUNTRIES, [published, published])


def published_supplier_countries() -> list[str]:
    """The home countries of the published awards' suppliers, sorted."""
    return _codes(_SUPPLIER_COUNTRIES, [ReviewStatus.PUBLISHED.value])
