"""The example table: how the checker reads real-looking sentences about the other party.

Each row is a text and exactly the findings expected in it, as (matched text, kind,
severity, participant). Rows with no findings are the negatives: words that contain a name,
ordinary uses of names that are also words, and near-misses of structured identifiers.
"""

from __future__ import annotations

import pytest

from erms_desktop.domain.separation import FindingKind, SeparationChecker, Severity
from tests.separation.people import (
    ANN,
    GRACE,
    MAY,
    NIALL,
    OTHER_PARTY,
    SIOBHAN,
    TEGAN,
    WILL,
    ZOE,
)

B, W = Severity.BLOCK, Severity.WARN
NAME, ALIAS, DOB = FindingKind.NAME, FindingKind.ALIAS, FindingKind.DATE_OF_BIRTH
ADDR, PC, PHONE = FindingKind.ADDRESS, FindingKind.POSTCODE, FindingKind.PHONE
EMAIL, REF = FindingKind.EMAIL, FindingKind.REFERENCE

Row = tuple[str, list[tuple[str, FindingKind, Severity, object]]]

NAMES: list[Row] = [
    ("I spoke to Zoë today.", [("Zoë", NAME, B, ZOE)]),
    ("I spoke to Zoe today.", [("Zoe", NAME, B, ZOE)]),
    ("i spoke to zoe today", [("zoe", NAME, B, ZOE)]),
    ("ZOE CALLED BACK", [("ZOE", NAME, B, ZOE)]),
    ("Zoe\u0308 called", [("Zoe\u0308", NAME, B, ZOE)]),
    ("then ZOË called", [("ZOË", NAME, B, ZOE)]),
    ("O'Brien phoned", [("O'Brien", NAME, B, ZOE)]),
    ("O’Brien phoned", [("O’Brien", NAME, B, ZOE)]),
    ("O‘Brien phoned", [("O‘Brien", NAME, B, ZOE)]),
    ("Oʼbrien phoned", [("Oʼbrien", NAME, B, ZOE)]),
    ("O`Brien phoned", [("O`Brien", NAME, B, ZOE)]),
    ("OBrien phoned", [("OBrien", NAME, B, ZOE)]),
    ("obrien phoned", [("obrien", NAME, B, ZOE)]),
    ("I met Zoe O'Brien's mum", [("Zoe O'Brien", NAME, B, ZOE)]),
    ("I met Zoe O’Brien’s mum", [("Zoe O’Brien", NAME, B, ZOE)]),
    ("that is Zoe's bag", [("Zoe", NAME, B, ZOE)]),
    ("The O'Briens came", [("O'Briens", NAME, B, ZOE)]),
    ("We saw Mr O'Brien", [("Mr O'Brien", NAME, B, ZOE)]),
    ("We saw Ms. O'Brien", [("Ms. O'Brien", NAME, B, ZOE)]),
    ("We saw Dr Zoe O'Brien", [("Dr Zoe O'Brien", NAME, B, ZOE)]),
    ("We saw Zoe\nO'Brien", [("Zoe\nO'Brien", NAME, B, ZOE)]),
    ("We saw Zoe   O'Brien", [("Zoe   O'Brien", NAME, B, ZOE)]),
    ("We saw Zoe \r\n O'Brien", [("Zoe \r\n O'Brien", NAME, B, ZOE)]),
    ("Siobhán said", [("Siobhán", NAME, B, SIOBHAN)]),
    ("Siobhan said", [("Siobhan", NAME, B, SIOBHAN)]),
    ("SIOBHAN said", [("SIOBHAN", NAME, B, SIOBHAN)]),
    ("Siobha\u0301n said", [("Siobha\u0301n", NAME, B, SIOBHAN)]),
    ("then siobhan said", [("siobhan", NAME, B, SIOBHAN)]),
    ("met Ellis-Kowalski", [("Ellis-Kowalski", NAME, B, SIOBHAN)]),
    ("met Ellis Kowalski", [("Ellis Kowalski", NAME, B, SIOBHAN)]),
    ("met Ellis–Kowalski", [("Ellis–Kowalski", NAME, B, SIOBHAN)]),
    ("met Ellis-\nKowalski", [("Ellis-\nKowalski", NAME, B, SIOBHAN)]),
    ("met Kowal-\nski today", [("Kowal-\nski", NAME, B, SIOBHAN)]),
    ("met Siob-\r\nhan today", [("Siob-\r\nhan", NAME, B, SIOBHAN)]),
    ("a well-\nknown place", []),
    ("met Miss Ellis today", [("Miss Ellis", NAME, B, SIOBHAN)]),
    ("met Kowalski today", [("Kowalski", NAME, B, SIOBHAN)]),
    ("met Siobhán Mary Ellis-Kowalski", [("Siobhán Mary Ellis-Kowalski", NAME, B, SIOBHAN)]),
    ("Mary called", [("Mary", NAME, B, SIOBHAN)]),
    ("Shiv came", [("Shiv", ALIAS, B, SIOBHAN)]),
    ("the one they call Big Shiv Ellis", [("Big Shiv Ellis", ALIAS, B, SIOBHAN)]),
    ("the Kowalskis were away", [("Kowalskis", NAME, B, SIOBHAN)]),
    ("I told May about it.", [("May", NAME, B, MAY)]),
    ("May said hello.", [("May", NAME, W, MAY)]),
    ("You may go now.", [("may", NAME, W, MAY)]),
    ("We will meet in May.", [("May", NAME, W, MAY), ("will", NAME, W, WILL)]),
    ("Meeting planned in May 2025.", []),
    ("May 2023 was busy", []),
    ("seen on 3 May by the panel", []),
    ("seen on the 3rd of May by the panel", []),
    ("Mrs Baker phoned", [("Mrs Baker", NAME, B, MAY)]),
    ("the baker phoned", [("baker", NAME, W, MAY)]),
    ("Baker phoned", [("Baker", NAME, W, MAY)]),
    ("then Baker phoned", [("Baker", NAME, B, MAY)]),
    ("May Baker phoned", [("May Baker", NAME, B, MAY)]),
    ("so may baker phoned", [("may baker", NAME, B, MAY)]),
    ("MAY BAKER PHONED", [("MAY BAKER", NAME, B, MAY)]),
    ("NOTES FOR MAY", [("MAY", NAME, W, MAY)]),
    ("she rang Little Bird back", [("Little Bird", ALIAS, B, MAY)]),
    ("a little bird told me", [("little bird", ALIAS, W, MAY)]),
    ("Will Hope called", [("Will Hope", NAME, B, WILL)]),
    ("Will you call?", [("Will", NAME, W, WILL)]),
    ("I will call", [("will", NAME, W, WILL)]),
    ("I spoke with Will.", [("Will", NAME, B, WILL)]),
    ("we hope so", [("hope", NAME, W, WILL)]),
    ("Mr Hope was late", [("Mr Hope", NAME, B, WILL)]),
    ("then William left", [("William", NAME, B, WILL)]),
    ("we met Will's mum", [("Will", NAME, B, WILL)]),
    ("Ann called", [("Ann", NAME, B, ANN)]),
    ("Lee called", [("Lee", NAME, B, ANN)]),
    ("ANN LEE", [("ANN LEE", NAME, B, ANN)]),
    ("Grace called", [("Grace", NAME, W, GRACE)]),
    ("then Grace called", [("Grace", NAME, B, GRACE)]),
    ("by the grace of", [("grace", NAME, W, GRACE)]),
    ("then Cruz called", [("Cruz", NAME, B, GRACE)]),
    ("Grace de la Cruz called", [("Grace de la Cruz", NAME, B, GRACE)]),
    ("Ms de la Cruz called", [("Cruz", NAME, B, GRACE)]),
    ("Zoe and Ann met", [("Zoe", NAME, B, ZOE), ("Ann", NAME, B, ANN)]),
    ("“Zoe,” she said", [("Zoe", NAME, B, ZOE)]),
    ("(Siobhan) was there", [("Siobhan", NAME, B, SIOBHAN)]),
]

