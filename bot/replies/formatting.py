"""Amounts and numbers as a reply writes them."""

from __future__ import annotations

from decimal import Decimal


def money(amount: Decimal, currency: str) -> str:
    if amount == 0:
        return "free"
    whole = amount == amount.to_integral_value()
    symbol = "$" if currency == "USD" else f"{currency} "
    return f"{symbol}{amount:,.0f}" if whole else f"{symbol}{amount:,.2f}"


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
