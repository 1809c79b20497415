"""The checker's API contract and the cases the table does not show: several participants
sharing a name, participants given as domain objects or bare identifiers, odd input."""

from __future__ import annotations

import dataclasses

import pytest

from erms_desktop.domain.separation import (
    Finding,
    FindingKind,
    Identifiers,
    SeparationChecker,
    Severity,
    has_blocking,
)
from tests.separation.people import OTHER_PARTY, ZOE, person

JANE = person(given_names="Jane", family_name="Okafor")
JOHN = person(given_names="John", family_name="Okafor")


def test_empty_text_and_empty_party_find_nothing() -> None:
    assert SeparationChecker(OTHER_PARTY).check("") == []
    assert SeparationChecker([]).check("Zoe O'Brien 07700 900123") == []


def test_findings_are_frozen_sorted_and_slice_the_text() -> None:
    text = "CM1 2AB is where Zoe lives; ring 07700 900123."
    findings = SeparationChecker(OTHER_PARTY).check(text)
    assert [f.kind for f in findings] == [FindingKind.POSTCODE, FindingKind.NAME, FindingKind.PHONE]
    assert all(text[f.start : f.end] == f.text for f in findings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        findings[0].start = 3  # type: ignore[misc]


def test_has_blocking() -> None:
    warn = Finding(
        start=0, end=1, text="x", participant_id="p", kind=FindingKind.NAME, severity=Severity.WARN
    )
    block = dataclasses.replace(warn, severity=Severity.BLOCK)
    assert not has_blocking([])
    assert not has_blocking([warn])
    assert has_blocking([warn, block])


def test_a_full_name_belongs_to_its_owner_not_to_a_relative() -> None:
    checker = SeparationChecker([JANE, JOHN])
    (only,) = checker.check("John Okafor came.")
    assert (only.text, only.participant_id) == ("John Okafor", JOHN.id)


def test_a_shared_family_name_alone_is_reported_for_each_person() -> None:
    findings = SeparationChecker([JANE, JOHN]).check("Mrs Okafor came.")
    assert sorted(f.participant_id for f in findings) == sorted([JANE.id, JOHN.id])
    assert all(f.text == "Mrs Okafor" and f.blocking for f in findings)


def test_participants_and_bare_identifiers_give_the_same_findings() -> None:
    text = "Zoe O'Brien, 14/05/1990, EP/12345/24, 14 Acacia Avenue."
    from_participant = SeparationChecker([ZOE]).check(text)
    from_identifiers = SeparationChecker([Identifiers.of(ZOE)]).check(text)
    assert from_participant == from_identifiers
    assert len(from_participant) == 4


def test_someone_known_only_by_phone_or_email() -> None:
    anonymous = Identifiers(participant_id="p-1", phones=("+33 6 12 34 56 78",))
    findings = SeparationChecker([anonymous]).check("call +33 612345678 or 0033 6 12 34 56 78")
    assert [f.text for f in findings] == ["+33 612345678", "0033 6 12 34 56 78"]


def test_offsets_count_code_points_beyond_the_basic_plane() -> None:
    text = "😀😀 Zoe"
    (finding,) = SeparationChecker([ZOE]).check(text)
    assert (finding.start, finding.end) == (3, 6)


def test_a_long_text_with_many_numbers_and_apostrophes() -> None:
    text = ("Don't worry, it's 12 o'clock on 3/4 and 07700 900 (not hers). " * 400) + "Zoë"
    findings = SeparationChecker(OTHER_PARTY).check(text)
    assert [(f.text, f.start) for f in findings] == [("Zoë", len(text) - 3)]


def test_the_checker_is_reusable() -> None:
    checker = SeparationChecker(OTHER_PARTY)
    first = checker.check("Zoe rang")
    checker.check("something else entirely, 14 May 1990")
    assert checker.check("Zoe rang") == first
