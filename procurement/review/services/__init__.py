"""Writes of the review subject: decisions and corrections, each audited."""
