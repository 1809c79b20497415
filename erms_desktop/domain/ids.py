"""Record identifiers: client-generated UUIDs, so records can be made offline and synced later."""

import uuid

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
