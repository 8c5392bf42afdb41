"""A contract's value over its release history, and the amendments its publisher made.

Only an `amendments[]` entry is an amendment. A later release that states another value
without one (Mexico City re-publishes contracts with their full-term value) gives the
contract a new value with that release as its source: the tracker never invents an
amendment the publisher did not make (R064 and R069 read amendments).
"""

from procurement.models import ValueStatus

from .data import AmendmentData
from .fields import UNDISCLOSED, clip, money, timestamps, to_date


def amendment_key(amendment: dict, index: int) -> str:
    return clip(amendment.get("id"), 200) or f"#{index}"


def _in(release: dict, contract_id: str) -> dict | None:
    return next(
        (
            c
            for c in release.get("contracts") or []
            if isinstance(c, dict) and str(c.get("id")) == contract_id
        ),
        None,
    )


def value_history(
    contract_id: str, compiled_contract: dict, history: list[dict], path: str
) -> tuple[dict, str, list[AmendmentData]]:
    """The contract's value, the release it comes from ("" for the first that showed the
    contract), and each amendment with the contract value after it: the value in the release
    that added it. A value changed without an amendment entry replaces the contract's value
    (before any amendment) or the last amendment's value (after one)."""
    current: dict | None = None
    source = ""
    value_after: dict[str, dict] = {}
    last: dict | None = None
    last_key: str | None = None
    for release in sorted(history, key=lambda r: str(r.get("date") or "")):
        contract = _in(release, contract_id)
        if contract is None:
            continue
        value = money(contract.get("value"), f"{path}.value") if "value" in contract else last
        value = value or dict(UNDISCLOSED)
        added = [
            key
            for index, amendment in enumerate(contract.get("amendments") or [])
            if (key := amendment_key(amendment, index)) not in value_after
        ]
        for key in added:
            value_after[key] = value
        if current is None:
            current = value
        elif not added and value != last and value["value_status"] == ValueStatus.DISCLOSED:
            if last_key is None:
                current, source = value, clip(release.get("id"), 200)
            else:
                value_after[last_key] = value
        last_key = added[-1] if added else last_key
        last = value
    amendments = [
        AmendmentData(
            ocds_id=(key := amendment_key(amendment, index)),
            amended_on=to_date(amendment.get("date")),
            rationale=str(amendment.get("rationale") or ""),
            description=str(amendment.get("description") or ""),
            value=value_after.get(key, dict(UNDISCLOSED)),
            times=timestamps(date=amendment.get("date")),
        )
        for index, amendment in enumerate(compiled_contract.get("amendments") or [])
        if isinstance(amendment, dict)
    ]
    if current is None:
        current = money(compiled_contract.get("value"), f"{path}.value")
    return current, source, amendments
