"""What a string field may hold: one rule for every record field, applied where entities are
built (so the app never saves such a value) and again at the store's edge (so a hostile laptop's
push is answered 422 before anything is stored).

Three field classes, each with its own characters and length:

* **identifiers** (ids, hashes, media types, enum values, references): one line, at most
  :data:`MAX_IDENTIFIER` characters;
* **lines** (names, labels, filenames, phones, e-mail addresses): one line, at most
  :data:`MAX_LINE` characters;
* **text** (note bodies, summaries, descriptions, addresses): newline and tab allowed, at most
  :data:`MAX_TEXT` characters.

No class admits a lone surrogate (it cannot be encoded as UTF-8, so the store could never serve
the record back), NUL or any other C0/C1 control character or DEL; only text admits newline and
tab. Messages name the field and the problem, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum
from typing import Final

from erms_desktop.domain.errors import InvalidValueError


class FieldClass(Enum):
    IDENTIFIER = "identifier"
    LINE = "line"
    TEXT = "text"


MAX_IDENTIFIER: Final = 200
MAX_LINE: Final = 1_000
#: Generous: the note editor holds pastes of several megabytes. A push is bounded sooner, by the
#: store's body limit (2 MiB by default, answered 413).
MAX_TEXT: Final = 5_000_000
MAX_LENGTH: Final = {
    FieldClass.IDENTIFIER: MAX_IDENTIFIER,
    FieldClass.LINE: MAX_LINE,
    FieldClass.TEXT: MAX_TEXT,
}

#: Free-text fields of every record kind (and of the nested offence and warning confirmation).
TEXT_FIELDS: Final = frozenset(
    {
        *("body", "summary", "description", "content", "detail", "text", "next_action"),
        *("vulnerability_notes", "safe_contact", "factors", "mitigations", "redactions"),
        *("access_needs", "hold_reason", "dispute_summary"),
        "addresses",
    }
)
#: Fields holding codes rather than prose (besides every ``id``/``*_id``/``*_ids`` field).
_IDENTIFIER_FIELDS: Final = frozenset(
    {"sha256", "media_type", "kind", "service_reference", "agency_reference", "monitored_by"}
)

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Either kind of refused character, in one search (the usual, clean string costs one pass).
_REFUSED_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def field_class(name: str) -> FieldClass:
    """The class of a record field, by its (stable, wire) name."""
    if name in TEXT_FIELDS:
        return FieldClass.TEXT
    if name == "id" or name.endswith(("_id", "_ids")) or name in _IDENTIFIER_FIELDS:
        return FieldClass.IDENTIFIER
    return FieldClass.LINE


def check_string(value: str, name: str, cls: FieldClass | None = None) -> None:
    """Raise :class:`InvalidValueError` if ``value`` breaks the rule of its field class."""
    cls = cls or field_class(name)
    if len(value) > MAX_LENGTH[cls]:
        raise InvalidValueError(f"{name} is longer than {MAX_LENGTH[cls]} characters")
    refused = _REFUSED_IN_TEXT if cls is FieldClass.TEXT else _REFUSED_IN_LINE
    if not refused.search(value):
        return
    if _SURROGATE.search(value):
        raise InvalidValueError(f"{name} holds a lone surrogate (not valid Unicode text)")
    controls = _CONTROL_IN_TEXT if cls is FieldClass.TEXT else _CONTROL_IN_LINE
    if controls.search(value):
        allowed = "other than newline and tab " if cls is FieldClass.TEXT else ""
        raise InvalidValueError(f"{name} holds a control character {allowed}(NUL, escape...)")


def check_json(fields: Mapping[str, object], where: str = "") -> None:
    """Check every key and string inside a record's JSON fields: keys as identifiers, each
    value by the class of the field it sits in (lists and nested objects included)."""
    for key, value in fields.items():
        check_string(key, f"a field name{' in ' + where if where else ''}", FieldClass.IDENTIFIER)
        _check_value(value, key)


def _check_value(value: object, name: str) -> None:
    if isinstance(value, str):
        check_string(value, name)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_value(item, name)
    elif isinstance(value, Mapping):
        check_json(value, name)
