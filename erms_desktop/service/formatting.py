"""UK date formats used everywhere a date is shown (dd/mm/yyyy, 24-hour clock)."""

from __future__ import annotations

from datetime import date, datetime


def uk_date(value: date | None, *, missing: str = "never") -> str:
    if value is None:
        return missing
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def uk_datetime(value: datetime | None, *, missing: str = "never") -> str:
    if value is None:
        return missing
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{uk_date(local)} {local.hour:02d}:{local.minute:02d}"
