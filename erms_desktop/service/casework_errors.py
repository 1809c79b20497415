"""Typed refusals of the casework services. The GUI turns each into a plain-English message;
the message itself never quotes case data (it may be logged by type)."""

from __future__ import annotations

from dataclasses import dataclass

from erms_desktop.domain.separation import Finding


class CaseworkError(Exception):
    """Base class for everything the casework services refuse."""


class CaseNotFoundError(CaseworkError):
    """The case (or a party file, record) asked for is not in this laptop's vault."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why text was refused: which kind of identifier, of whom (a participant id)."""

    kind: str
    participant_id: str
    severity: str


def reasons_of(findings: list[Finding]) -> tuple[Reason, ...]:
    return tuple(Reason(f.kind.value, f.participant_id, f.severity.value) for f in findings)


class SeparationBlockedError(CaseworkError):
    """Text would put the other party's identifiers into a party file."""

    def __init__(self, message: str, reasons: tuple[Reason, ...] = ()) -> None:
        super().__init__(message)
        self.reasons = reasons


class UnconfirmedWarningError(SeparationBlockedError):
    """A possible identifier has not been confirmed as "not about them"."""


class ImportRefusedError(CaseworkError):
    """A file was not imported; nothing was stored. ``reasons`` lists separation findings when
    that was the cause."""

    def __init__(self, message: str, reasons: tuple[Reason, ...] = ()) -> None:
        super().__init__(message)
        self.reasons = reasons
