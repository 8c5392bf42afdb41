"""Open Contracting Data Standard 1.1: the schema shipped with the project, export and import."""
