"""Reads of the red-flag subject: the facts the rules take, the flags stored."""
