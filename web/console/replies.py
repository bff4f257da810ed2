"""JSON replies and request bodies shared by the console's handlers."""

from __future__ import annotations

from sanic import Request
from sanic.exceptions import InvalidUsage
from sanic.response import HTTPResponse, json


class BadRequest(Exception):
    """The request body is not what the handler needs; the message says what is."""


def error(status: int, message: str) -> HTTPResponse:
    return json({"error": message}, status=status)


def body(request: Request, *fields: str) -> dict:
    """The request's JSON object, with each of ``fields`` present as a non-empty string.

    Its Content-Type is application/json: ``guard`` refused the request otherwise."""
    try:
        data = request.json
    except InvalidUsage:
        raise BadRequest("the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadRequest("the request body must be a JSON object")
    missing = [f for f in fields if not isinstance(data.get(f), str) or not data[f].strip()]
    if missing:
        raise BadRequest(f"missing {', '.join(missing)}")
    return data
