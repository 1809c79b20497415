"""Every entity checks the run-time type of each field against its annotation when it is built.

Rules compare enums by identity (``kind is ExchangeKind.APOLOGY_LETTER``); a plain string
``"apology_letter"`` handed in from a form or a hostile push would slip past such a rule. Refusing
ill-typed values at construction closes that door for every rule at once. The same pass holds
every string to its field class's characters and length (:mod:`erms_desktop.domain.textrules`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Any, Union

from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.textrules import check_string

_HINTS: dict[type[Any], dict[str, Any]] = {}
Check = Callable[[object], bool]
_CHECKS: dict[type[Any], tuple[tuple[str, Check], ...]] = {}


def type_hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of an entity class (cached: they never change)."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def check_field_types(entity: object) -> None:
    """Raise :class:`InvalidValueError` naming the first field whose value has the wrong type
    or holds a string its field class does not allow."""
    cls = type(entity)
    checks = _CHECKS.get(cls)
    if checks is None:  # each annotation turned into its check once per class (sync decodes
        # thousands of records a second: reading annotations every time was a tenth of it)
        checks = _CHECKS[cls] = tuple((n, _check(h)) for n, h in type_hints(cls).items())
    for name, fits in checks:
        value = getattr(entity, name)
        if not fits(value):
            raise InvalidValueError(
                f"{cls.__name__}.{name} has the wrong type ({type(value).__name__})"
            )
        if isinstance(value, str):
            check_string(value, name)
        elif isinstance(value, tuple):
            for text in value:
                if isinstance(text, str):
                    check_string(text, name)


def _check(hint: Any) -> Check:  # noqa: PLR0911
    """The run-time test of one annotation."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = tuple(_check(option) for option in typing.get_args(hint))
        return lambda value: any(fits(value) for fits in options)
    if origin is tuple:
        item = _check(typing.get_args(hint)[0])
        return lambda value: isinstance(value, tuple) and all(item(v) for v in value)
    if hint is type(None):
        return lambda value: value is None
    if hint is float:
        return lambda value: isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return lambda value: type(value) is date
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return lambda _value: True