# A name written with a space where it is recorded with an apostrophe or a hyphen.
SPACED: list[Row] = [
    ("I rang O Neill about the visit", [("O Neill", NAME, B, NIALL)]),
    ("I rang Niall O Neill today", [("Niall O Neill", NAME, B, NIALL)]),
    ("Mr O Neill was out", [("Mr O Neill", NAME, B, NIALL)]),
    ("the o neill family", [("o neill", NAME, B, NIALL)]),
    ("met O-Neill", [("O-Neill", NAME, B, NIALL)]),
    ("D Arcy came", [("D Arcy", NAME, B, TEGAN)]),
    ("asked Tegan Rhys Gill", [("Tegan Rhys Gill", NAME, B, TEGAN)]),
    ("asked Rhys Gill", [("Rhys Gill", NAME, B, TEGAN)]),
    ("O Level results", []),
]

# A short family name that is also an everyday word, in lower case mid-sentence, alone.
LOWERCASE_WORDS: list[Row] = [
    ("we sat in the lee of the barn", [("lee", NAME, W, ANN)]),
    ("a gill of milk", [("gill", NAME, W, TEGAN)]),
    ("then Lee phoned", [("Lee", NAME, B, ANN)]),
    ("then Mrs lee phoned", [("Mrs lee", NAME, B, ANN)]),
    ("then ann lee phoned", [("ann lee", NAME, B, ANN)]),
    ("lee phoned first", [("lee", NAME, B, ANN)]),
    # A short family name that is not an ordinary word blocks in lower case too.
    ("we met cruz at the centre", [("cruz", NAME, B, GRACE)]),
    ("the letter from o'neill came", [("o'neill", NAME, B, NIALL)]),
]

