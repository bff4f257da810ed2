"""Test helpers: real servers (Rasa, actions, web, Redis, PostgreSQL) started and stopped for
the tests, and clients that talk to them as a learner, a browser or an advisor would."""
