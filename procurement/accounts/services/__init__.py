"""Writes of the accounts subject: memberships and the calendar-feed token."""
