"""The status page while the stack starts, and the favicon every page names."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from procurement.core import views
from procurement.models import TaskHeartbeat

pytestmark = pytest.mark.django_db


def test_status_says_starting_during_the_first_heartbeat_interval(client, monkeypatch, settings):
    settings.HEARTBEAT_SECONDS = 60
    monkeypatch.setattr(views, "STARTED_AT", timezone.now())
    html = client.get(reverse("status")).content.decode()
    assert 'data-state="starting"' in html and "is the worker" not in html
    # Past the first interval (and its margin) with no heartbeat: the question is asked.
    monkeypatch.setattr(views, "STARTED_AT", timezone.now() - timedelta(seconds=121))
    html = client.get(reverse("status")).content.decode()
    assert 'data-state="silent"' in html and "is the worker (and beat) running?" in html
    TaskHeartbeat.objects.create(name="heartbeat", last_run_at=timezone.now(), runs=1)
    html = client.get(reverse("status")).content.decode()
    assert 'data-runs="1"' in html and "data-state" not in html


def test_every_page_names_a_favicon_that_exists(client):
    html = client.get(reverse("home")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    path = finders.find("procurement/favicon.svg")
    assert path and Path(path).read_text(encoding="utf-8").startswith("<svg")
