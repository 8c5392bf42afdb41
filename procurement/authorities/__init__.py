"""Every authority on record: the registers of public authorities per jurisdiction (loaded by
`manage.py import_authorities`), editors' proposals of missing ones and their review, and the
contact facts requests need (FOI e-mail, postal address, whether the address is suspect)."""
