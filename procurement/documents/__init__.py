"""Uploaded documents: typed by content, stored once per SHA-256, served as the record allows."""
