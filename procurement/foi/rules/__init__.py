"""Pure FOI rules: no database, no clock (today and the closed days are passed in)."""
