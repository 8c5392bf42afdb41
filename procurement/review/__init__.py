"""Reviewers' decisions on processes, awards and contracts, and suggested corrections."""
