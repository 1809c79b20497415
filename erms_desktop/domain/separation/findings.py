"""What the checker reports: where an identifier of the other party sits in a text, and how sure
the checker is that it identifies them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    NAME = "name"
    ALIAS = "alias"
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    REFERENCE = "reference"


class Severity(StrEnum):
    """``block``: a definite identifying mention, the note cannot be saved with it.
    ``warn``: a possible one (a name that is also an ordinary word, a birthday without the year)
    that the volunteer must look at and confirm."""

    BLOCK = "block"
    WARN = "warn"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One mention. ``start``/``end`` are Python string indices into the text as given, so
    ``text[start:end] == finding.text``."""

    start: int
    end: int
    text: str
    participant_id: str
    kind: FindingKind
    severity: Severity

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCK


def has_blocking(findings: Iterable[Finding]) -> bool:
    return any(finding.blocking for finding in findings)
