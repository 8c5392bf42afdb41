#!/usr/bin/env python
"""`make bench`: run every bench/bench_*.py against a fresh PostgreSQL database.

DATABASE_URL must point at PostgreSQL (the limits measured — COPY, raw SQL — are
PostgreSQL's). A database named bench_<name> is created for the run and dropped after it,
so no real data is touched. Usage: bench/run.py [name-substring …] [--keep] [--reuse]
(--reuse: keep an existing bench database and its data, e.g. the million synthetic awards).
"""

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings.bench"


def main(argv: list[str]) -> int:
    import django

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        print(
            "make bench measures PostgreSQL: set DATABASE_URL=postgres://… (e.g. postgres://postgres@127.0.0.1:5432/tracker)"
        )
        return 2
    django.setup()
    from django.db import connection

    keep = "--keep" in argv or "--reuse" in argv
    reuse = "--reuse" in argv
    wanted = [arg for arg in argv if not arg.startswith("--")]
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    modules = [m for m in modules if not wanted or any(w in m for w in wanted)]
    connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=reuse, serialize=False
    )
    try:
        for name in modules:
            print(f"# {name}", flush=True)
            importlib.import_module(f"bench.{name}").run()
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
