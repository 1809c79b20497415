"""Values as people write them, for the office's commands: source names and UK dates."""

from __future__ import annotations

from datetime import date

import pytest

from erms_desktop.central.errors import InvalidInputError
from erms_desktop.central.office.human import source_named, uk_date
from erms_desktop.domain.enums import ReferralSource


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("Essex Police", ReferralSource.ESSEX_POLICE),
        ("essex police", ReferralSource.ESSEX_POLICE),
        ("  PROBATION SERVICE ", ReferralSource.PROBATION_SERVICE),
        ("southend-on-sea city council", ReferralSource.SOUTHEND_COUNCIL),
        ("Self referral", ReferralSource.SELF_REFERRAL),
        ("Prison", ReferralSource.PRISON),
        ("housing association", ReferralSource.HOUSING_ASSOCIATION),
        ("victim_support", ReferralSource.VICTIM_SUPPORT),
    ],
)
def test_sources_are_found_by_the_name_people_write(written: str, source: ReferralSource) -> None:
    assert source_named(written) is source


@pytest.mark.parametrize("written", ["Police", "", "the moon"])
def test_an_unknown_source_is_refused_with_every_valid_name(written: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        source_named(written)
    for source in ReferralSource:
        assert source.label in str(refused.value)


def test_the_full_source_list_the_service_uses() -> None:
    labels = {s.label for s in ReferralSource}
    assert {"Prison", "Housing association", "Essex County Council"} <= labels
    assert "Community rehabilitation company (former)" in labels


def test_uk_dates_are_day_first() -> None:
    assert uk_date("02/03/2026") == date(2026, 3, 2)
    assert uk_date("2/3/2026") == date(2026, 3, 2)


@pytest.mark.parametrize("written", ["2026-03-02", "31/02/2026", "02/13/2026", "yesterday", ""])
def test_anything_else_is_refused(written: str) -> None:
    with pytest.raises(InvalidInputError, match="dd/mm/yyyy"):
        uk_date(written)
