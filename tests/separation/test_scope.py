"""Every text field of every record kind is either checked for separation or named here as not
free text, so a field added later cannot slip past the store's check unnoticed."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from erms_desktop.domain import Case
from erms_desktop.domain.enums import CaseType
from erms_desktop.domain.fieldtypes import type_hints
from erms_desktop.domain.records import RECORD_KINDS
from erms_desktop.domain.separation.scope import free_texts
from tests.domain.strategies import ENTITIES, quick

# Identifiers, references and machine values: not prose a person types about the parties.
NOT_FREE_TEXT = {
    "service_reference",
    "agency_reference",
    "filename",
    "media_type",
    "sha256",
    # A participant's own identifiers are what the check looks for, not text it reads.
    *("given_names", "family_name", "preferred_name", "aliases"),
    *("addresses", "phones", "emails", "references"),
}
TEXT_HINTS = (str, str | None, tuple[str, ...])


def _text_fields(cls: type[object]) -> list[str]:
    hints = type_hints(cls)
    return [
        f.name
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if hints[f.name] in TEXT_HINTS
        and f.name != "id"
        and not f.name.endswith(("_id", "_ids", "_by"))
        and f.name not in NOT_FREE_TEXT
    ]


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
@quick
@given(data=st.data())
def test_every_free_text_field_is_checked(kind: str, data: st.DataObject) -> None:
    cls = RECORD_KINDS[kind]
    hints = type_hints(cls)
    marked = {
        name: (f"marker {name}",) if typing.get_origin(hints[name]) is tuple else f"marker {name}"
        for name in _text_fields(cls)
    }
    drawn = data.draw(ENTITIES[kind])
    if isinstance(drawn, Case) and drawn.case_type is not CaseType.MEDIATION:
        # Only a mediation case holds a dispute summary (a restorative justice case's offence
        # summary is nested, checked in free_texts all the same).
        drawn = data.draw(ENTITIES[kind].filter(lambda c: c.case_type is CaseType.MEDIATION))
    entity = dataclasses.replace(drawn, **marked)
    checked = free_texts(entity)
    for name in marked:
        assert f"marker {name}" in checked, f"{kind}.{name} is not checked for separation"