NOT_NAMES: list[Row] = [
    ("The annual review went well.", []),
    ("She fell asleep in the session.", []),
    ("A zoetrope on the shelf.", []),
    ("The Anne Frank exhibition.", []),
    ("Annabel from the office rang.", []),
    ("He moved to Leeds.", []),
    ("The bakery was shut.", []),
    ("It felt hopeless.", []),
    ("She moved gracefully.", []),
    ("Mr Williams from probation.", []),
    ("The mayor opened it.", []),
    ("Willow trees by the river.", []),
    ("The Ellison report.", []),
    ("A Cruzado bicycle.", []),
    ("Mayhem at the station.", []),
    ("He was willing to try.", []),
    ("The roses were lovely.", []),
    ("Zoey from the office.", []),
    ("The mary-go-round.", [("mary", NAME, B, SIOBHAN)]),
    ("Marys and Annies.", []),
    ("Deliberate harm was discussed.", []),
    ("Shivering in the cold.", []),
    ("Bakers and butchers.", []),
    ("Lee-way was given.", [("Lee", NAME, B, ANN)]),
    ("Willpower matters.", []),
    ("Graceland tour.", []),
    ("Obrienne is not a name we know.", []),
    ("The hopes of the panel.", []),
]

# Dates with an abbreviated month between dashes or dots.
JOINED_DATES: list[Row] = [
    ("born 12-Mar-1987 in Leeds", [("12-Mar-1987", DOB, B, NIALL)]),
    ("born 12.Mar.87 in Leeds", [("12.Mar.87", DOB, B, NIALL)]),
    ("dob 12-mar-87", [("12-mar-87", DOB, B, NIALL)]),
    ("born 12.Sept.1987", []),
    ("born 12-Mar-1988", []),
]

