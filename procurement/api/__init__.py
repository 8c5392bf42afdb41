"""The read-only REST API (Django REST framework); each area keeps its own URL module."""
