"""Folding text for matching while keeping every offset traceable to the text as typed.

Folding is one character for one character (accents dropped, apostrophe look-alikes and
combining marks turned into ``'``, lower case), so it runs as two C-level passes. Apostrophes
are then removed, which makes O'Brien, O’Brien and OBrien the same word; the few removed
positions are kept so an index into the folded text maps back with a bisection.
"""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

JOINER = "'"
# Written between the letters of one word: apostrophe look-alikes, soft hyphen, zero-width
# characters (which could otherwise split a name invisibly).
_JOINERS = "'’‘ʼʻ`´′ʹ＇\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DASHES = "‐‑‒–—―−"
_COMBINING_RANGES = ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100))
_SPECIAL_LETTERS = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i"}
_WORD_PART = re.compile(r"[^\W_]+")


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord(c): JOINER for c in _JOINERS}
    table.update({ord(c): "-" for c in _DASHES})
    table.update({ord(k): v for k, v in _SPECIAL_LETTERS.items()})
    for low, high in _COMBINING_RANGES:
        table.update(dict.fromkeys(range(low, high), JOINER))
    for cp in range(0xC0, 0x2000):
        char = chr(cp)
        if cp in table or not char.isalpha():
            continue
        base = unicodedata.normalize("NFKD", char)
        plain = len(base) > 1 and base[0].isascii() and base[0].isalpha()
        if plain and all(unicodedata.combining(mark) for mark in base[1:]):
            table[cp] = base[0]
    return table


@cache
def _split_table() -> dict[int, str | None]:
    """Non-alphanumeric to space for the token set (anything missed is re-split by regex)."""
    table: dict[int, str | None] = {
        ord(c): " " for c in string.punctuation + string.whitespace if c != JOINER
    }
    table[ord(JOINER)] = None
    for cp in range(0x80, 0x3000):
        if not chr(cp).isalnum():
            table[cp] = " "
    return table


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """Same length as ``text``: accents dropped, joiners as ``'``, dashes as ``-``, lower case."""
    return _lower_same_length(text.translate(_fold_table()))


def key(text: str) -> str:
    """The matching key of one word as a participant gave it: folded, apostrophes removed."""
    return fold(text).replace(JOINER, "")


def words(text: str) -> list[str]:
    """The keys of the words in ``text`` (an identifier as given), in order."""
    return _WORD_PART.findall(fold(text).replace(JOINER, ""))


class FoldedText:
    """A text folded and squeezed (joiners removed), with the map back to the original."""

    __slots__ = ("_removed", "folded", "original", "squeezed")

    def __init__(self, original: str) -> None:
        self.original = original
        self.folded = fold(original)
        if JOINER in self.folded:
            self.squeezed = self.folded.replace(JOINER, "")
            positions = [m.start() for m in re.finditer(JOINER, self.folded)]
            self._removed = [pos - rank for rank, pos in enumerate(positions)]
        else:
            self.squeezed = self.folded
            self._removed = []

    def start_in_original(self, index: int) -> int:
        """Original index of the kept character at ``index`` in the squeezed text."""
        if not self._removed:
            return index
        return index + bisect_right(self._removed, index)

    def end_in_original(self, end: int) -> int:
        """Original end of a span ending at squeezed ``end``, with any accents combined onto
        its last letter (Zoe + U+0308), so redaction never leaves a stray mark."""
        if end <= 0:
            return 0
        stop = self.start_in_original(end - 1) + 1
        while stop < len(self.original) and unicodedata.combining(self.original[stop]):
            stop += 1
        return stop

    def removed_before(self, index: int) -> bool:
        """Whether a joiner was removed just before the squeezed character at ``index``."""
        if not self._removed:
            return False
        before = self.start_in_original(index - 1) if index else -1
        return self.start_in_original(index) > before + 1

    def token_set(self) -> set[str]:
        """Every word of the squeezed text, computed with C-level passes."""
        tokens = set(self.squeezed.translate(_split_table()).split())
        odd = {token for token in tokens if not token.isalnum()}
        if odd:
            tokens -= odd
            for token in odd:
                tokens.update(_WORD_PART.findall(token))
        return tokens

    def find_word(self, word: str) -> Iterator[tuple[int, int, int]]:
        """Where ``word`` (a key) stands as a whole word in the squeezed text.

        Yields (start, end, end_with_s): ``end_with_s`` is the end of the same word followed by
        an ``s`` (possessive Smith's, or plural the Smiths), or -1 when the word stands alone.
        """
        text = self.squeezed
        size = len(word)
        index = text.find(word)
        while index != -1:
            end = index + size
            if index == 0 or not text[index - 1].isalnum():
                after = text[end : end + 1]
                if not after.isalnum():
                    yield index, end, -1
                elif after == "s" and not text[end + 1 : end + 2].isalnum():
                    yield index, end, end + 1
            index = text.find(word, index + 1)