DATES: list[Row] = [
    ("born 14/05/1990", [("14/05/1990", DOB, B, ZOE)]),
    ("born 14/5/1990", [("14/5/1990", DOB, B, ZOE)]),
    ("born 14.05.1990", [("14.05.1990", DOB, B, ZOE)]),
    ("born 14-05-1990", [("14-05-1990", DOB, B, ZOE)]),
    ("born 14/05/90", [("14/05/90", DOB, B, ZOE)]),
    ("born 1990-05-14", [("1990-05-14", DOB, B, ZOE)]),
    ("born 1990/05/14", [("1990/05/14", DOB, B, ZOE)]),
    ("born 14th May 1990", [("14th May 1990", DOB, B, ZOE)]),
    ("born 14 May 1990", [("14 May 1990", DOB, B, ZOE)]),
    ("born 14 may 1990", [("14 may 1990", DOB, B, ZOE)]),
    ("born 14th of May, 1990", [("14th of May, 1990", DOB, B, ZOE)]),
    ("born May 14, 1990", [("May 14, 1990", DOB, B, ZOE)]),
    ("born May 14th 1990", [("May 14th 1990", DOB, B, ZOE)]),
    ("born MAY 14TH 1990", [("MAY 14TH 1990", DOB, B, ZOE)]),
    ("birthday 14 May", [("14 May", DOB, W, ZOE)]),
    ("birthday May 14th", [("May 14th", DOB, W, ZOE)]),
    ("since May 1990", []),
    ("born 15 May 1990", []),
    ("born 14/05/1991", []),
    ("born 05/14/1990", []),
    ("born 1st March 1975", [("1st March 1975", DOB, B, MAY)]),
    ("born 01/03/1975", [("01/03/1975", DOB, B, MAY)]),
    ("born 1/3/1975", [("1/3/1975", DOB, B, MAY)]),
    ("born 1975-03-01", [("1975-03-01", DOB, B, MAY)]),
    ("born March 1st, 1975", [("March 1st, 1975", DOB, B, MAY)]),
    ("born 1st of Mar 1975", [("1st of Mar 1975", DOB, B, MAY)]),
    ("in March 1975", []),
    ("born 3rd November 2008", [("3rd November 2008", DOB, B, SIOBHAN)]),
    ("born Nov 3rd, 2008", [("Nov 3rd, 2008", DOB, B, SIOBHAN)]),
    ("born 3/11/2008", [("3/11/2008", DOB, B, SIOBHAN)]),
    ("born 03/11/2008", [("03/11/2008", DOB, B, SIOBHAN)]),
    ("born 11/03/2008", []),
    ("born 30 Aug 1962", [("30 Aug 1962", DOB, B, GRACE)]),
    ("born 30th Sept 1962", []),
    ("born August 30th 1962", [("August 30th 1962", DOB, B, GRACE)]),
    ("meeting on 12/06/2024", []),
]

