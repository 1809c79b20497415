"""Invented people for the demo data: names, dates of birth, addresses, phones and emails.

Everything comes from one seeded ``random.Random``, so a seed always gives the same people. Phone
numbers and addresses are handed out without repeats across the whole dataset, and names without
repeats within a case, so no identifier of one side ever belongs to the other.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from datetime import date

from erms_desktop.demo.vocabulary import (
    ALIASES,
    FAMILY_NAMES,
    GIVEN_NAMES,
    POSTCODE_LETTERS,
    PREFERRED_NAMES,
    STREET_KINDS,
    STREET_WORDS,
    TOWNS,
)
from erms_desktop.domain.enums import ParticipantRole
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.parties import Participant

_DRAMA_RANGE_SIZE = 1000


class IdentitySource:
    """Hands out record ids and personal details from one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._mobiles = [f"07700 900{n:03d}" for n in range(_DRAMA_RANGE_SIZE)]
        self._landlines = [f"01632 960{n:03d}" for n in range(_DRAMA_RANGE_SIZE)]
        rng.shuffle(self._mobiles)
        rng.shuffle(self._landlines)
        self._addresses: set[str] = set()

    def new_id(self) -> str:
        """A version-4 UUID drawn from the seeded generator, so ids repeat with the seed."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def mobile(self) -> str:
        return self._take(self._mobiles)

    def landline(self) -> str:
        return self._take(self._landlines)

    @staticmethod
    def _take(numbers: list[str]) -> str:
        if not numbers:
            raise InvalidValueError("the demo data ran out of drama-range phone numbers")
        return numbers.pop()

    def address(self) -> str:
        """An invented house on an invented street in a real Essex town."""
        while True:
            town, districts = self.rng.choice(TOWNS)
            street = f"{self.rng.choice(STREET_WORDS)} {self.rng.choice(STREET_KINDS)}"
            inward = f"{self.rng.randint(1, 9)}{''.join(self.rng.choices(POSTCODE_LETTERS, k=2))}"
            line = (
                f"{self.rng.randint(1, 180)} {street}, {town}, "
                f"{self.rng.choice(districts)} {inward}"
            )
            if line not in self._addresses:
                self._addresses.add(line)
                return line

    def date_of_birth(self, today: date, min_age: int, max_age: int) -> date:
        age = self.rng.randint(min_age, max_age)
        year = today.year - age - 1
        return date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))


class CaseNames:
    """Names for the people of one case, none shared between them (family members aside)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def given(self) -> str:
        return self._fresh(GIVEN_NAMES)

    def family(self) -> str:
        return self._fresh(FAMILY_NAMES)

    def alias(self) -> str:
        return self._fresh(ALIASES)

    def _fresh(self, pool: tuple[str, ...]) -> str:
        name = self._rng.choice([n for n in pool if n not in self._used])
        self._used.add(name)
        if name in PREFERRED_NAMES:
            self._used.add(PREFERRED_NAMES[name])
        return name


HEARING = "Hearing loss in one ear; face the person when speaking."
ACCESS_NEEDS = "A quiet room with step-free access; letters in large print."
PRESENT_ADULT = "A parent or carer, at every contact."


def make_participant(
    ids: IdentitySource,
    names: CaseNames,
    *,
    party_file_id: str,
    role: ParticipantRole,
    today: date,
    child: bool = False,
    family_name: str | None = None,
    address: str | None = None,
) -> Participant:
    """An invented person; the victim, offender or party gets full identifiers, others fewer."""
    rng = ids.rng
    given = names.given()
    family = family_name or names.family()
    central = role in (ParticipantRole.VICTIM, ParticipantRole.OFFENDER, ParticipantRole.PARTY)
    domain = rng.choice(("example.org", "example.com"))
    emails = (f"{given}.{family}@{domain}".lower(),) if central and not child else ()
    if role is ParticipantRole.PROFESSIONAL:
        emails = (f"{given[0]}.{family}@example.org".lower(),)
    references: tuple[str, ...] = ()
    if role is ParticipantRole.OFFENDER:
        references = (f"X{rng.randint(100000, 999999)}",)
    lives_here = address or (ids.address() if central or child else "")
    person = Participant(
        id=ids.new_id(),
        party_file_id=party_file_id,
        role=role,
        given_names=given,
        family_name=family,
        preferred_name=PREFERRED_NAMES.get(given, ""),
        aliases=(names.alias(),) if role is ParticipantRole.OFFENDER and rng.random() < 0.4 else (),
        date_of_birth=ids.date_of_birth(today, 14, 17) if child else _adult_dob(ids, role, today),
        is_child=child,
        addresses=(lives_here,) if lives_here else (),
        phones=(ids.landline() if role is ParticipantRole.PROFESSIONAL else ids.mobile(),),
        emails=emails,
        references=references,
        safe_contact=_safe_contact(rng) if central else "",
        vulnerability_notes=HEARING if central and rng.random() < 0.15 else "",
    )
    return dataclasses.replace(
        person,
        access_needs=ACCESS_NEEDS if person.vulnerability_notes else "",
        present_adult=PRESENT_ADULT if child else "",
    )


def _adult_dob(ids: IdentitySource, role: ParticipantRole, today: date) -> date | None:
    if role is ParticipantRole.PROFESSIONAL:
        return None
    if role is ParticipantRole.PARENT_OR_APPROPRIATE_ADULT:
        return ids.date_of_birth(today, 34, 58)
    return ids.date_of_birth(today, 19, 78)


def _safe_contact(rng: random.Random) -> str:
    return rng.choice(
        (
            "Mobile only; text before calling. No letters to the home address.",
            "Weekday afternoons; do not leave voicemail.",
            "Email first, then phone. Letters are fine.",
            "Call after 6pm; a family member may answer, say only that it is 'the service'.",
        )
    )
