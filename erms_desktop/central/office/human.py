"""Values as people write them: referral source names and UK dates (dd/mm/yyyy).

The commands accept these; the API takes the enum values themselves.
"""

from __future__ import annotations

import re
from datetime import date

from erms_desktop.central.errors import InvalidInputError
from erms_desktop.domain.enums import ReferralSource

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _plain(text: str) -> str:
    """Lower case, words only: "Southend-on-Sea City Council (unitary)" matches
    "southend on sea city council"."""
    without_notes = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", without_notes.lower()))


def source_named(text: str) -> ReferralSource:
    """The referral source a person named, by its label or code, ignoring case and punctuation;
    an unknown name is refused with every valid name listed."""
    wanted = _plain(text)
    for source in ReferralSource:
        if wanted and wanted in (_plain(source.label), _plain(source.value)):
            return source
    names = "; ".join(source.label for source in ReferralSource)
    raise InvalidInputError(f"unknown referral source {text.strip()!r}: give one of {names}")


def uk_date(text: str, what: str = "date") -> date:
    """A date written dd/mm/yyyy, as the service writes dates."""
    found = _UK_DATE.match(text.strip())
    try:
        if found is None:
            raise ValueError(text)
        day, month, year = (int(part) for part in found.groups())
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidInputError(f"the {what} must be a real date written dd/mm/yyyy") from exc
