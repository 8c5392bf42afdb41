"""A million synthetic awards with realistic names in both scripts, loaded with COPY.

Buyers are cities, municipalities, ministries and public companies of the six jurisdictions
(Serbian and Macedonian ones written in Cyrillic or Latin, titles in inflected forms:
"u Beogradu", "града Ниша"); suppliers are local companies (some with a Cyrillic alias) and
a few foreign groups (Huawei with its national subsidiaries, Хуавеј as an alias). Search
keys are folded in Python exactly as the services fold them. Indexes are dropped during the
load and rebuilt after it, as a bulk import would.
"""

import io
import random
import time
from datetime import date, timedelta

from django.db import connection

from procurement.awards.services.search_keys import supplier_columns
from procurement.core.folding import fold, fold_all

SEED = 20_260_411
NOW = "2025-06-01 12:00:00+00"
# Clear of the rows other benchmarks (the demo dataset) put in the same database.
FIRST_ID = 100_000
AGREEMENT_IDS = 10_000

CITIES = {
    "RS": [
        ("Beograd", "Beogradu", "Београд", "Београду"),
        ("Niš", "Nišu", "Ниш", "Нишу"),
        ("Novi Sad", "Novom Sadu", "Нови Сад", "Новом Саду"),
        ("Kragujevac", "Kragujevcu", "Крагујевац", "Крагујевцу"),
        ("Subotica", "Subotici", "Суботица", "Суботици"),
        ("Čačak", "Čačku", "Чачак", "Чачку"),
    ],
    "MK": [
        ("Skopje", "Skopje", "Скопје", "Скопје"),
        ("Bitola", "Bitola", "Битола", "Битола"),
        ("Ohrid", "Ohrid", "Охрид", "Охрид"),
    ],
    "BA": [
        ("Sarajevo", "Sarajevu", "Сарајево", "Сарајеву"),
        ("Banja Luka", "Banjoj Luci", "Бања Лука", "Бањој Луци"),
        ("Tuzla", "Tuzli", "Тузла", "Тузли"),
    ],
    "ME": [("Podgorica", "Podgorici", "Подгорица", "Подгорици"), ("Bar", "Baru", "Бар", "Бару")],
    "AL": [("Tirana", "Tiranë", "Тирана", "Тирани"), ("Durrës", "Durrës", "Драч", "Драчу")],
    "XK": [
        ("Prishtinë", "Prishtinë", "Приштина", "Приштини"),
        ("Gjakovë", "Gjakovë", "Ђаковица", "Ђаковици"),
    ],
}
COUNTRY_WEIGHTS = {"RS": 60, "BA": 12, "MK": 10, "ME": 7, "AL": 6, "XK": 5}
CYRILLIC_COUNTRIES = {"RS", "MK", "BA", "ME"}
SURNAMES = [
    "Petrović",
    "Јовановић",
    "Nikolić",
    "Ђорђевић",
    "Ćulibrk",
    "Стојановић",
    "Marković",
    "Илић",
    "Pavlović",
    "Живковић",
    "Tomić",
    "Милошевић",
    "Hoxha",
    "Krasniqi",
    "Berisha",
    "Kovačević",
    "Шапоњић",
    "Đukić",
    "Radović",
    "Вујовић",
]
SUFFIXES = ["d.o.o.", "Inženjering", "Телеком", "Sistemi", "Градња", "Tech", "Energo", "Инвест"]
FOREIGN = [
    ("Huawei Technologies Co., Ltd.", "CN", ["Хуавеј", "Huawei"]),
    ("ZTE Corporation", "CN", ["ЗТЕ"]),
    ("Hikvision", "CN", ["Хиквижн"]),
    ("Dahua Technology", "CN", ["Дахуа"]),
    ("Ericsson", "SE", ["Ериксон"]),
    ("Nokia", "FI", ["Нокиа"]),
    ("Siemens", "DE", ["Сименс"]),
]
WHAT = [
    ("nabavka kamera za video nadzor", "набавка камера за видео надзор", "surveillance"),
    ("izgradnja optičke mreže", "изградња оптичке мреже", "telecom"),
    ("oprema za data centar", "опрема за дата центар", "data_centre"),
    ("rekonstrukcija puta", "реконструкција пута", "transport"),
    ("pametni grad: senzori i platforma", "паметни град: сензори и платформа", "smart_city"),
    ("sanacija vodovoda", "санација водовода", "water"),
    ("solarna elektrana", "соларна електрана", "energy"),
]
METHODS = [("open", 45), ("direct", 25), ("limited", 10), ("selective", 5), ("", 15)]
SECTOR_LABELS = {
    "surveillance": "surveillance / Safe City",
    "telecom": "telecommunications",
    "data_centre": "data centre / cloud",
    "transport": "transport",
    "smart_city": "Smart City",
    "water": "water and wastewater",
    "energy": "energy",
}
CURRENCY = {"RS": "RSD", "MK": "MKD", "BA": "BAM", "ME": "EUR", "AL": "ALL", "XK": "EUR"}


