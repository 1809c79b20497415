"""The field classes' string rule holds where entities are built: the app never saves a string
the store would refuse (domain/textrules.py)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.records import RECORD_KINDS, from_fields, to_fields
from erms_desktop.domain.textrules import FieldClass, check_string, field_class

from .strategies import ENTITIES, quick


@quick
@given(st.data(), st.sampled_from(["\ud800", "\x00", "\x1b", "\x85", "\x7f"]))
def test_every_string_field_of_every_kind_refuses_hostile_characters(data: Any, bad: str) -> None:
    kind = data.draw(st.sampled_from(sorted(RECORD_KINDS)))
    fields = to_fields(data.draw(ENTITIES[kind]))
    name = data.draw(st.sampled_from([n for n, v in fields.items() if isinstance(v, str)]))
    with pytest.raises(InvalidValueError, match=name):
        from_fields(kind, {**fields, name: f"ok{bad}"})


def test_field_classes_and_their_characters() -> None:
    assert field_class("body") is FieldClass.TEXT
    assert field_class("party_file_id") is FieldClass.IDENTIFIER
    assert field_class("family_name") is FieldClass.LINE
    check_string("one\n\ttwo", "body")
    for name in ("family_name", "case_id"):
        with pytest.raises(InvalidValueError, match="control character"):
            check_string("one\ntwo", name)
    with pytest.raises(InvalidValueError, match="longer than 200"):
        check_string("a" * 201, "media_type")
    with pytest.raises(InvalidValueError, match="longer than 1000"):
        check_string("a" * 1001, "filename")
    check_string("a" * 100_000, "body")
