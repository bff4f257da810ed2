"""Integration tests: the domain layer against a real PostgreSQL server the tests start (tests/support/postgres.py)."""
