"""The award history's pages: search, exports, charts, organisations, records."""
