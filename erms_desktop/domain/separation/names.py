"""Finding names in a text, and judging how sure each mention is.

A name that is also an ordinary word (May, Will, Rose, Baker) blocks only when it is written as
a name: after a title, next to another name of the same person, or capitalised mid-sentence.
Otherwise it warns. A month name next to a year or a day number is a date, not a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from erms_desktop.domain.separation.dates import MONTH_THEN_NUMBER, NUMBER_THEN_MONTH
from erms_desktop.domain.separation.findings import Finding, FindingKind, Severity
from erms_desktop.domain.separation.index import MatcherIndex
from erms_desktop.domain.separation.normalise import FoldedText
from erms_desktop.domain.separation.vocabulary import (
    MONTHS,
    PARTICLES,
    TIME_WORDS,
    TITLES,
    common_words,
    lowercase_words,
)

# Between two words of one name: spaces, line breaks, hyphens, and particles (de la Cruz).
_GAP = re.compile(r"[\s\-]+(?:(?:" + "|".join(sorted(PARTICLES)) + r")[\s\-]+)*")
_LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
_WORD_ENDING = re.compile(r"[^\W_]+\Z")
_WORD_STARTING = re.compile(r"[^\W_]+")
_NEXT_WORD = re.compile(r"[\s\-]+([^\W_]+)")
_TITLE_BEFORE = re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(TITLES)) + r")\.?\s+\Z")
_WORD_BEFORE = re.compile(r"(?<![^\W_])([^\W_]+)\s+\Z")
_SENTENCE_END = frozenset(".!?:;\n\r•")
_OPENERS = frozenset(" \t\"'“‘([")


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # squeezed-text offsets
    end: int
    key: str
    participant: int
    kind: FindingKind
    common: bool
    family: bool = False


def name_findings(text: FoldedText, index: MatcherIndex, tokens: set[str]) -> list[Finding]:
    keys = tokens & index.name_keys  # tokens include the stems of words ending in s
    hits: dict[int, list[_Hit]] = {}
    for occurrence in [*text.occurrences(keys), *_hyphenated(text, index)]:
        for found in _mentions(text, index, occurrence):
            hits.setdefault(found.participant, []).append(found)
    findings: list[Finding] = []
    for participant, mentions in hits.items():
        person = index.people[participant].participant_id
        for group in _groups(text, mentions):
            findings.append(_finding(text, group, person))
    return findings


def _hyphenated(text: FoldedText, index: MatcherIndex) -> Iterator[tuple[str, int, int, int]]:
    """A name broken across lines by a hyphen ("Kowal-\\nski"), as pasted mail does."""
    squeezed = text.squeezed
    for hyphen in _LINE_BREAK_HYPHEN.finditer(squeezed):
        before = _WORD_ENDING.search(squeezed, max(0, hyphen.start() - 40), hyphen.start())
        after = _WORD_STARTING.match(squeezed, hyphen.end())
        if before is not None and after is not None:
            joined = before.group() + after.group()
            if joined in index.names:
                yield joined, before.start(), after.end(), -1


def _mentions(
    text: FoldedText, index: MatcherIndex, occurrence: tuple[str, int, int, int]
) -> Iterator[_Hit]:
    """Who a word at one place in the text may name."""
    common = common_words()
    key, start, end, end_with_s = occurrence
    entries = index.names.get(key, [])
    plural = end_with_s != -1 and not text.removed_before(end)
    if plural:
        # A bare plural: "the O'Briens" names a family; "roses" or "Williams" do not.
        end = end_with_s
        entries = [entry for entry in entries if entry.family and key not in common]
    if key in MONTHS and _is_date(text, start, end):
        return
    for entry in entries:
        yield _Hit(start, end, key, entry.participant, entry.kind, key in common, entry.family)
    if plural:
        return
    for sequence in index.sequences.get(key, ()):
        sequence_end = _sequence_end(text, end, sequence.keys[1:])
        if sequence_end != -1:
            all_common = all(k in common for k in sequence.keys)
            kind = sequence.kind
            yield _Hit(start, sequence_end, key, sequence.participant, kind, all_common)


def _is_date(text: FoldedText, start: int, end: int) -> bool:
    squeezed = text.squeezed
    return bool(
        MONTH_THEN_NUMBER.match(squeezed, end)
        or NUMBER_THEN_MONTH.search(squeezed, max(0, start - 12), start)
    )


def _sequence_end(text: FoldedText, end: int, rest: tuple[str, ...]) -> int:
    for key in rest:
        following = _NEXT_WORD.match(text.squeezed, end)
        if following is None:
            return -1
        word, end = following.group(1), following.end()
        if word == key + "s" and key == rest[-1] and text.removed_before(end - 1):
            return end - 1  # Big Dave's
        if word != key:
            return -1
    return end


def _groups(text: FoldedText, hits: list[_Hit]) -> list[list[_Hit]]:
    """Adjacent names of one person (John Smith, Smith-Jones, Mary\\nAnn) form one finding;
    a word repeated ("may may") does not make a full name."""
    ordered = sorted(hits, key=lambda hit: (hit.start, -hit.end))
    groups: list[list[_Hit]] = []
    for hit in ordered:
        if groups and hit.end <= groups[-1][-1].end:
            continue  # inside a longer alias already found
        if (
            groups
            and hit.key not in {other.key for other in groups[-1]}
            and _GAP.fullmatch(text.squeezed, groups[-1][-1].end, hit.start)
        ):
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


def _finding(text: FoldedText, group: list[_Hit], participant_id: str) -> Finding:
    start, end = group[0].start, group[-1].end
    title = _TITLE_BEFORE.search(text.squeezed, max(0, start - 12), start)
    if title is not None:
        start = title.start()
    alone = group[0]
    plain = alone.common or _lowercase_word(text, alone)
    sure = title is not None or len(group) > 1 or not plain
    if not sure:
        sure = _written_as_name(text, group[0])
    original_start, original_end = text.start_in_original(start), text.end_in_original(end)
    kind = FindingKind.NAME
    if all(hit.kind is FindingKind.ALIAS for hit in group):
        kind = FindingKind.ALIAS
    return Finding(
        start=original_start,
        end=original_end,
        text=text.original[original_start:original_end],
        participant_id=participant_id,
        kind=kind,
        severity=Severity.BLOCK if sure else Severity.WARN,
    )


def _written_as_name(text: FoldedText, hit: _Hit) -> bool:
    """Capitalised mid-sentence, and not a month in a time phrase ("in May")."""
    start = text.start_in_original(hit.start)
    word = text.original[start : text.end_in_original(hit.end)]
    letters = [c for c in word if c.isalpha()]
    if not letters or not letters[0].isupper() or (len(letters) > 1 and word.isupper()):
        return False
    if _at_sentence_start(text.original, start):
        return False
    if text.squeezed[hit.start : hit.end] in MONTHS:
        before = _WORD_BEFORE.search(text.squeezed, max(0, hit.start - 16), hit.start)
        if before is not None and before.group(1) in TIME_WORDS:
            return False
    return True


def _lowercase_word(text: FoldedText, hit: _Hit) -> bool:
    """A family name that is also an ordinary word (resources/separation/lowercase_words.txt),
    written in lower case mid-sentence with no title or other name beside it, reads as that
    word ("in the lee of the wall", "a gill of milk"): worth a warning, not a block. Any other
    name blocks however it is written."""
    if not hit.family or hit.key not in lowercase_words():
        return False
    start = text.start_in_original(hit.start)
    word = text.original[start : text.end_in_original(hit.end)]
    return word.islower() and not _at_sentence_start(text.original, start)


def _at_sentence_start(original: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and original[index] in _OPENERS:
        index -= 1
    return index < 0 or original[index] in _SENTENCE_END