STRUCTURED: list[Row] = [
    ("rang 07700 900123", [("07700 900123", PHONE, B, ZOE)]),
    ("rang 07700900123", [("07700900123", PHONE, B, ZOE)]),
    ("rang 07700-900-123", [("07700-900-123", PHONE, B, ZOE)]),
    ("rang 07700 900 123", [("07700 900 123", PHONE, B, ZOE)]),
    ("rang (07700) 900123", [("(07700) 900123", PHONE, B, ZOE)]),
    ("rang +447700900123", [("+447700900123", PHONE, B, ZOE)]),
    ("rang +44 7700 900123", [("+44 7700 900123", PHONE, B, ZOE)]),
    ("rang +44 (0)7700 900123", [("+44 (0)7700 900123", PHONE, B, ZOE)]),
    ("rang +44 (0) 7700-900-123", [("+44 (0) 7700-900-123", PHONE, B, ZOE)]),
    ("rang 0044 7700 900123", [("0044 7700 900123", PHONE, B, ZOE)]),
    ("rang 077009001234", []),
    ("rang 107700900123", []),
    ("rang 07700 900124", []),
    ("rang 01245 123456", [("01245 123456", PHONE, B, ZOE)]),
    ("rang (01245) 123 456", [("(01245) 123 456", PHONE, B, ZOE)]),
    ("rang +44 1245 123456", [("+44 1245 123456", PHONE, B, ZOE)]),
    ("rang 01206 555019", [("01206 555019", PHONE, B, MAY)]),
    ("rang 01206-555-019", [("01206-555-019", PHONE, B, MAY)]),
    ("rang +44 (0) 1206 555 019", [("+44 (0) 1206 555 019", PHONE, B, MAY)]),
    ("rang 01206 555018", []),
    ("at CM1 2AB", [("CM1 2AB", PC, B, ZOE)]),
    ("at cm1 2ab", [("cm1 2ab", PC, B, ZOE)]),
    ("at CM12AB", [("CM12AB", PC, B, ZOE)]),
    ("at cm12ab", [("cm12ab", PC, B, ZOE)]),
    ("at Cm1  2aB", [("Cm1  2aB", PC, B, ZOE)]),
    ("in the CM1 area", []),
    ("at CM1 2AC", []),
    ("at XCM1 2AB", []),
    ("at CM8 1QQ", [("CM8 1QQ", PC, B, SIOBHAN)]),
    ("at 14 Acacia Avenue", [("14 Acacia Avenue", ADDR, B, ZOE)]),
    ("at 14 acacia ave", [("14 acacia ave", ADDR, B, ZOE)]),
    ("at 14, Acacia Avenue", [("14, Acacia Avenue", ADDR, B, ZOE)]),
    ("at 14 Acacia Ave. yesterday", [("14 Acacia Ave.", ADDR, B, ZOE)]),
    ("somewhere on Acacia Avenue", [("Acacia Avenue", ADDR, W, ZOE)]),
    ("at 114 Acacia Avenue", [("Acacia Avenue", ADDR, W, ZOE)]),
    ("at 3b Mill Lane", [("3b Mill Lane", ADDR, B, SIOBHAN)]),
    ("at 3B MILL LANE", [("3B MILL LANE", ADDR, B, SIOBHAN)]),
    ("near Mill Lane", [("Mill Lane", ADDR, W, SIOBHAN)]),
    ("at 14 Oak Road", []),
    ("down Church Lane", [("Church Lane", ADDR, W, MAY)]),
    ("at 2 Church Lane", [("Church Lane", ADDR, W, MAY)]),
    ("the church lane", [("church lane", ADDR, W, MAY)]),
    ("ref EP/12345/24", [("EP/12345/24", REF, B, ZOE)]),
    ("ref ep/12345/24", [("ep/12345/24", REF, B, ZOE)]),
    ("ref EP 12345 24", [("EP 12345 24", REF, B, ZOE)]),
    ("ref EP1234524", [("EP1234524", REF, B, ZOE)]),
    ("ref EP-12345-24", [("EP-12345-24", REF, B, ZOE)]),
    ("ref EP/12345/25", []),
    ("ref XEP/12345/24", []),
    ("ref YOS 778812", [("YOS 778812", REF, B, SIOBHAN)]),
    ("ref yos778812", [("yos778812", REF, B, SIOBHAN)]),
    ("ref YOS-7788123", []),
    ("mail Zoe.OBrien@example.org", [("Zoe.OBrien@example.org", EMAIL, B, ZOE)]),
    ("mail ZOE.OBRIEN@EXAMPLE.ORG today", [("ZOE.OBRIEN@EXAMPLE.ORG", EMAIL, B, ZOE)]),
    ("mail ann.lee@example.net.", [("ann.lee@example.net", EMAIL, B, ANN)]),
    ("mail Ann.Lee@Example.Net", [("Ann.Lee@Example.Net", EMAIL, B, ANN)]),
    (
        "mail ann.lee@example.network",
        [("ann", NAME, B, ANN), ("lee", NAME, B, ANN)],
    ),
    ("mail xann.lee@example.net", [("lee", NAME, B, ANN)]),
    ("mail office@example.org", []),
    (
        "Zoe rang 07700 900123 from CM1 2AB",
        [("Zoe", NAME, B, ZOE), ("07700 900123", PHONE, B, ZOE), ("CM1 2AB", PC, B, ZOE)],
    ),
]

ROWS = NAMES + SPACED + LOWERCASE_WORDS + NOT_NAMES + JOINED_DATES + DATES + STRUCTURED
CHECKER = SeparationChecker(OTHER_PARTY)


def test_the_table_is_big_enough() -> None:
    assert len(ROWS) >= 150
    assert sum(1 for _, expected in ROWS if not expected) >= 40


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[text for text, _ in ROWS])
def test_example(text: str, expected: list[tuple[str, FindingKind, Severity, object]]) -> None:
    findings = CHECKER.check(text)
    got = sorted((f.text, f.kind, f.severity, f.participant_id) for f in findings)
    want = sorted((t, k, s, p.id) for t, k, s, p in expected)  # type: ignore[attr-defined]
    assert got == want
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    assert [f.start for f in findings] == sorted(f.start for f in findings)
