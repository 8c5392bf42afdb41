"""Writes of the awards subject: the search keys and the cached summaries they feed."""
