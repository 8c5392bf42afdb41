"""Reads of the awards subject: only published records reach the public."""
