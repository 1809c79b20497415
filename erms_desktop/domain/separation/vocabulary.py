"""The small fixed vocabularies the checker needs: titles, months, name particles, and the
bundled lists of names that are also ordinary words (resources/separation/common_words.txt and
lowercase_words.txt)."""

from __future__ import annotations

from functools import cache
from importlib import resources

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master"})

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number

# Words that put a month name in a time phrase ("in May", "since June"): such a month is
# probably not a person even when capitalised.
TIME_WORDS = frozenset(
    {
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "this",
        "of",
        "from",
        "before",
        "after",
        "through",
        "throughout",
        "end",
        "start",
    }
)

# Parts of multi-word names that identify nobody on their own (de la Cruz, van der Berg).
PARTICLES = frozenset(
    {"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "st"}
    | {"bin", "bint", "al", "el", "ap", "ab", "mac", "mc", "y", "e"}
)


@cache
def common_words() -> frozenset[str]:
    """Names that are also ordinary English words (bundled, read once per process)."""
    return _bundled("common_words.txt")


@cache
def lowercase_words() -> frozenset[str]:
    """Family names that are also ordinary lower-case words (lee, gill, moss), which warn rather
    than block when written in lower case mid-sentence on their own."""
    return _bundled("lowercase_words.txt")


def _bundled(name: str) -> frozenset[str]:
    source = resources.files("erms_desktop.resources") / "separation" / name
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )
