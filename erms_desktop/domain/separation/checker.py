"""The separation checker: built once for the other party file, then run on every keystroke.

``check`` folds the text once (two C-level passes), takes its set of words, and intersects it
with the matcher's hash tables. Only words that may identify someone are then located and
judged, and structured identifiers are confirmed by their patterns in a small window around
the word that triggered them. A clean text therefore costs a few passes over the text however
many participants and identifiers the other file holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from erms_desktop.domain.parties import Participant
from erms_desktop.domain.separation.dates import DateMention, numeric_dates, written_dates
from erms_desktop.domain.separation.findings import Finding, FindingKind, Severity
from erms_desktop.domain.separation.identifiers import Identifiers, as_identifiers
from erms_desktop.domain.separation.index import MatcherIndex
from erms_desktop.domain.separation.names import name_findings
from erms_desktop.domain.separation.normalise import FoldedText
from erms_desktop.domain.separation.patterns import compiled

_NAMES = (FindingKind.NAME, FindingKind.ALIAS)
_DATE_SEPARATORS = frozenset("/.-")


class SeparationChecker:
    """Finds identifiers of the given participants (the *other* party file's) in a text.

    Immutable once built: ``check`` keeps its working state per call, so one checker may
    serve the editor's worker thread and any other caller at the same time."""

    def __init__(self, participants: Sequence[Participant | Identifiers]) -> None:
        self._index = MatcherIndex([as_identifiers(person) for person in participants])

    def check(self, text: str) -> list[Finding]:
        """Every mention, sorted by start offset (offsets index ``text`` as given)."""
        index = self._index
        folded = FoldedText(text)
        tokens = folded.token_set()
        # Possessives and plurals: "O'Brien's" and "07700 900123's" once squeezed.
        tokens |= {token[:-1] for token in tokens if token.endswith("s")}
        wanted = index.name_keys | index.probes.keys() | index.dob_months | index.dob_years
        folded.prefetch(tokens & wanted)
        found = set(name_findings(folded, index, tokens))
        found.update(self._structured(folded, tokens))
        found.update(self._birthdays(folded, tokens))
        return _drop_shadowed(found)

    def _structured(self, text: FoldedText, tokens: set[str]) -> Iterator[Finding]:
        """Structured identifiers are confirmed on the folded text (same offsets as the
        original, apostrophes kept), in a window around each anchor word."""
        folded, size = text.folded, len(text.folded)
        for anchor, start, end in _anchors(text, tokens & self._index.probes.keys()):
            for probe in self._index.probes[anchor]:
                low, high = max(0, start - probe.reach), min(size, end + probe.reach)
                for match in compiled(probe.pattern).finditer(folded, low, high):
                    overlaps = match.start() < end and match.end() > start
                    if overlaps and (match.end() < high or high == size):
                        yield self._finding(
                            text,
                            match.start(),
                            match.end(),
                            probe.participant,
                            kind=probe.kind,
                            severity=probe.severity,
                        )

    def _birthdays(self, text: FoldedText, tokens: set[str]) -> Iterator[Finding]:
        """Dates of birth. A date always shows its day as a word of its own, so without one of
        the birthdays' days among the words there is nothing to look for. Numeric dates are
        read around a birthday's year next to / . or -; written ones around each month
        name."""
        index = self._index
        days = tokens & index.dob_days
        if not days:
            return
        folded = text.folded
        mentions: list[DateMention] = []
        years = tokens & index.dob_years
        if years:
            for _, start, end in _anchors(text, years):
                if folded[end : end + 1] in _DATE_SEPARATORS:  # 1990-05-14
                    mentions.extend(numeric_dates(folded, start, end + 8))
                if start and folded[start - 1] in _DATE_SEPARATORS:  # 14/05/1990
                    mentions.extend(numeric_dates(folded, max(0, start - 8), end))
        for _, start, end in _anchors(text, tokens & index.dob_months):
            mentions.extend(written_dates(folded, max(0, start - 8), end + 20))
        for mention in mentions:
            for participant, dob in index.birthdays.get((mention.day, mention.month), ()):
                if mention.is_day_of(dob):
                    yield self._finding(
                        text,
                        mention.start,
                        mention.end,
                        participant,
                        kind=FindingKind.DATE_OF_BIRTH,
                        severity=Severity.BLOCK if mention.year else Severity.WARN,
                    )

    def _finding(
        self,
        text: FoldedText,
        start: int,
        end: int,
        participant: int,
        *,
        kind: FindingKind,
        severity: Severity,
    ) -> Finding:
        """A finding from folded-text offsets, which are the original's."""
        return Finding(
            start=start,
            end=end,
            text=text.original[start:end],
            participant_id=self._index.people[participant].participant_id,
            kind=kind,
            severity=severity,
        )


def _anchors(text: FoldedText, keys: set[str]) -> Iterator[tuple[str, int, int]]:
    """Each occurrence of each anchor word, in folded-text (= original) offsets."""
    for key, start, end, _ in text.occurrences(keys):
        yield key, text.start_in_original(start), text.end_in_original(end)


def _order(finding: Finding) -> tuple[int, int, str, str]:
    return (finding.start, -finding.end, finding.participant_id, finding.kind.value)


def _drop_shadowed(findings: set[Finding]) -> list[Finding]:
    """A name inside a longer name of someone else ("John Smith" is John's, not his sister
    Jane Smith's) is not a separate mention; neither is a warning inside a blocking finding of
    the same person, nor a name inside that person's email address. One sweep: only findings
    that overlap are ever compared."""
    kept: list[Finding] = []
    active: list[Finding] = []
    for finding in sorted(findings, key=_order):
        active = [other for other in active if other.end > finding.start]
        if not any(_shadows(other, finding) or _covers(other, finding) for other in active):
            kept.append(finding)
        active.append(finding)
    return kept


def _shadows(longer: Finding, finding: Finding) -> bool:
    return (
        finding.kind in _NAMES
        and longer.kind in _NAMES
        and longer.participant_id != finding.participant_id
        and longer.start <= finding.start
        and finding.end <= longer.end
        and longer.end - longer.start > finding.end - finding.start
    )


def _covers(other: Finding, finding: Finding) -> bool:
    """A blocking finding of the same person covers a warning or a shorter finding inside it
    (the name inside that person's email address)."""
    longer = other.end - other.start > finding.end - finding.start
    return (
        (finding.severity is Severity.WARN or longer)
        and other.severity is Severity.BLOCK
        and other.participant_id == finding.participant_id
        and other.start <= finding.start
        and finding.end <= other.end
    )
