"""Student records: CSV import, audited reads, progress towards a credential computed from
them, and the ``python -m bot records`` commands."""
