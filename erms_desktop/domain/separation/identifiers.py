"""The identifiers of one person, as the checker needs them.

A :class:`~erms_desktop.domain.Participant` converts with :meth:`Identifiers.of`; the
command-line front end builds them straight from its JSON, where every field but the id is
optional (a participant known only by a phone number is still worth guarding).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.parties import Participant


@dataclass(frozen=True, slots=True, kw_only=True)
class Identifiers:
    participant_id: str
    given_names: str = ""
    family_name: str = ""
    preferred_name: str = ""
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    addresses: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    @classmethod
    def of(cls, participant: Participant) -> Identifiers:
        return cls(
            participant_id=participant.id,
            given_names=participant.given_names,
            family_name=participant.family_name,
            preferred_name=participant.preferred_name,
            aliases=participant.aliases,
            date_of_birth=participant.date_of_birth,
            addresses=participant.addresses,
            phones=participant.phones,
            emails=participant.emails,
            references=participant.references,
        )


def as_identifiers(person: Participant | Identifiers) -> Identifiers:
    return person if isinstance(person, Identifiers) else Identifiers.of(person)


def dropped_identifiers(before: Identifiers, after: Identifiers) -> list[str]:
    """The identifier fields of ``before`` that ``after`` no longer holds as they were: a
    recorded name rewritten or cleared, a date of birth changed, a phone, address, alias...
    removed. Adding is not dropping, and neither is a new preferred name (what a person asks to
    be called changes, and the facilitator is the first to hear it). Whoever may only add to
    what the checker looks for cannot blind it."""
    dropped = [
        name
        for name in ("given_names", "family_name", "date_of_birth")
        if getattr(before, name) not in ("", None, getattr(after, name))
    ]
    dropped += [
        name
        for name in ("aliases", "addresses", "phones", "emails", "references")
        if set(getattr(before, name)) - set(getattr(after, name))
    ]
    return dropped
