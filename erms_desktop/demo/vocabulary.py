"""Word lists for the synthetic demo data: invented people, places and events.

Names are ordinary given and family names combined at random, so no real person is meant; none is
also an everyday English word (May, Will, Baker...), so note text never mentions someone by
accident. Streets are invented; towns and postcode districts are real Essex ones with invented
units. Phone numbers come from Ofcom's ranges reserved for drama, emails from example domains.
"""

from __future__ import annotations

from erms_desktop.domain.enums import OffenceFlag, OffenceType, ReferralSource

GIVEN_NAMES: tuple[str, ...] = (
    "Abigail", "Amelia", "Bethany", "Chloe", "Danielle", "Eleanor", "Freya", "Georgina",
    "Hannah", "Imogen", "Jasmine", "Katie", "Lauren", "Megan", "Natalie", "Olivia", "Paige",
    "Rebecca", "Sophie", "Tamsin", "Yasmin", "Zara", "Niamh", "Priya", "Agnieszka", "Chiamaka",
    "Leanne", "Kirsty", "Gemma", "Shannon", "Aaron", "Callum", "Declan", "Ethan", "Finley",
    "Gavin", "Harvey", "Isaac", "Jordan", "Kieran", "Liam", "Marcus", "Nathan", "Owen", "Reece",
    "Samuel", "Tyler", "Aiden", "Connor", "Darren", "Elliot", "Kamil", "Tomasz", "Arjun",
    "Kwame", "Lewis", "Ryan", "Stuart", "Wayne", "Dominic",
)  # fmt: skip

FAMILY_NAMES: tuple[str, ...] = (
    "Ashdown", "Birchall", "Dunmore", "Fairbrother", "Hensley", "Ingram", "Lockwood",
    "Merriman", "Northcott", "Pettifer", "Quinlan", "Rowntree", "Sandford", "Underhill",
    "Varley", "Whitlock", "Yardley", "Bramwell", "Dorrington", "Fennimore", "Hartigan",
    "Kilbride", "Mottram", "Sherwin", "Tolhurst", "Okonkwo", "Nowak", "Mensah", "Kowalczyk",
    "Adeyemi", "Brennan", "Coughlan", "Doherty", "Pritchard", "Ellwood", "Hollings",
    "Marchbank", "Pennock", "Stansfield", "Threlfall", "Waddington", "Ainsworth", "Blakemore",
    "Denholm", "Greenhalgh", "Chaudhry", "Szymanski", "Oyelaran",
)  # fmt: skip

PREFERRED_NAMES: dict[str, str] = {
    "Rebecca": "Becky",
    "Samuel": "Sammy",
    "Abigail": "Abby",
    "Georgina": "Gina",
    "Dominic": "Dom",
    "Natalie": "Nattie",
}

ALIASES: tuple[str, ...] = ("Jonno", "Dex", "Kaz", "Robbo", "Mackie", "Tibbsy")

#: Essex towns and some of their real postcode districts.
TOWNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Chelmsford", ("CM1", "CM2")),
    ("Colchester", ("CO1", "CO2", "CO3", "CO4")),
    ("Basildon", ("SS14", "SS15", "SS16")),
    ("Braintree", ("CM7",)),
    ("Brentwood", ("CM14", "CM15")),
    ("Canvey Island", ("SS8",)),
    ("Epping", ("CM16",)),
    ("Harlow", ("CM18", "CM19", "CM20")),
    ("Maldon", ("CM9",)),
    ("Rayleigh", ("SS6",)),
    ("Southend-on-Sea", ("SS1", "SS2")),
    ("Clacton-on-Sea", ("CO15", "CO16")),
    ("Grays", ("RM16", "RM17")),
    ("Saffron Walden", ("CB10", "CB11")),
    ("Witham", ("CM8",)),
    ("Loughton", ("IG10",)),
)

STREET_WORDS: tuple[str, ...] = (
    "Larkspur", "Quillwort", "Tansy", "Sedgefield", "Marram", "Bittern", "Cowslip", "Hornbeam",
    "Samphire", "Whitethroat", "Teasel", "Fieldfare", "Sorrel", "Meadowsweet", "Saltings",
    "Oysterfleet", "Wherry", "Pollard", "Reedling", "Thornfield",
)  # fmt: skip
STREET_KINDS: tuple[str, ...] = (
    "Close", "Road", "Way", "Avenue", "Drive", "Lane", "Gardens", "Crescent", "Mews",
)  # fmt: skip
#: Letters used in the inward half of UK postcodes.
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

_CHILD, _HATE = OffenceFlag.INVOLVES_CHILD, OffenceFlag.HATE_CRIME
#: (type, summary, flags) - summaries never name a person or a place.
OFFENCES: tuple[tuple[OffenceType, str, tuple[OffenceFlag, ...]], ...] = (
    (OffenceType.BURGLARY, "Break-in at a garden shed; power tools taken.", ()),
    (OffenceType.BURGLARY, "Entry to a home through a back window while the family slept.", ()),
    (OffenceType.VIOLENCE, "Assault outside a takeaway after an argument in the queue.", ()),
    (OffenceType.CRIMINAL_DAMAGE, "Windscreen and wing mirrors of a parked car smashed.", ()),
    (OffenceType.ARSON, "Wheelie bin set alight; the fire spread to a garden fence.", ()),
    (OffenceType.THEFT, "Repeated thefts from a corner shop over several weeks.", ()),
    (OffenceType.ROBBERY, "Mobile phone taken by force at a bus stop.", (_CHILD,)),
    (OffenceType.HARASSMENT, "Months of abusive messages to a former friend.", ()),
    (OffenceType.PUBLIC_ORDER, "Shouting abuse at a shop worker about their faith.", (_HATE,)),
    (OffenceType.VEHICLE, "Car taken without consent and abandoned after a crash.", ()),
    (OffenceType.ANTI_SOCIAL_BEHAVIOUR, "Stones thrown at windows on a housing estate.", ()),
    (OffenceType.FRAUD, "Money taken from an older neighbour's bank card.", ()),
)  # fmt: skip

#: Where referrals for adult and for youth cases come from, most frequent first.
ADULT_SOURCES: tuple[ReferralSource, ...] = (
    ReferralSource.ESSEX_POLICE,
    ReferralSource.ESSEX_POLICE,
    ReferralSource.PROBATION_SERVICE,
    ReferralSource.VICTIM_SUPPORT,
    ReferralSource.ESSEX_FIRE_AND_RESCUE,
    ReferralSource.SELF_REFERRAL,
    ReferralSource.OTHER_RJ_SERVICE,
    ReferralSource.CHELMSFORD_COUNCIL,
    ReferralSource.BASILDON_COUNCIL,
    ReferralSource.COLCHESTER_COUNCIL,
    ReferralSource.SOUTHEND_COUNCIL,
    ReferralSource.THURROCK_COUNCIL,
    ReferralSource.TENDRING_COUNCIL,
)
YOUTH_SOURCES: tuple[ReferralSource, ...] = (
    ReferralSource.YOUTH_OFFENDING_SERVICE,
    ReferralSource.ESSEX_POLICE,
)
