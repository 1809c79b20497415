"""Flexible patterns for the structured identifiers (phones, postcodes, emails, references,
house number plus street), and the anchors that trigger them.

Each identifier becomes a regular expression that tolerates the ways people write it, plus a
set of *anchor* words: words of the folded text that must be present if the identifier is.
The checker runs a pattern only in a small window around an anchor it found in the text's word
set, so a clean text costs one set intersection, never one regex pass per identifier.
Patterns apply to the folded, squeezed text (lower case, no accents, no apostrophes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from erms_desktop.domain.separation.findings import FindingKind, Severity
from erms_desktop.domain.separation.normalise import JOINER, fold, words

# Patterns run on folded text, where apostrophes and invisible joiners are all "'".
_DIGIT_GAP = r"[\s\-().']{0,3}"
_REF_GAP = r"[\s/\-.:#']*"
_NOT_WORD_BEFORE = r"(?<![^\W_])"
_NOT_WORD_AFTER = r"(?![^\W_])"
_UK_PREFIX = r"(?:(?:\+|00)[ \t]*44[\s\-]*(?:\([ \t]*0[ \t]*\)[\s\-]*|0[\s\-]*)?|(?:\([ \t]*)?0)"
_POSTCODE = re.compile(r"(?<![^\W_])([a-z]{1,2}\d[a-z\d]?)\s*(\d[a-z]{2})(?![^\W_])")
_HOUSE_AND_STREET = re.compile(r"(?<![^\W_])(\d{1,4}[a-z]?),?[ \t]+([a-z][a-z \t]*)")
STREET_TYPES: dict[str, tuple[str, ...]] = {
    "street": ("street", "st"),
    "road": ("road", "rd"),
    "avenue": ("avenue", "ave", "av"),
    "lane": ("lane", "ln"),
    "close": ("close", "cl"),
    "drive": ("drive", "dr"),
    "crescent": ("crescent", "cres"),
    "court": ("court", "ct"),
    "gardens": ("gardens", "gdns"),
    "place": ("place", "pl"),
    "terrace": ("terrace", "terr", "tce"),
    "square": ("square", "sq"),
    "grove": ("grove", "gr"),
    "parade": ("parade", "pde"),
    "way": ("way",),
    "walk": ("walk",),
    "mews": ("mews",),
    "rise": ("rise",),
    "row": ("row",),
    "green": ("green",),
    "hill": ("hill",),
    "view": ("view",),
    "park": ("park", "pk"),
    "chase": ("chase",),
}
_STREET_TYPE_OF = {form: name for name, forms in STREET_TYPES.items() for form in forms}


@dataclass(frozen=True, slots=True)
class Probe:
    """One identifier of one participant: its pattern and how sure a match of it is."""

    participant: int
    kind: FindingKind
    severity: Severity
    pattern: str
    reach: int  # how far around an anchor a match can extend


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> re.Pattern[str]:
    """Patterns compile on first use and are shared by every checker in the process."""
    return re.compile(pattern)


def _flex(chars: str, gap: str) -> str:
    return gap.join(re.escape(c) for c in chars)


def _substrings(value: str, shortest: int) -> set[str]:
    return {value[i:j] for i in range(len(value)) for j in range(i + shortest, len(value) + 1)}


def phone_probe(phone: str, participant: int) -> tuple[Probe, set[str]] | None:
    digits = re.sub(r"\D", "", phone)
    international = phone.strip().startswith("+") or digits.startswith("00")
    if international:
        digits = digits.removeprefix("00")
        if not digits.startswith("44"):
            pattern = r"(?:\+|00)[ \t]*" + _flex(digits, _DIGIT_GAP)
            return _digits_probe(pattern, {digits, "00" + digits}, participant)
        digits = "0" + digits[2:].removeprefix("0")
    if len(digits) < 6:
        return None
    national = digits.removeprefix("0")
    digits = "0" + national
    pattern = _UK_PREFIX + _flex(national, _DIGIT_GAP)
    return _digits_probe(pattern, {digits, "44" + national, "0044" + national}, participant)


def _digits_probe(pattern: str, dialled: set[str], participant: int) -> tuple[Probe, set[str]]:
    """However the digits are grouped, one group has at least three of them (ten digits in at
    most four groups), and it is a run of the number as dialled at home or from abroad."""
    digits = max(dialled, key=len)
    anchors = {piece for number in dialled for piece in _substrings(number, 3)}
    probe = Probe(
        participant,
        FindingKind.PHONE,
        Severity.BLOCK,
        r"(?<![\d+])" + pattern + r"(?!\d)",
        3 * len(digits) + 12,
    )
    return probe, anchors


def postcodes_in(address: str) -> list[tuple[str, str]]:
    return _POSTCODE.findall(fold(address).replace(JOINER, ""))


def postcode_probe(outward: str, inward: str, participant: int) -> tuple[Probe, set[str]]:
    pattern = _NOT_WORD_BEFORE + re.escape(outward) + r"[ \t]*" + re.escape(inward)
    probe = Probe(participant, FindingKind.POSTCODE, Severity.BLOCK, pattern + _NOT_WORD_AFTER, 16)
    return probe, {inward, outward + inward}


def email_probe(email: str, participant: int) -> tuple[Probe, set[str]] | None:
    value = fold(email.strip())
    local, at, domain = value.partition("@")
    pieces = words(local.replace(JOINER, ""))
    if not at or not pieces or not domain:
        return None
    pattern = r"(?<![\w.%+\-])" + re.escape(value) + r"(?![\w\-]|\.\w)"
    probe = Probe(participant, FindingKind.EMAIL, Severity.BLOCK, pattern, len(value) + 4)
    return probe, {max(pieces, key=len)}


def reference_probe(reference: str, participant: int) -> tuple[Probe, set[str]] | None:
    squashed = "".join(words(reference))
    if len(squashed) < 4:
        return None
    pattern = _NOT_WORD_BEFORE + _flex(squashed, _REF_GAP) + _NOT_WORD_AFTER
    probe = Probe(
        participant, FindingKind.REFERENCE, Severity.BLOCK, pattern, 4 * len(squashed) + 8
    )
    # Written with other separators, the reference still shows a long run of its characters.
    return probe, _substrings(squashed, 4) | {w for w in words(reference) if len(w) >= 3}


def address_probes(address: str, participant: int) -> list[tuple[Probe, set[str]]]:
    """House number plus street blocks; the street alone warns. An address without a house
    number ("Rose Cottage, Church Lane") still gives its street, as a warning."""
    text = fold(address).replace(JOINER, "")
    found = _HOUSE_AND_STREET.search(text)
    if found:
        number, street = found.group(1), _street_words(found.group(2))
    else:
        number, street = "", _named_street(text)
    distinctive = [w for w in street if w not in _STREET_TYPE_OF]
    if not distinctive:
        return []
    street_pattern = r"[ \t]+".join(_street_word_pattern(word) for word in street)
    anchors = set(distinctive)
    reach = 3 * len(" ".join(street)) + 16
    probes = [
        Probe(
            participant,
            FindingKind.ADDRESS,
            Severity.WARN,
            _NOT_WORD_BEFORE + street_pattern + _NOT_WORD_AFTER,
            reach,
        )
    ]
    if number:
        pattern = re.escape(number) + r",?\s+" + street_pattern
        probes.append(
            Probe(
                participant,
                FindingKind.ADDRESS,
                Severity.BLOCK,
                _NOT_WORD_BEFORE + pattern + _NOT_WORD_AFTER,
                reach,
            )
        )
    return [(probe, anchors) for probe in probes]


def _named_street(text: str) -> list[str]:
    """The first line of an address that ends in a street type (Church Lane, The Avenue)."""
    for line in re.split(r"[,\n]", text):
        street = line.split()
        if len(street) > 1 and street[-1] in _STREET_TYPE_OF and all(w.isalpha() for w in street):
            return street
    return []


def _street_words(raw: str) -> list[str]:
    """Words of the street up to its type word (Avenue, Rd...), at most four."""
    street: list[str] = []
    for word in raw.split()[:4]:
        street.append(word)
        if word in _STREET_TYPE_OF and len(street) > 1:
            break
    return street


def _street_word_pattern(word: str) -> str:
    kind = _STREET_TYPE_OF.get(word)
    if kind is None:
        return re.escape(word)
    forms = sorted(STREET_TYPES[kind], key=len, reverse=True)
    return "(?:" + "|".join(forms) + r")\.?"
