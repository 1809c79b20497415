"""The matcher for one party file: hash tables from folded words to what they may identify.

Built once per participant set (the editor rebuilds it only when the other file's participants
change). Everything is keyed by folded words so :meth:`SeparationChecker.check` can intersect
them with the words of a text in one set operation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.separation.dates import day_anchors, month_anchors, year_anchors
from erms_desktop.domain.separation.findings import FindingKind
from erms_desktop.domain.separation.identifiers import Identifiers
from erms_desktop.domain.separation.normalise import joined_words, words
from erms_desktop.domain.separation.patterns import (
    Probe,
    address_probes,
    email_probe,
    phone_probe,
    postcode_probe,
    postcodes_in,
    reference_probe,
)
from erms_desktop.domain.separation.vocabulary import PARTICLES


@dataclass(frozen=True, slots=True)
class NameEntry:
    participant: int
    kind: FindingKind  # NAME or ALIAS
    family: bool = False  # part of a family name: "the O'Briens" is a mention too


@dataclass(frozen=True, slots=True)
class AliasSequence:
    """A multi-word alias ("Big Dave"), or a name written apart ("O Neill" for O'Neill):
    only the whole sequence identifies the person."""

    participant: int
    keys: tuple[str, ...]
    kind: FindingKind = FindingKind.ALIAS


class MatcherIndex:
    __slots__ = (
        "birthdays",
        "dob_days",
        "dob_months",
        "dob_years",
        "name_keys",
        "names",
        "people",
        "probes",
        "sequences",
    )

    def __init__(self, people: Sequence[Identifiers]) -> None:
        self.people = tuple(people)
        self.names: dict[str, list[NameEntry]] = defaultdict(list)
        self.sequences: dict[str, list[AliasSequence]] = defaultdict(list)
        self.probes: dict[str, list[Probe]] = defaultdict(list)
        self.birthdays: dict[tuple[int, int], list[tuple[int, date]]] = defaultdict(list)
        self.dob_days: set[str] = set()
        self.dob_years: set[str] = set()
        self.dob_months: set[str] = set()
        for number, person in enumerate(self.people):
            self._add_names(number, person)
            self._add_structured(number, person)
            if person.date_of_birth is not None:
                dob = person.date_of_birth
                self.birthdays[dob.day, dob.month].append((number, dob))
                self.dob_days.update(day_anchors(dob.day))
                self.dob_years.update(year_anchors(dob.year))
                self.dob_months.update(month_anchors(dob.month))
        self.name_keys = frozenset(self.names) | frozenset(self.sequences)

    def _add_names(self, number: int, person: Identifiers) -> None:
        for field in (person.given_names, person.preferred_name):
            self._add_words(number, words(field), FindingKind.NAME)
        self._add_words(number, words(person.family_name), FindingKind.NAME, family=True)
        for field in (person.given_names, person.preferred_name, person.family_name):
            for parts in joined_words(field):
                self.sequences[parts[0]].append(AliasSequence(number, parts, FindingKind.NAME))
        for alias in person.aliases:
            keys = words(alias)
            if len(keys) > 1:
                self.sequences[keys[0]].append(AliasSequence(number, tuple(keys)))
            else:
                self._add_words(number, keys, FindingKind.ALIAS)

    def _add_words(
        self, number: int, keys: list[str], kind: FindingKind, *, family: bool = False
    ) -> None:
        alone = len(keys) == 1
        for key in keys:
            if len(key) < 2 or (not alone and key in PARTICLES):
                continue
            entries = self.names[key]
            entry = NameEntry(number, kind, family)
            for old in [e for e in entries if e.participant == number]:
                entries.remove(old)
                entry = NameEntry(
                    number,
                    FindingKind.NAME if FindingKind.NAME in (old.kind, kind) else kind,
                    old.family or family,
                )
            entries.append(entry)

    def _add_structured(self, number: int, person: Identifiers) -> None:
        built = [phone_probe(phone, number) for phone in person.phones]
        built += [email_probe(email, number) for email in person.emails]
        built += [reference_probe(ref, number) for ref in person.references]
        for address in person.addresses:
            built += address_probes(address, number)
            built += [postcode_probe(out, inw, number) for out, inw in postcodes_in(address)]
        for item in built:
            if item is None:
                continue
            probe, anchors = item
            for anchor in anchors:
                self.probes[anchor].append(probe)
