"""The victim/offender separation engine. No Qt, no I/O beyond reading its bundled word list.

    checker = SeparationChecker(other_file_participants)   # build once per participant set
    findings = checker.check(text)                          # on every (debounced) keystroke
    if has_blocking(findings): ...                          # the note cannot be saved

``redact`` and ``initials_only`` make shareable versions of a text.
"""

from erms_desktop.domain.separation.checker import SeparationChecker
from erms_desktop.domain.separation.findings import Finding, FindingKind, Severity, has_blocking
from erms_desktop.domain.separation.identifiers import Identifiers
from erms_desktop.domain.separation.redaction import NEUTRAL_TERM, initials_only, redact

__all__ = [
    "NEUTRAL_TERM",
    "Finding",
    "FindingKind",
    "Identifiers",
    "SeparationChecker",
    "Severity",
    "has_blocking",
    "initials_only",
    "redact",
]
