"""Record identifiers and the small field checks every entity shares.

Identifiers are client-generated UUIDs, so records can be made offline and synced later.
"""

import uuid
from datetime import date, datetime

from erms_desktop.domain.errors import InvalidValueError


def new_id() -> str:
    """A fresh random identifier for a new record."""
    return str(uuid.uuid4())


def require_id(value: str, what: str) -> None:
    """Refuse an empty or malformed record identifier."""
    try:
        uuid.UUID(value)
    except (ValueError, AttributeError, TypeError) as exc:
        raise InvalidValueError(f"{what} must be a UUID, not {value!r}") from exc


def require_text(value: str, what: str) -> None:
    """Refuse an empty or blank mandatory text field."""
    if not value or not value.strip():
        raise InvalidValueError(f"{what} must not be empty")


def require_items(values: tuple[str, ...], what: str) -> None:
    """Refuse blank or repeated entries in a list of identifiers (phones, aliases, ...)."""
    for value in values:
        require_text(value, what)
    if len({value.strip().casefold() for value in values}) != len(values):
        raise InvalidValueError(f"{what} must not repeat")


def require_aware(value: datetime, what: str) -> None:
    """Refuse a naive timestamp: records travel between devices and the central store, so every
    moment must say which time zone it was taken in."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(f"{what} must carry a time zone")


def require_order(earlier: date | None, later: date | None, what: str) -> None:
    """Refuse two dates (or two timestamps) in the wrong order; a missing one is not checked."""
    if earlier is not None and later is not None and later < earlier:
        raise InvalidValueError(what)
