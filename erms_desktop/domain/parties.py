"""Party files and the participants in them. The line between the sides (victim and offender,
or each party of a mediation) is the one the separation engine guards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.enums import CaseType, ParticipantRole, Side
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import require_id, require_items

_MIN_PHONE_DIGITS = 6
_MAX_PHONE_DIGITS = 15


@dataclass(frozen=True, slots=True, kw_only=True)
class PartyFile:
    """One side's file within a case. A restorative justice case has one or more per side
    (several victims, say); a mediation case one per party, each party a side of its own."""

    id: str
    case_id: str
    side: Side
    label: str = ""
    #: Facilitators allocated to this file alone; empty means every facilitator of the case.
    facilitator_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "party file id")
        require_id(self.case_id, "party file case id")
        for facilitator in self.facilitator_ids:
            require_id(facilitator, "party file facilitator id")
        if len(set(self.facilitator_ids)) != len(self.facilitator_ids):
            raise InvalidValueError("a facilitator is allocated to a file only once")

    def is_open_to(self, user_id: str, case_facilitator_ids: tuple[str, ...]) -> bool:
        """Whether a facilitator may see this file (staff access is decided elsewhere)."""
        allowed = self.facilitator_ids or case_facilitator_ids
        return user_id in allowed


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """A person in one party file. The identifier fields are what the separation checker looks
    for in the other file's notes, so they are kept as the person gave them."""

    id: str
    party_file_id: str
    role: ParticipantRole
    given_names: str = ""
    family_name: str = ""
    preferred_name: str = ""
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    is_child: bool = False
    addresses: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    safe_contact: str = ""
    vulnerability_notes: str = ""
    access_needs: str = ""
    #: For a child (or an adult who needs one): who must be present at every contact.
    present_adult: str = ""

    def __post_init__(self) -> None:

        check_field_types(self)
        require_id(self.id, "participant id")
        require_id(self.party_file_id, "participant party file id")
        if not (
            self.given_names.strip() or self.family_name.strip() or self.preferred_name.strip()
        ):
            raise InvalidValueError("a participant needs at least one name")
        require_items(self.aliases, "aliases")
        require_items(self.addresses, "addresses")
        require_items(self.phones, "phone numbers")
        require_items(self.emails, "email addresses")
        require_items(self.references, "references")
        for phone in self.phones:
            if not _MIN_PHONE_DIGITS <= sum(c.isdigit() for c in phone) <= _MAX_PHONE_DIGITS:
                raise InvalidValueError(f"{phone!r} is not a phone number")
        for email in self.emails:
            local, at, domain = email.strip().rpartition("@")
            if not (at and local and "." in domain and " " not in email.strip()):
                raise InvalidValueError(f"{email!r} is not an email address")

    @property
    def display_name(self) -> str:
        given = self.preferred_name or self.given_names
        return " ".join(part for part in (given, self.family_name) if part)

    @property
    def initials(self) -> str:
        """Initials only, as the service uses in lists and external email."""
        names = f"{self.given_names or self.preferred_name} {self.family_name}".split()
        return "".join(f"{name[0].upper()}." for name in names if name[:1].isalpha())

    def age_on(self, on: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def role_fits_side(role: ParticipantRole, side: Side) -> bool:
    """Victims sit in victim files, offenders in offender files and the parties to a dispute
    in party files; others (supporters, parents, professionals) may sit in any file."""
    if role is ParticipantRole.VICTIM:
        return side is Side.VICTIM
    if role is ParticipantRole.OFFENDER:
        return side is Side.OFFENDER
    if role is ParticipantRole.PARTY:
        return side.is_party
    return True


def _side_words(side: Side) -> str:
    """ "a victim", "an offender", "Party B's" - as a sentence says them."""
    if side.is_party:
        return f"{side.label}'s"
    return f"an {side.value}" if side is Side.OFFENDER else f"a {side.value}"


def check_file_in_case(party_file: PartyFile, case_type: CaseType) -> None:
    """Refuse a party file whose side does not belong to its case's type: no victim or offender
    file in a mediation case, no party file in a restorative justice case."""
    if not party_file.side.fits(case_type):
        raise InvalidValueError(
            "a mediation case has no victim or offender file"
            if case_type is CaseType.MEDIATION
            else "a restorative justice case has no mediation party's file"
        )


def check_participant_in_file(participant: Participant, party_file: PartyFile) -> None:
    """Refuse a participant placed in the wrong file or on the wrong side."""
    if participant.party_file_id != party_file.id:
        raise InvalidValueError("participant does not belong to this party file")
    if not role_fits_side(participant.role, party_file.side):
        raise InvalidValueError(
            f"a {participant.role.value.replace('_', ' ')} cannot sit in"
            f" {_side_words(party_file.side)} file"
        )
