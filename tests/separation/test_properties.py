"""Property tests: any identifier of the other party inserted anywhere into clean prose is
caught by a blocking finding that covers it; clean prose yields nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from erms_desktop.domain.separation import SeparationChecker, Severity
from tests.separation.people import OTHER_PARTY

CHECKER = SeparationChecker(OTHER_PARTY)
SETTINGS = settings(max_examples=200, deadline=None)

# Ordinary words, some of them containing names (annual, asleep, mayor, bakery...).
CLEAN_TEXT = (
    "the a we she he they met at home on about after before meeting visit phone call letter "
    "felt worried because annual asleep mayor bakery hopeful gracefully willing zoetrope "
    "shivering annex leeway sorry harm repair apology listened talked garden road office "
    "probation police victim support session agreed plan next steps calm angry tired happy "
    "wrote read shared consent form facilitator volunteer outcome review weekly sleep door"
)
CLEAN = CLEAN_TEXT.split()
# Names that are also ordinary words, written in lower case as ordinary words.
ORDINARY_USES = ["will", "grace", "may", "little"]
PUNCTUATION = ["", "", "", ",", ".", "!", "?", ";", ":"]


@st.composite
def prose(draw: st.DrawFn, vocabulary: list[str], capitalise_any: bool) -> list[str]:
    words = draw(st.lists(st.sampled_from(vocabulary), min_size=0, max_size=40))
    out: list[str] = []
    sentence_start = True
    for word in words:
        capital = sentence_start or (capitalise_any and draw(st.booleans()))
        mark = draw(st.sampled_from(PUNCTUATION))
        out.append((word.capitalize() if capital else word) + mark)
        sentence_start = mark in {".", "!", "?"}
    return out


def _join(words: list[str], draw: st.DrawFn) -> str:
    separators = [draw(st.sampled_from([" ", " ", "  ", "\n"])) for _ in words]
    return "".join(word + sep for word, sep in zip(words, separators, strict=True))


@given(st.data())
@SETTINGS
def test_clean_prose_yields_nothing(data: st.DataObject) -> None:
    text = _join(data.draw(prose(CLEAN, capitalise_any=True)), data.draw)
    assert CHECKER.check(text) == []


@given(st.data())
@SETTINGS
def test_ordinary_uses_of_name_words_never_block(data: st.DataObject) -> None:
    words = data.draw(prose(CLEAN + ORDINARY_USES, capitalise_any=False))
    text = _join(words, data.draw)
    assert not any(f.severity is Severity.BLOCK for f in CHECKER.check(text))


def _cased(draw: st.DrawFn, text: str) -> str:
    how = draw(st.sampled_from(["as is", "upper", "lower", "random"]))
    if how == "upper":
        return text.upper()
    if how == "lower":
        return text.lower()
    if how == "random":
        return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in text)
    return text


@st.composite
def names(draw: st.DrawFn) -> str:
    """Names that are definite whatever the case (common words only with a title or in full)."""
    name = draw(
        st.sampled_from(
            [
                "Zoë",
                "Zoe",
                "O'Brien",
                "O’Brien",
                "OBrien",
                "Zoe O'Brien",
                "Siobhán",
                "Siobhan",
                "Ellis-Kowalski",
                "Ellis Kowalski",
                "Kowalski",
                "Mary",
                "Shiv",
                "Big Shiv Ellis",
                "May Baker",
                "Mrs Baker",
                "Will Hope",
                "Mr Hope",
                "William",
                "Ann",
                "Ann Lee",  # "Lee" alone is an ordinary word in lower case (test_table.py)
                "Cruz",
                "Grace de la Cruz",
                "Dr Grace Cruz",
            ]
        )
    )
    if draw(st.booleans()):
        name = name.replace(" ", draw(st.sampled_from(["\n", "  ", " \n "])))
    return _cased(draw, name)


@st.composite
def phones(draw: st.DrawFn) -> str:
    national = draw(st.sampled_from(["7700900123", "1245123456", "1206555019"]))
    cuts = sorted(draw(st.sets(st.integers(1, len(national) - 1), max_size=3)))
    groups = [national[i:j] for i, j in zip([0, *cuts], [*cuts, len(national)], strict=True)]
    body = groups[0]
    for group in groups[1:]:
        body += draw(st.sampled_from([" ", "-", "", " - "])) + group
    prefix = draw(st.sampled_from(["0", "+44 ", "+44", "+44 (0)", "+44 (0) ", "0044 ", "("]))
    if prefix == "(":
        return f"(0{groups[0]}) " + " ".join(groups[1:]) if len(groups) > 1 else f"0{body}"
    return prefix + body


@st.composite
def postcodes(draw: st.DrawFn) -> str:
    outward, inward = draw(st.sampled_from([("CM1", "2AB"), ("CM8", "1QQ")]))
    return _cased(draw, outward + draw(st.sampled_from(["", " ", "  "])) + inward)


MONTH_NAMES = {5: ("May",), 3: ("March", "Mar"), 11: ("November", "Nov"), 8: ("August", "Aug")}
BIRTHDAYS = [(14, 5, 1990), (1, 3, 1975), (3, 11, 2008), (30, 8, 1962)]


@st.composite
def birth_dates(draw: st.DrawFn) -> str:
    day, month, year = draw(st.sampled_from(BIRTHDAYS))
    name = draw(st.sampled_from(MONTH_NAMES[month]))
    suffix = {1: "st", 3: "rd"}.get(day, "th")
    ordinal = draw(st.sampled_from(["", suffix]))
    form = draw(
        st.sampled_from(
            [
                f"{day:02d}/{month:02d}/{year}",
                f"{day}/{month}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day}{ordinal} {name} {year}",
                f"{day}{ordinal} of {name}, {year}",
                f"{name} {day}{ordinal}, {year}",
                f"{name} {day}{ordinal} {year}",
            ]
        )
    )
    return _cased(draw, form)


@st.composite
def structured(draw: st.DrawFn) -> str:
    choice = draw(st.sampled_from(["email", "reference", "address"]))
    if choice == "email":
        return _cased(
            draw, draw(st.sampled_from(["Zoe.OBrien@example.org", "ann.lee@example.net"]))
        )
    if choice == "reference":
        sep = [draw(st.sampled_from(["/", "-", " ", ""])) for _ in range(2)]
        return _cased(
            draw, draw(st.sampled_from([f"EP{sep[0]}12345{sep[1]}24", f"YOS{sep[0]}778812"]))
        )
    street = draw(
        st.sampled_from(["14 Acacia Avenue", "14 Acacia Ave", "14, Acacia Ave.", "3b Mill Lane"])
    )
    return _cased(draw, street)


IDENTIFIERS = st.one_of(names(), phones(), postcodes(), birth_dates(), structured())


@given(st.data(), IDENTIFIERS)
@settings(max_examples=400, deadline=None)
def test_identifier_inserted_anywhere_is_blocked(data: st.DataObject, identifier: str) -> None:
    words = data.draw(prose(CLEAN, capitalise_any=True))
    at = data.draw(st.integers(0, len(words)))
    before = _join(words[:at], data.draw)
    if before and not before[-1].isspace():
        before += " "
    after = (
        data.draw(st.sampled_from(["", ".", ",", "'s", "’s"])) + " " + _join(words[at:], data.draw)
    )
    text = before + identifier + after
    start, end = len(before), len(before) + len(identifier)
    findings = CHECKER.check(text)
    assert any(
        f.severity is Severity.BLOCK and f.start <= start and f.end >= end for f in findings
    ), (text, findings)


@given(
    st.lists(
        st.one_of(
            st.text(st.characters(exclude_categories=()), max_size=12),
            st.sampled_from(["Zoe", "O'Brien", "07700", "900123", "14", "May", "1990", "/"]),
        ),
        max_size=30,
    )
)
@settings(max_examples=300, deadline=None)
def test_any_text_is_checked_without_error(pieces: list[str]) -> None:
    """Arbitrary Unicode (surrogates, controls, astral symbols) never makes the checker fail,
    and every finding still slices the text exactly."""
    text = " ".join(pieces)
    for finding in CHECKER.check(text):
        assert text[finding.start : finding.end] == finding.text
        assert 0 <= finding.start < finding.end <= len(text)
