"""The project's web service: the student-services site and the advisor console (Sanic)."""
