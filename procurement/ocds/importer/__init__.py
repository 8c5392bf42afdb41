"""OCDS import: reading (streams of releases from any packaging), validating (schema, fast),
fields/data/mapping/amendments/sectors (pure: a compiled release as the tracker's rows),
parties (matching organisations and agreements), upsert/writing (set-based batch writes),
session (one pass over one file, with its report). The service is
procurement.ocds.services; the interfaces are `manage.py import_ocds` and /imports/.
"""
