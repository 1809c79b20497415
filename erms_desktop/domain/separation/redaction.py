"""Redaction: what leaves a party file, or the secure system, without identifying anyone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from erms_desktop.domain.parties import Participant
from erms_desktop.domain.separation.checker import SeparationChecker
from erms_desktop.domain.separation.findings import Finding, FindingKind, Severity
from erms_desktop.domain.separation.identifiers import Identifiers
from erms_desktop.domain.separation.vocabulary import TITLES

NEUTRAL_TERM = "[the other party]"
WITHHELD = "[withheld]"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_Replacer = Callable[[tuple[int, int]], str]


def redact(text: str, findings: Iterable[Finding], replacement: str = NEUTRAL_TERM) -> str:
    """Replace every blocking finding with a neutral term (overlapping findings merge)."""
    spans = [(f.start, f.end) for f in findings if f.severity is Severity.BLOCK]
    return _replace(text, spans, lambda _span: replacement)


def initials_only(text: str, participants: Sequence[Participant | Identifiers]) -> str:
    """A version of ``text`` fit for a non-secure email address: every name of the given
    participants becomes initials ("Mr John O'Brien" -> "Mr J. O."), and their other
    identifiers (phones, addresses, dates of birth...) are withheld.

    A name that is also an ordinary word is initialled when it blocks or is capitalised
    ("Will said" -> "W. said"), but left alone in ordinary use ("we will").
    """
    spans: list[tuple[int, int]] = []
    names: set[tuple[int, int]] = set()
    for finding in SeparationChecker(participants).check(text):
        is_name = finding.kind in (FindingKind.NAME, FindingKind.ALIAS)
        if finding.blocking or (is_name and finding.text[:1].isupper()):
            end = finding.end
            if is_name:
                # A full stop after the name ("... Smith.") becomes the initial's own ("S.").
                end += text[end : end + 1] == "."
                names.add((finding.start, end))
            spans.append((finding.start, end))
    return _replace(
        text,
        spans,
        lambda span: _initials(text[span[0] : span[1]]) if span in names else WITHHELD,
    )


def _initials(name: str) -> str:
    def initial(match: re.Match[str]) -> str:
        word = match.group()
        return word if word.lower() in TITLES else word[0].upper() + "."

    return _WORD.sub(initial, name.rstrip("."))


def _replace(text: str, spans: list[tuple[int, int]], by: _Replacer) -> str:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    pieces: list[str] = []
    position = 0
    for start, end in merged:
        pieces.append(text[position:start])
        pieces.append(by((start, end)))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
