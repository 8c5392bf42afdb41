"""Helpers of the FOI tests: laws and calendars from the shipped reference data (no
database), and requests built through the workflow services."""
