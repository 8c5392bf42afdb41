"""The tracker's sector of a process, from the CPV codes of its items (OCDS has no sector).

A small table of CPV prefixes, longest first; anything else is "other" for a reviewer to
refine. Codes are read from tender, award and contract items (classification and
additionalClassifications with scheme CPV).
"""

from procurement.models import Sector

CPV_SECTORS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "32323500": Sector.SURVEILLANCE,  # video-surveillance system
            "35125": Sector.SURVEILLANCE,  # surveillance system
            "3512": Sector.SURVEILLANCE,  # security equipment
            "322": Sector.TELECOM,  # transmission apparatus, telephony
            "3252": Sector.TELECOM,  # telecommunications equipment
            "642": Sector.TELECOM,  # telecommunications services
            "4523": Sector.TRANSPORT,  # roads, highways, railways
            "6000": Sector.TRANSPORT,  # transport services
            "3410": Sector.TRANSPORT,  # motor vehicles
            "4525": Sector.ENERGY,  # power plants
            "0931": Sector.ENERGY,  # electricity
            "651": Sector.WATER,  # water distribution
            "4523224": Sector.WATER,  # sewer works
            "9040": Sector.WATER,  # sewage services
            "4825": Sector.DATA_CENTRE,  # servers software
            "3021": Sector.DATA_CENTRE,  # computers, servers
            "723": Sector.DATA_CENTRE,  # data services
            "7231": Sector.DATA_CENTRE,  # data processing
        }.items(),
        key=lambda item: -len(item[0]),
    )
)


def cpv_codes(release: dict):
    """Every CPV code of the release's items, digits only ("45233130-9" → "45233130")."""
    parts = [release.get("tender") or {}, *(release.get("awards") or [])]
    parts += release.get("contracts") or []
    for part in parts:
        for item in (part.get("items") if isinstance(part, dict) else None) or []:
            if not isinstance(item, dict):
                continue
            for classification in [
                item.get("classification"),
                *(item.get("additionalClassifications") or []),
            ]:
                if isinstance(classification, dict) and classification.get("scheme") == "CPV":
                    yield "".join(
                        ch for ch in str(classification.get("id")).split("-")[0] if ch.isdigit()
                    )


def sector_of(release: dict) -> str:
    """The first item's CPV code that the table knows decides; "other" otherwise."""
    for code in cpv_codes(release):
        for prefix, sector in CPV_SECTORS:
            if code.startswith(prefix):
                return sector
    return Sector.OTHER