def _pick(weighted: list[tuple[str, int]], rng: random.Random) -> str:
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


class _Copy:
    """Tab-separated rows for one table, sent as COPY … FROM STDIN statements (one COPY at a
    time per connection: several tables are filled chunk by chunk, in turn)."""

    def __init__(self, cursor, table: str, columns: list[str]) -> None:
        self.cursor, self.table, self.columns = cursor, table, columns
        self.buffer = io.StringIO()

    def __enter__(self):
        return self

    def row(self, *values) -> None:
        self.buffer.write("\t".join(r"\N" if v is None else str(v) for v in values) + "\n")

    def flush(self) -> None:
        text = self.buffer.getvalue()
        if text:
            statement = f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN"
            with self.cursor.copy(statement) as copy:
                copy.write(text)
        self.buffer = io.StringIO()

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()


def _organisations(cursor, rng: random.Random) -> dict:
    """Buyers per country, local suppliers, foreign groups with subsidiaries; with keys."""
    orgs: dict = {
        "buyers": {c: [] for c in CITIES},
        "suppliers": [],
        "groups": {},
        "keys": {},
        "names": {},
    }
    next_id = 1_000_000
    rows, aliases = [], []

    def add(name, kind, country, parent=None, alias=None):
        nonlocal next_id
        next_id += 1
        key = fold_all(name, *(alias or []))
        rows.append((next_id, name, kind, country, key, parent))
        for a in alias or []:
            aliases.append((next_id, a, "cyrl" if fold(a) != a.lower() else "latn"))
        orgs["keys"][next_id] = key
        orgs["names"][next_id] = name
        return next_id

    for country, cities in CITIES.items():
        for latin, _loc, cyrillic, _cloc in cities:
            cyr = country in CYRILLIC_COUNTRIES
            for prefix, cyr_prefix in [
                ("Grad", "Град"),
                ("Opština", "Општина"),
                ("JKP Vodovod", "ЈКП Водовод"),
                ("Dom zdravlja", "Дом здравља"),
            ]:
                for part in range(12):
                    suffix = f" {part + 1}" if part else ""
                    name = (
                        f"{cyr_prefix} {cyrillic}{suffix}"
                        if cyr and part % 2
                        else f"{prefix} {latin}{suffix}"
                    )
                    orgs["buyers"][country].append(add(name, "public_authority", country))
        for ministry in [
            "Ministarstvo unutrašnjih poslova",
            "Министарство здравља",
            "Ministarstvo finansija",
            "Telekom",
        ]:
            orgs["buyers"][country].append(
                add(f"{ministry} ({country})", "public_authority", country)
            )
    for i in range(2000):
        country = _pick(list(COUNTRY_WEIGHTS.items()), rng)
        name = f"{rng.choice(SURNAMES)} {rng.choice(SUFFIXES)} {i}"
        alias = [f"{rng.choice(SURNAMES)} {i}"] if i % 3 == 0 else None
        orgs["suppliers"].append(add(name, "company", country, alias=alias))
    for name, country, alias in FOREIGN:
        parent = add(name, "company", country, alias=alias)
        members = [parent]
        for sub_country in COUNTRY_WEIGHTS:
            members.append(
                add(
                    f"{name.split(' ')[0]} {sub_country} d.o.o.",
                    "company",
                    sub_country,
                    parent=parent,
                )
            )
        orgs["groups"][parent] = members
    with _Copy(
        cursor,
        "procurement_organisation",
        [
            "id",
            "name",
            "kind",
            "country",
            "website",
            "description",
            "search_key",
            "reminder_lead_days",
            "created_at",
            "updated_at",
            "parent_id",
            "foi_email",
            "foi_email_suspect",
            "foi_email_suspect_reason",
            "authority_type",
            "postal_address",
            "source_url",
            "register_status",
            "grammatical_gender",
        ],
    ) as copy:
        for oid, name, kind, country, key, parent in rows:
            register = ("", "f", "", "", "", "", "confirmed", "")
            copy.row(oid, name, kind, country, "", "", key, 3, NOW, NOW, parent, *register)
    with _Copy(
        cursor, "procurement_organisationalias", ["name", "script", "language", "organisation_id"]
    ) as copy:
        for oid, name, script in aliases:
            copy.row(name, script, "", oid)
    orgs["parent_of"] = {m: p for p, ms in orgs["groups"].items() for m in ms if m != p}
    return orgs


