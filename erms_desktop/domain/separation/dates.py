"""Dates as people write them, for matching a date of birth: 14/05/1990, 4/5/1990, 1990-05-14,
14th May 1990, 14 of Sept 1990, May 14th, 1990. A day and month without a year is reported
too (a birthday is a possible identifier); a month and year alone is not a date of birth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from erms_desktop.domain.separation.vocabulary import MONTHS

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?(?![a-z])"
_ORDINAL = r"(?:st|nd|rd|th)?"
DATE = re.compile(
    "|".join(
        (
            r"(?<!\d)(?P<nd>\d{1,2})[/.\-](?P<nm>\d{1,2})[/.\-](?P<ny>\d{4}|\d{2})(?![\d/])",
            r"(?<![\d/])(?P<iy>\d{4})[/.\-](?P<im>\d{1,2})[/.\-](?P<id>\d{1,2})(?!\d)",
            rf"(?<!\d)(?P<dd>\d{{1,2}}){_ORDINAL}[ \t]+(?:of[ \t]+)?(?P<dm>{_MONTH})"
            r"(?:,?[ \t]+(?P<dy>\d{4})(?!\d))?",
            rf"(?<![a-z])(?P<mm>{_MONTH})[ \t]+(?:the[ \t]+)?(?P<md>\d{{1,2}}){_ORDINAL}(?![\d])"
            r"(?:,?[ \t]+(?P<my>\d{4})(?!\d))?",
        )
    )
)
# A month next to a year or a day number is a date, whatever else the word could be.
MONTH_THEN_NUMBER = re.compile(r"\.?,?\s*(?:\d{4}|\d{1,2}" + _ORDINAL + r")(?![^\W_])")
NUMBER_THEN_MONTH = re.compile(r"(?<!\d)\d{1,2}" + _ORDINAL + r"\s+(?:of\s+)?\Z")


def month_anchors(month: int) -> set[str]:
    return {name for name, number in MONTHS.items() if number == month}


class DateMention(NamedTuple):
    start: int
    end: int
    day: int
    month: int
    year: str  # as written: four digits, two digits, or "" when there is none

    def is_day_of(self, dob: date) -> bool:
        if (self.day, self.month) != (dob.day, dob.month):
            return False
        if len(self.year) == 2:
            return int(self.year) == dob.year % 100
        return not self.year or int(self.year) == dob.year


def dates_in(text: str, start: int, end: int) -> Iterator[DateMention]:
    """Every date written in ``text[start:end]`` (folded text)."""
    for match in DATE.finditer(text, start, end):
        groups = match.groupdict()
        if groups["nd"]:
            day, month, year = groups["nd"], int(groups["nm"]), groups["ny"]
        elif groups["iy"]:
            day, month, year = groups["id"], int(groups["im"]), groups["iy"]
        else:
            prefix = "d" if groups["dd"] else "m"
            day = groups[prefix + "d"]
            month = MONTHS[groups[prefix + "m"].rstrip(".")]
            year = groups[prefix + "y"] or ""
        yield DateMention(match.start(), match.end(), int(day), month, year)
