"""Reads of the FOI subject, with visibility decided here."""