def _agreements(cursor) -> dict[int, str]:
    keys = {}
    with _Copy(
        cursor,
        "procurement_agreement",
        [
            "id",
            "title",
            "short_title",
            "kind",
            "signed_on_precision",
            "ratification_reference",
            "exempts_procurement",
            "exemption_reference",
            "exemption_text",
            "description",
            "search_key",
            "created_at",
            "updated_at",
        ],
    ) as copy:
        for i in range(AGREEMENT_IDS, AGREEMENT_IDS + 40):
            title = f"Strategic Agreement on Infrastructural Cooperation no. {i}"
            keys[i] = fold_all(title)
            copy.row(
                i,
                title,
                f"Agreement {i}",
                "intergovernmental",
                "year",
                "",
                "t",
                "Art. 12",
                "Exempts projects.",
                "",
                keys[i],
                NOW,
                NOW,
            )
    return keys


def load(total: int = 1_000_000) -> dict:
    """Load `total` awards (one process each) and their suppliers; returns load timings."""
    rng = random.Random(SEED)
    timings = {}
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("SET session_replication_role = replica")  # no FK triggers in bulk
        dropped = _drop_indexes(cursor)
        try:
            started = time.perf_counter()
            orgs = _organisations(cursor, rng)
            agreements = _agreements(cursor)
            _processes_and_awards(cursor, rng, orgs, agreements, total)
            timings["copy_s"] = time.perf_counter() - started
            started = time.perf_counter()
            add_red_flags(cursor, total)
            timings["flags_s"] = time.perf_counter() - started
        finally:
            # Rebuilt even when a load fails: a later `--reuse` run must not measure a
            # database left without its indexes.
            started = time.perf_counter()
            for statement in dropped:
                cursor.execute(statement)
            timings["index_s"] = time.perf_counter() - started
        cursor.execute("SET session_replication_role = origin")
        for table in [
            "procurement_organisation",
            "procurement_award",
            "procurement_procurementprocess",
            "procurement_awardsupplier",
            "procurement_agreement",
        ]:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cursor.execute("VACUUM (ANALYZE) procurement_award")
        cursor.execute("ANALYZE")
    return timings


# Synthetic indicators, as the red-flag rules would raise them: R018 (single bid) on a quarter
# of the open and selective processes, R069 (contract price increased) on one award in 13,
# X001 (exempted by an agreement) on every award made under one.
FLAG_SQL = [
    """INSERT INTO procurement_redflag (key, code, rule_version, process_id, country, inputs,
    computed_at) SELECT 'R018:process:' || id, 'R018', 'bench', id, country,
    '{"method": "open", "number_of_tenderers": 1}', now() FROM procurement_procurementprocess
    WHERE method IN ('open', 'selective') AND id %% 4 = 0""",
    """INSERT INTO procurement_redflag (key, code, rule_version, process_id, award_id,
    country, inputs, computed_at) SELECT 'R069:award:' || id, 'R069', 'bench', process_id, id,
    country, '{"first": {"amount": "100", "currency": "EUR"}, "last": {"amount": "150",
    "currency": "EUR"}}', now() FROM procurement_award WHERE id %% 13 = 0""",
    """INSERT INTO procurement_redflag (key, code, rule_version, process_id, award_id,
    country, inputs, computed_at) SELECT 'X001:award:' || id, 'X001', 'bench', process_id, id,
    country, '{}', now() FROM procurement_award WHERE legal_basis = 'agreement'""",
]


def add_red_flags(cursor, total: int, batch: int = 50_000) -> None:
    """The synthetic flags, then each award's public codes through the red-flag service's own
    writer (refresh_award_codes), batch by batch of processes."""
    from procurement.redflags.selectors.facts import Batch
    from procurement.redflags.services import refresh_award_codes

    for statement in FLAG_SQL:
        cursor.execute(statement.replace("%%", "%"))
    cursor.execute("ANALYZE procurement_redflag")
    for low in range(FIRST_ID, FIRST_ID + total, batch):
        refresh_award_codes(Batch(low=low, high=low + batch - 1))


