"""Entities refuse ill-typed field values at construction, so no rule comparing enums by identity
can be slipped past with a plain string."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from erms_desktop.domain import Exchange, Participant, TimeEntry
from erms_desktop.domain.enums import ExchangeKind, ParticipantRole
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.ids import new_id

AT = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


def _exchange(**overrides: object) -> Exchange:
    values: dict[str, object] = {
        "id": new_id(),
        "case_id": new_id(),
        "kind": ExchangeKind.LETTER,
        "from_party_file_id": new_id(),
        "to_party_file_id": new_id(),
        "content": "A letter.",
        "consent_id": new_id(),
        "shared_by": new_id(),
        "shared_at": AT,
    }
    values.update(overrides)
    return Exchange(**values)  # type: ignore[arg-type]


def test_a_plain_string_cannot_stand_in_for_an_enum() -> None:
    with pytest.raises(InvalidValueError, match=r"Exchange\.kind"):
        _exchange(kind="apology_letter")
    assert _exchange(kind=ExchangeKind.LETTER).kind is ExchangeKind.LETTER


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("writer_agreed", 1),
        ("redactions", ["a list, not a tuple"]),
        ("shared_at", "2026-03-02T10:30:00+00:00"),
        ("content", b"bytes"),
    ],
)
def test_wrong_types_are_refused(field: str, value: object) -> None:
    with pytest.raises(InvalidValueError, match=field):
        _exchange(**{field: value})


def test_dates_numbers_and_optional_fields() -> None:
    person = {"id": new_id(), "party_file_id": new_id(), "given_names": "Ada"}
    assert Participant(role=ParticipantRole.VICTIM, **person).date_of_birth is None
    with pytest.raises(InvalidValueError, match="date_of_birth"):
        Participant(role=ParticipantRole.VICTIM, date_of_birth=AT, **person)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="role"):
        Participant(role="victim", **person)  # type: ignore[arg-type]
    entry = {"id": new_id(), "case_id": new_id(), "volunteer_id": new_id(), "activity": "Visit"}
    assert TimeEntry(worked_on=date(2026, 3, 2), minutes=30, miles=3, **entry).miles == 3
    with pytest.raises(InvalidValueError, match="minutes"):
        TimeEntry(worked_on=date(2026, 3, 2), minutes=True, **entry)
