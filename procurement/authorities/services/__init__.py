"""Writes of the authorities on record: registers, proposals and their review, contacts."""
