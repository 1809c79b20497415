"""UK formats used everywhere a date or sum of money is shown or typed (dd/mm/yyyy, 24-hour
clock, pounds and pence)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from erms_desktop.domain.errors import InvalidValueError

_MONEY = re.compile(r"£?\s*(\d{1,6})(?:\.(\d{1,2}))?")


def uk_date(value: date | None, *, missing: str = "never") -> str:
    if value is None:
        return missing
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def uk_datetime(value: datetime | None, *, missing: str = "never") -> str:
    if value is None:
        return missing
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{uk_date(local)} {local.hour:02d}:{local.minute:02d}"


def pence_from_pounds(text: str) -> int:
    """Money as people type it - "£3.40", "3.4", "3" - in pence; anything else (a third decimal
    place, a minus sign, letters) is refused rather than guessed."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return 0
    match = _MONEY.fullmatch(cleaned)
    if match is None:
        raise InvalidValueError("type the cost in pounds and pence, like 3.40")
    return int(Decimal(f"{match[1]}.{match[2] or '0'}") * 100)


def pounds(pence: int) -> str:
    return f"£{pence // 100:,}.{pence % 100:02d}"
