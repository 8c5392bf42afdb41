"""A contract's value over its release history: as signed, and after each amendment."""

from procurement.models import ValueStatus

from .data import AmendmentData
from .fields import UNDISCLOSED, clip, money, to_date


def amendment_key(amendment: dict, index: int) -> str:
    return clip(amendment.get("id"), 200) or f"#{index}"


def value_history(
    contract_id: str, compiled_contract: dict, history: list[dict], path: str
) -> tuple[dict, list[AmendmentData]]:
    """The value as signed (the first release that shows the contract), and each amendment
    with the contract value after it: the value in the release that added the amendment.
    A value change without an amendment entry becomes an amendment of its own."""
    signed: dict | None = None
    value_after: dict[str, dict] = {}
    extra: list[AmendmentData] = []
    last: dict | None = None
    for release in sorted(history, key=lambda r: str(r.get("date") or "")):
        contract = next(
            (
                c
                for c in release.get("contracts") or []
                if isinstance(c, dict) and str(c.get("id")) == contract_id
            ),
            None,
        )
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
        if signed is None:
            signed = value
        elif not added and value != last and value["value_status"] == ValueStatus.DISCLOSED:
            extra.append(
                AmendmentData(
                    ocds_id=clip(f"release:{release.get('id')}", 200),
                    amended_on=to_date(release.get("date")),
                    rationale="",
                    description=f"Value changed in release {release.get('id')}",
                    value=value,
                )
            )
        last = value
    amendments = [
        AmendmentData(
            ocds_id=(key := amendment_key(amendment, index)),
            amended_on=to_date(amendment.get("date")),
            rationale=str(amendment.get("rationale") or ""),
            description=str(amendment.get("description") or ""),
            value=value_after.get(key, dict(UNDISCLOSED)),
        )
        for index, amendment in enumerate(compiled_contract.get("amendments") or [])
        if isinstance(amendment, dict)
    ]
    return signed or money(compiled_contract.get("value"), f"{path}.value"), amendments + extra
