"""The public award history: search, browse, exports, charts and organisation pages."""
