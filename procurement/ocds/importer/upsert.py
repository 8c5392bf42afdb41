"""Natural-key upserts for the import: new rows at COPY speed, changed rows updated with
their history, unchanged rows left alone (so importing the same data twice writes nothing).
"""

from types import SimpleNamespace

from simple_history.utils import bulk_update_with_history

from procurement.core.bulk_insert import REASON, insert

MONEY = ("value_status", "value_amount", "value_currency")
PROCESS_FIELDS = (
    "country",
    "buyer_id",
    "title",
    "description",
    "sector",
    "main_category",
    "method",
    "method_details",
    "method_rationale",
    "status",
    "tender_start",
    "tender_end",
    "number_of_tenderers",
    "language",
    "ocds_times",
    *MONEY,
)
AWARD_FIELDS = (
    "title",
    "description",
    "status",
    "award_date",
    "legal_basis",
    "agreement_id",
    "legal_basis_note",
    "buyer_id",
    "country",
    "method",
    "sector",
    "search_document",
    "supplier_names",
    "supplier_ids",
    "ocds_times",
    *MONEY,
)
CONTRACT_FIELDS = (
    "award_id",
    "title",
    "description",
    "status",
    "signed_on",
    "period_start",
    "period_end",
    "value_source",
    "ocds_times",
    *MONEY,
)
AMENDMENT_FIELDS = ("amended_on", "rationale", "description", "ocds_times", *MONEY)


def upsert(model, existing: dict, wanted: dict, fields: tuple[str, ...], **create_defaults):
    """Insert the wanted rows that do not exist (COPY); update those whose fields changed.
    `wanted` maps a natural key to field values; returns every row by key (new rows as
    namespaces with their values and pk)."""
    rows, changed, new_keys, new_rows = {}, [], [], []
    for key, values in wanted.items():
        row = existing.get(key)
        if row is None:
            new_keys.append(key)
            new_rows.append({**create_defaults, **values})
            continue
        if any(getattr(row, f) != values[f] for f in fields if f in values):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
        rows[key] = row
    for key, values, pk in zip(new_keys, new_rows, insert(model, new_rows), strict=True):
        rows[key] = SimpleNamespace(pk=pk, id=pk, **values)
    if changed:
        bulk_update_with_history(changed, model, list(fields), default_change_reason=REASON)
    return rows
