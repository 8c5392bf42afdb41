"""The reviewers' pages and the public correction form."""
