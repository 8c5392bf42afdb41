import os

import pytest

from procurement.foi.services.reference import seed_reference

_skipped: list[str] = []


@pytest.fixture
def reference(db):
    """The jurisdictions, appeal bodies and FOI laws the tracker ships with."""
    seed_reference()


@pytest.fixture
def demo(db):
    """The whole demo dataset, with the demo accounts (password 'demo-password')."""
    from procurement.demo.services import load_demo

    load_demo(with_users=True, password="demo-password")


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    # CI runs against the real PostgreSQL and Redis: there a skipped test would hide a gap.
    if os.environ.get("TRACKER_FORBID_SKIPS") and _skipped:
        print(f"\n{len(_skipped)} test(s) skipped where skips are forbidden:")
        for nodeid in _skipped:
            print("  ", nodeid)
        session.exitstatus = 1


@pytest.fixture
def celery_worker(transactional_db, tmp_path):
    """A real Celery worker on the configured broker (Redis in CI, the SQLite transport by
    default), connected to the test database. Data must be committed for it to see it."""
    from tests.processes import CeleryProcess

    worker = CeleryProcess("worker", tmp_path, "--pool=prefork", "--concurrency=1").start()
    yield worker
    worker.stop()


@pytest.fixture
def people(db):
    """Two civil-society organisations and one person in every role the access rules know:
    member / editor / admin of A, member of B, a reviewer and staff (members of nothing)."""
    from tests.people import make_people

    return make_people()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a fresh directory of this test, not to var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def pytest_sessionstart(session):
    """The catalogues compiled (Babel; only those changed): `make test` does it first too."""
    from django.core.management import call_command

    call_command("compilemessages", verbosity=0)


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request activates its reader's language in the thread the test client runs in: each
    test starts (and leaves) with none, i.e. English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages live in the cache: each test starts with none.
    (On Redis, clear() deletes this run's KEY_PREFIX only: tracker.cache.FailOpenRedisCache.)"""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_rates(monkeypatch):
    """Set the API throttle rates for one test: DRF reads them once, into a class attribute,
    so overriding the setting alone would not reach the throttles (restored afterwards)."""
    from procurement.api.throttling import AnonymousAddressThrottle, SignedInUserThrottle

    def set_rates(*, anon: str = "120/minute", user: str = "600/minute") -> None:
        for throttle in (AnonymousAddressThrottle, SignedInUserThrottle):
            monkeypatch.setattr(throttle, "THROTTLE_RATES", {"anon": anon, "user": user})

    return set_rates
