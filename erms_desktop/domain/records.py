"""One codec for every entity: to and from plain JSON-ready fields.

The vault stores, and sync sends, each entity as ``(kind, id, fields)``; this module is the single
place that knows how dates, enums, tuples and nested values map to JSON, so the client and the
central store agree by construction.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import partial
from typing import Any, Final, TypeVar, Union

from erms_desktop.domain.activity import Contact, Document, OutcomeItem, TimeEntry
from erms_desktop.domain.case import Case, Offence, Referral
from erms_desktop.domain.consent import ConsentRecord
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.exchange import Exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.fieldtypes import type_hints
from erms_desktop.domain.notes import Note, WarningConfirmation
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.domain.risk import RiskAssessment

JSONValue = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]
Fields = dict[str, JSONValue]

Entity = (
    Referral
    | Case
    | PartyFile
    | Participant
    | Note
    | Contact
    | ConsentRecord
    | RiskAssessment
    | Exchange
    | OutcomeItem
    | Document
    | TimeEntry
    | Feedback
)
E = TypeVar("E", bound=Entity)

#: The record kinds that are stored and synced, by their stable wire name.
RECORD_KINDS: Final[dict[str, type[Any]]] = {
    "referral": Referral,
    "case": Case,
    "party_file": PartyFile,
    "participant": Participant,
    "note": Note,
    "contact": Contact,
    "consent": ConsentRecord,
    "risk_assessment": RiskAssessment,
    "exchange": Exchange,
    "outcome_item": OutcomeItem,
    "document": Document,
    "time_entry": TimeEntry,
    "feedback": Feedback,
}
_KIND_OF: Final[dict[type[Any], str]] = {cls: kind for kind, cls in RECORD_KINDS.items()}
_NESTED: Final[tuple[type[Any], ...]] = (Offence, WarningConfirmation)


def kind_of(entity: Entity) -> str:
    kind = _KIND_OF.get(type(entity))
    if kind is None:
        raise InvalidValueError(f"{type(entity).__name__} is not a stored record kind")
    return kind


def to_fields(entity: Entity) -> Fields:
    """The entity's fields as JSON-ready values (the ``id`` included)."""
    return typing.cast(Fields, _encode(entity))


def from_fields(kind: str, fields: Fields) -> Entity:
    """Rebuild an entity; unknown kinds, unknown or missing fields and bad values raise
    :class:`InvalidValueError` (the domain's own checks run as usual)."""
    cls = RECORD_KINDS.get(kind)
    if cls is None:
        raise InvalidValueError(f"unknown record kind {kind!r}")
    return typing.cast(Entity, _decode_dataclass(cls, fields))


def field_names(kind: str) -> tuple[str, ...]:
    cls = RECORD_KINDS.get(kind)
    if cls is None:
        raise InvalidValueError(f"unknown record kind {kind!r}")
    return tuple(f.name for f in dataclasses.fields(cls))


def _encode(value: object) -> JSONValue:
    if isinstance(value, Enum):
        return typing.cast(JSONValue, value.value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise InvalidValueError("timestamps must carry a time zone")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise InvalidValueError(f"cannot encode {type(value).__name__}")


Decoder = Callable[[object, str], object]
#: Each class's field decoders, built from its annotations once (sync decodes thousands of
#: records a second: asking ``typing`` about every field each time was a quarter of it).
_DECODERS: dict[type[Any], dict[str, Decoder]] = {}


def _decoders(cls: type[Any]) -> dict[str, Decoder]:
    decoders = _DECODERS.get(cls)
    if decoders is None:
        hints = type_hints(cls)
        fields = (f.name for f in dataclasses.fields(cls))
        decoders = _DECODERS[cls] = {name: _decoder(hints[name]) for name in fields}
    return decoders


def _decode_dataclass(cls: type[Any], raw: object) -> object:
    if not isinstance(raw, dict):
        raise InvalidValueError(f"{cls.__name__} needs an object, not {type(raw).__name__}")
    decoders = _decoders(cls)
    unknown = raw.keys() - decoders.keys()
    if unknown:
        raise InvalidValueError(f"unknown fields for {cls.__name__}: {sorted(unknown)}")
    values = {name: decoders[name](value, name) for name, value in raw.items()}
    try:
        return cls(**values)
    except TypeError as exc:  # a required field is missing
        raise InvalidValueError(f"{cls.__name__}: {exc}") from exc


def _decoder(hint: Any) -> Decoder:  # noqa: PLR0911
    """The decoding of one annotation: JSON value and field name in, checked value out."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        inner = _decoder(options[0])
        return lambda raw, name: None if raw is None else inner(raw, name)
    if origin is tuple:
        return partial(_decode_tuple, _decoder(typing.get_args(hint)[0]))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return partial(_decode_enum, hint)
    if hint is datetime:
        return _decode_datetime
    if hint is date:
        return partial(_parse_iso, date)
    if hint in _NESTED:
        return lambda raw, _name: _decode_dataclass(hint, raw)
    if hint is float:
        return _decode_float
    if hint in (str, int, bool):
        return partial(_decode_exact, hint)
    return _wrong_type


def _decode_tuple(item: Decoder, raw: object, name: str) -> tuple[object, ...]:
    if not isinstance(raw, list):
        raise InvalidValueError(f"{name} must be a list")
    return tuple(item(value, name) for value in raw)


def _decode_enum(enum: type[Enum], raw: object, name: str) -> Enum:
    try:
        return enum(raw)
    except (ValueError, TypeError) as exc:
        raise InvalidValueError(f"{name}: {raw!r} is not a valid {enum.__name__}") from exc


def _decode_datetime(raw: object, name: str) -> datetime:
    parsed = _parse_iso(datetime, raw, name)
    if parsed.tzinfo is None:
        raise InvalidValueError(f"{name} must carry a time zone")
    return parsed


def _decode_float(raw: object, name: str) -> float:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    return _wrong_type(raw, name)


def _decode_exact(kind: type[Any], raw: object, name: str) -> object:
    return raw if type(raw) is kind else _wrong_type(raw, name)


def _wrong_type(raw: object, name: str) -> typing.NoReturn:
    raise InvalidValueError(f"{name} has the wrong type ({type(raw).__name__})")


_D = TypeVar("_D", date, datetime)


def _parse_iso(kind: type[_D], raw: object, name: str) -> _D:
    if not isinstance(raw, str):
        raise InvalidValueError(f"{name} must be an ISO date string")
    try:
        return kind.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidValueError(f"{name}: {raw!r} is not an ISO date") from exc
