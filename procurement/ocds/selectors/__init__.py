"""Reads for OCDS: processes to export, import runs to show."""
