"""Cached counts and facets of award searches: their version changes on every award write.

Counting and faceting a large result set costs far more than fetching one page, and the
same filters are asked for again and again (links are shared). A summary is cached under
the current version for SUMMARY_SECONDS; `invalidate_search_summaries()` — called by the
award refresh every write path ends with — makes every cached summary stale at once.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

VERSION_KEY = "search-summary:version"


def current_version() -> int:
    try:
        return int(cache.get(VERSION_KEY) or 0)
    except Exception:
        logger.warning("cache unavailable for search summaries", exc_info=True)
        return -1


def invalidate_search_summaries() -> None:
    """Awards changed: cached counts and facets must not be served any more."""
    try:
        cache.add(VERSION_KEY, 0, timeout=None)
        cache.incr(VERSION_KEY)
    except Exception:
        logger.warning("could not invalidate cached search summaries", exc_info=True)
