"""Synthetic participants of the 'other party' file used across the separation tests."""

from __future__ import annotations

from datetime import date

from erms_desktop.domain import Participant
from erms_desktop.domain.enums import ParticipantRole
from erms_desktop.domain.ids import new_id

FILE_ID = new_id()


def person(**fields: object) -> Participant:
    return Participant(
        id=new_id(),
        party_file_id=FILE_ID,
        role=ParticipantRole.VICTIM,
        **fields,  # type: ignore[arg-type]
    )


ZOE = person(
    given_names="Zoë",
    family_name="O'Brien",
    date_of_birth=date(1990, 5, 14),
    phones=("07700 900123", "+44 (0)1245 123456"),
    emails=("Zoe.OBrien@example.org",),
    addresses=("Flat 2, 14 Acacia Avenue, Chelmsford CM1 2AB",),
    references=("EP/12345/24",),
)
SIOBHAN = person(
    given_names="Siobhán Mary",
    family_name="Ellis-Kowalski",
    aliases=("Shiv", "Big Shiv Ellis"),
    date_of_birth=date(2008, 11, 3),
    is_child=True,
    references=("YOS-778812",),
    addresses=("3b Mill Lane, Witham, CM8 1QQ",),
)
MAY = person(
    given_names="May",
    family_name="Baker",
    aliases=("Little Bird",),
    date_of_birth=date(1975, 3, 1),
    phones=("01206 555 019",),
    addresses=("Rose Cottage, Church Lane, Writtle",),
)
WILL = person(given_names="William", preferred_name="Will", family_name="Hope")
ANN = person(given_names="Ann", family_name="Lee", emails=("ann.lee@example.net",))
GRACE = person(given_names="Grace", family_name="de la Cruz", date_of_birth=date(1962, 8, 30))
NIALL = person(given_names="Niall", family_name="O'Neill", date_of_birth=date(1987, 3, 12))
TEGAN = person(given_names="Tegan", family_name="Rhys-Gill", preferred_name="D'Arcy")

OTHER_PARTY = (ZOE, SIOBHAN, MAY, WILL, ANN, GRACE, NIALL, TEGAN)
