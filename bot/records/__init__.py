"""Student records: CSV import, audited reads and the ``python -m bot records`` commands."""