def _drop_indexes(cursor) -> list[str]:
    """Drop the secondary indexes of the big tables; return the statements that rebuild them."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
        "('procurement_award', 'procurement_procurementprocess', 'procurement_awardsupplier') "
        "AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
    )
    rows = cursor.fetchall()
    for name, _definition in rows:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in rows]


def _processes_and_awards(cursor, rng, orgs, agreements, total) -> None:
    award_columns = [
        "id",
        "value_status",
        "value_amount",
        "value_currency",
        "value_is_approximate",
        "review_status",
        "published_at",
        "title",
        "description",
        "status",
        "award_date",
        "award_date_precision",
        "legal_basis",
        "legal_basis_note",
        "confidentiality",
        "classification_level",
        "country",
        "method",
        "sector",
        "search_document",
        "supplier_names",
        "supplier_ids",
        "red_flag_codes",
        "ocds_id",
        "created_at",
        "updated_at",
        "agreement_id",
        "buyer_id",
        "process_id",
        "ocds_times",
    ]
    process_columns = [
        "id",
        "value_status",
        "value_currency",
        "value_is_approximate",
        "review_status",
        "published_at",
        "ocid",
        "country",
        "title",
        "description",
        "sector",
        "main_category",
        "method",
        "method_details",
        "method_rationale",
        "status",
        "created_at",
        "updated_at",
        "buyer_id",
        "language",
        "ocds_times",
    ]
    countries = list(COUNTRY_WEIGHTS.items())
    groups = list(orgs["groups"].values())
    start_day = date(2005, 1, 1)
    with (
        _Copy(cursor, "procurement_procurementprocess", process_columns) as processes,
        _Copy(cursor, "procurement_award", award_columns) as awards,
        _Copy(
            cursor, "procurement_awardsupplier", ["note", "award_id", "organisation_id"]
        ) as links,
    ):
        for pk in range(FIRST_ID, FIRST_ID + total):
            country = _pick(countries, rng)
            _latin, locative, _cyrillic, cyr_locative = rng.choice(CITIES[country])
            what_latin, what_cyr, sector = rng.choice(WHAT)
            cyr = country in CYRILLIC_COUNTRIES and rng.random() < 0.4
            title = (
                f"{what_cyr} у {cyr_locative}" if cyr else f"{what_latin} u {locative}".capitalize()
            )
            buyer = rng.choice(orgs["buyers"][country])
            method = _pick(METHODS, rng)
            if rng.random() < 0.12:
                suppliers = [rng.choice(rng.choice(groups))]
            else:
                suppliers = [rng.choice(orgs["suppliers"])]
            if rng.random() < 0.08:
                suppliers.append(rng.choice(orgs["suppliers"]))
            suppliers = list(dict.fromkeys(suppliers))
            agreement = (
                rng.randint(AGREEMENT_IDS, AGREEMENT_IDS + 39)
                if method == "direct" and rng.random() < 0.5
                else None
            )
            basis = "agreement" if agreement else ("procurement_law" if method else "grant")
            ocid = f"ocds-bench1-{country}-{pk}"
            disclosed = rng.random() < 0.85
            amount = f"{rng.randint(1_000, 50_000_000)}.00" if disclosed else None
            day = start_day + timedelta(days=rng.randint(0, 7300))
            review = "published" if rng.random() < 0.97 else "unverified"
            document = fold_all(
                title,
                ocid,
                orgs["keys"][buyer],
                *(orgs["keys"][s] for s in suppliers),
                *(orgs["keys"][orgs["parent_of"][s]] for s in suppliers if s in orgs["parent_of"]),
                agreements[agreement] if agreement else "",
                SECTOR_LABELS[sector],
            )
            processes.row(
                pk,
                "undisclosed",
                "",
                "f",
                review,
                NOW if review == "published" else None,
                ocid,
                country,
                title,
                "",
                sector,
                "",
                method,
                "",
                "",
                "complete",
                NOW,
                NOW,
                buyer,
                "",
                "{}",
            )
            listed = supplier_columns([(s, orgs["names"][s]) for s in suppliers])
            awards.row(
                pk,
                "disclosed" if disclosed else "undisclosed",
                amount,
                CURRENCY[country] if disclosed else "",
                "f",
                review,
                NOW if review == "published" else None,
                title,
                "",
                "active",
                day,
                "day",
                basis,
                "",
                "public",
                "",
                country,
                method,
                sector,
                document,
                listed["supplier_names"],
                listed["supplier_ids"],
                "",  # red_flag_codes: written by the red-flag service (add_red_flags)
                "",
                NOW,
                NOW,
                agreement,
                buyer,
                pk,
                "{}",
            )
            for supplier in suppliers:
                links.row("", pk, supplier)
            if pk % 50_000 == 0:  # parents before children: processes, awards, links
                processes.flush()
                awards.flush()
                links.flush()
