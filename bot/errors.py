"""Errors every layer may raise for the command line to print without a traceback."""

from __future__ import annotations


class CommandError(Exception):
    """A failure the user can fix; printed without a traceback."""
