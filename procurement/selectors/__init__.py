"""Reads: querysets with visibility decided here, never in views, filters or templates."""
