"""Dates as people write them, for matching a date of birth: 14/05/1990, 4/5/1990, 1990-05-14,
14th May 1990, 14 of Sept 1990, May 14th, 1990. A day and month without a year is reported
too (a birthday is a possible identifier); a month and year alone is not a date of birth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from erms_desktop.domain.separation.vocabulary import MONTHS

_MONTH_WORD = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")(?![a-z])"
_MONTH = _MONTH_WORD + r"\.?(?![a-z])"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Starts with a digit class so the regex engine skips non-digits at C speed; the boundaries
# are checked in Python on the few matches.
_NUMERIC = re.compile(r"(\d{1,4})([/.\-])(\d{1,2})\2(\d{1,4})")
_WRITTEN = re.compile(
    rf"(?<!\d)(?P<dd>\d{{1,2}}){_ORDINAL}[ \t]+(?:of[ \t]+)?(?P<dm>{_MONTH})"
    r"(?:,?[ \t]+(?P<dy>\d{4})(?!\d))?"
    rf"|(?<![a-z])(?P<mm>{_MONTH})[ \t]+(?:the[ \t]+)?(?P<md>\d{{1,2}}){_ORDINAL}(?!\d)"
    r"(?:,?[ \t]+(?P<my>\d{4})(?!\d))?"
    # 12-Mar-1990, 12.Mar.90: day, month and year joined by one dash or dot.
    rf"|(?<!\d)(?P<xd>\d{{1,2}})(?P<sep>[-.])(?P<xm>{_MONTH_WORD})(?P=sep)(?P<xy>\d{{4}}|\d{{2}})(?!\d)"
)
_DIGIT_NEAR = re.compile(r"\d")
# A month next to a year or a day number is a date, whatever else the word could be.
MONTH_THEN_NUMBER = re.compile(r"\.?,?\s*(?:\d{4}|\d{1,2}" + _ORDINAL + r")(?![^\W_])")
NUMBER_THEN_MONTH = re.compile(r"(?<!\d)\d{1,2}" + _ORDINAL + r"\s+(?:of\s+)?\Z")


def day_anchors(day: int) -> set[str]:
    """Every way of writing a date shows its day as a word of its own (14, 04, 14th)."""
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(day, "th")
    return {str(day), f"{day:02d}", f"{day}{suffix}", f"{day:02d}{suffix}"}


def year_anchors(year: int) -> set[str]:
    return {str(year), f"{year % 100:02d}"}


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


def numeric_dates(text: str, start: int, end: int) -> Iterator[DateMention]:
    """14/05/1990, 14.5.90, 1990-05-14 in ``text[start:end]`` (folded). A date cut short by
    the window ends next to a digit and is dropped."""
    for match in _NUMERIC.finditer(text, start, end):
        start, end = match.span()
        if text[start - 1 : start].isdigit() or text[end : end + 1].isdigit():
            continue
        first, _, middle, last = match.groups()
        if len(first) == 4 and len(last) <= 2:
            yield DateMention(start, end, int(last), int(middle), first)
        elif len(first) <= 2 and len(last) in (2, 4) and text[start - 1 : start] != "/":
            yield DateMention(start, end, int(first), int(middle), last)


def written_dates(text: str, start: int, end: int) -> Iterator[DateMention]:
    """14th May 1990, 14 of Sept, May 14th, 1990, 12-Mar-1990, 12.Mar.90 in
    ``text[start:end]`` (folded)."""
    if _DIGIT_NEAR.search(text, start, end) is None:
        return
    for match in _WRITTEN.finditer(text, start, end):
        groups = match.groupdict()
        prefix = "d" if groups["dd"] else "x" if groups["xd"] else "m"
        month = MONTHS[groups[prefix + "m"].rstrip(".")]
        year = groups[prefix + "y"] or ""
        yield DateMention(match.start(), match.end(), int(groups[prefix + "d"]), month, year)
