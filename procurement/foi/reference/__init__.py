"""Reference data the tracker ships with (jurisdictions, FOI laws); loaded by `seed_reference`."""
