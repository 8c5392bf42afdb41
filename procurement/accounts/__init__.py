"""Accounts and organisation membership: invitations, roles, a user's own calendar feed."""
