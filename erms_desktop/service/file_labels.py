"""How a party file is named wherever the volunteer meets it: by its side and its people's
initials ("Victim file · P.Q.", or "Party A file · P.Q." in a mediation, whose parties are never
called victim or offender), so several victim (or offender) files of one case are told apart by
who is in them, never by a full name. The workspace tabs, the exchange dialog, the
case list's people column and search results all ask this module (the one place to change a
file's label)."""

from __future__ import annotations

from collections.abc import Iterable

from erms_desktop.domain.enums import Side
from erms_desktop.domain.parties import Participant, PartyFile

#: The case list's short form of a restorative justice side (explained in its legend); a
#: mediation party keeps its neutral name ("Party A").
SIDE_LETTERS = {Side.VICTIM: "V", Side.OFFENDER: "O"}
NOBODY = "–"


def people_initials(people: Iterable[Participant]) -> str:
    return ", ".join(p.initials for p in people if p.initials)


def side_name(side: Side) -> str:
    """The side in running text: "victim", "offender", or "Party A" (never a role word)."""
    return side.label if side.is_party else side.value


def side_title(side: Side, label: str = "") -> str:
    """ "Victim file", "Offender file", or for a mediation "Party A file", "Party B file"."""
    title = f"{side.label} file"
    return f"{title}: {label}" if label else title


def side_file(side: Side) -> str:
    """The file in running text: "victim file", "offender file", "Party A file"."""
    return f"{side_name(side)} file"


def file_title(side: Side, people: Iterable[Participant]) -> str:
    """The file's full label: "Victim file · P.Q." (just "Victim file" while nobody is in it)."""
    initials = people_initials(people)
    return f"{side_title(side)} · {initials}" if initials else side_title(side)


def file_short(side: Side, people: Iterable[Participant]) -> str:
    """The file in the case list's people column: "V P.Q." ("Party A P.Q."); one per file."""
    return f"{SIDE_LETTERS.get(side, side.label)} {people_initials(people) or NOBODY}"


def file_order(party_file: PartyFile) -> tuple[bool, Side, str, str]:
    """The order files are shown in everywhere: victim files first (Party A first in a
    mediation), then by label."""
    return (party_file.side is not Side.VICTIM, party_file.side, party_file.label, party_file.id)


def people_column(files: Iterable[tuple[Side, list[Participant]]]) -> str:
    """Every party file of a case (in ``file_order``), each with its own people:
    "V P.Q. · V J.A. · O T.K."."""
    return " · ".join(file_short(side, people) for side, people in files)
