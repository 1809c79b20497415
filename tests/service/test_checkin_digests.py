"""The check-in's comparison: a case matches only when its digest and each of its party files'
digests are equal on both sides."""

from __future__ import annotations

import uuid

from erms_desktop.protocol.checkin import FileRow, StoreDigests, file_digests
from erms_desktop.protocol.messages import case_digest
from erms_desktop.service.checkin import compare_digests

CASE = str(uuid.uuid4())
VICTIM, OFFENDER = str(uuid.uuid4()), str(uuid.uuid4())
NOTE = str(uuid.uuid4())


def _store(rows: list[FileRow]) -> StoreDigests:
    digest = case_digest(CASE, [(k, i, v) for _c, _f, k, i, v in rows])
    return StoreDigests(cases=[digest], files=file_digests(rows))


def _rows(note_file: str) -> list[FileRow]:
    return [
        (CASE, None, "case", CASE, 3),
        (CASE, VICTIM, "party_file", VICTIM, 1),
        (CASE, OFFENDER, "party_file", OFFENDER, 1),
        (CASE, note_file, "note", NOTE, 2),
    ]


def test_equal_on_both_sides_matches_per_case_and_file() -> None:
    [check] = compare_digests(_rows(VICTIM), _store(_rows(VICTIM)))
    assert check.matched
    assert check.party_files == 2


def test_a_record_in_the_other_party_file_is_a_mismatch_though_the_case_digest_agrees() -> None:
    [check] = compare_digests(_rows(OFFENDER), _store(_rows(VICTIM)))
    assert not check.matched


def test_a_case_only_one_side_holds_is_a_mismatch() -> None:
    [check] = compare_digests([], _store(_rows(VICTIM)))
    assert check.digest is None
    assert not check.matched
