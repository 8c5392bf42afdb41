"""Writes go through services (one module per subject); reads go through selectors."""
