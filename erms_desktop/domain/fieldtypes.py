"""Every entity checks the run-time type of each field against its annotation when it is built.

Rules compare enums by identity (``kind is ExchangeKind.APOLOGY_LETTER``); a plain string
``"apology_letter"`` handed in from a form or a hostile push would slip past such a rule. Refusing
ill-typed values at construction closes that door for every rule at once. The same pass holds
every string to its field class's characters and length (:mod:`erms_desktop.domain.textrules`).
"""

from __future__ import annotations

import types
import typing
from datetime import date
from typing import Any, Union

from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.textrules import check_string

_HINTS: dict[type[Any], dict[str, Any]] = {}


def type_hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of an entity class (cached: they never change)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def check_field_types(entity: object) -> None:
    """Raise :class:`InvalidValueError` naming the first field whose value has the wrong type
    or holds a string its field class does not allow."""
    cls = type(entity)
    for name, hint in type_hints(cls).items():
        value = getattr(entity, name)
        if not _fits(value, hint):
            raise InvalidValueError(
                f"{cls.__name__}.{name} has the wrong type ({type(value).__name__})"
            )
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str):
                check_string(text, name)


def _fits(value: object, hint: Any) -> bool:  # noqa: PLR0911
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, option) for option in typing.get_args(hint))
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return isinstance(value, tuple) and all(_fits(element, item) for element in value)
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return type(value) is date
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True
