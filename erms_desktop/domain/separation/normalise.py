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
from collections.abc import Collection, Iterator
from functools import cache
from itertools import accumulate, compress

JOINER = "'"
# Written between the letters of one word: apostrophe look-alikes, soft hyphen, zero-width
# characters (which could otherwise split a name invisibly).
_JOINERS = "'’‘ʼʻ`´′ʹ＇\u00ad\u200b\u200c\u200d\u2060\ufeff"
_DASHES = "‐‑‒–—―−"
_QUOTES = "“”„‟«»‹›"
# Where punctuation, spaces and symbols live: Latin-1 to CJK punctuation, full-width forms,
# pictographs and emoji.
_SYMBOL_RANGES = ((0x80, 0x3040), (0xFF00, 0xFFF0), (0x1F000, 0x1FB00))
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_COMMON_NON_ASCII = "’‘“”–—\u00a0…•"
_COMBINING_RANGES = ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100))
_SPECIAL_LETTERS = {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i"}
_WORD_PART = re.compile(r"[^\W_]+")
_JOINED_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)+")


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
    # Other punctuation and spaces become ASCII, so a typical pasted email folds to ASCII
    # text and every later pass over it takes CPython's fast ASCII paths.
    table.update({ord(c): '"' for c in _QUOTES})
    table.update(dict.fromkeys(range(0xFE00, 0xFE10), JOINER))  # variation selectors
    for low, high in _SYMBOL_RANGES:
        for cp in range(low, high):
            if cp not in table and not chr(cp).isalnum():
                table[cp] = " "
    return table


@cache
def _split_table() -> dict[int, str]:
    """Every separator to a space, one character for one, for splitting the squeezed text into
    words (a separator beyond U+3000 that this misses is dealt with by a regex)."""
    table = {ord(c): " " for c in string.punctuation + string.whitespace}
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
    """Same length as ``text``: accents dropped, joiners as ``'``, dashes as ``-``, other
    punctuation as ASCII, lower case.

    str.translate leaves CPython's fast ASCII path at the first other character, so the
    usual non-ASCII of pasted mail (curly quotes, dashes, no-break spaces) is replaced first,
    Latin-1 text is translated as bytes, and only what remains pays the general path.
    """
    if not text.isascii():
        table = _fold_table()
        for char in _COMMON_NON_ASCII:
            text = text.replace(char, table[ord(char)])
        if not text.isascii():
            text = _translate(text, table, _fold_bytes())
    return _lower_same_length(text.replace("`", JOINER))


def _translate(text: str, table: dict[int, str], latin1: bytes) -> str:
    if text.isascii():
        return text.translate(table)
    if max(text) < "\u0100":
        return text.encode("latin-1").translate(latin1).decode("latin-1")
    non_ascii = len(text.encode("utf-8", "surrogatepass")) - len(text)
    if non_ascii * 20 < len(text):  # a few runs in a long text: translate just those
        return _NON_ASCII_RUN.sub(lambda run: run.group().translate(table), text)
    return text.translate(table)


@cache
def _fold_bytes() -> bytes:
    table = _fold_table()
    return bytes(ord(table.get(code, chr(code))) for code in range(256))


@cache
def _split_bytes() -> bytes:
    table = _split_table()
    return bytes(ord(table.get(code, chr(code))) for code in range(256))


def key(text: str) -> str:
    """The matching key of one word as a participant gave it: folded, apostrophes removed."""
    return fold(text).replace(JOINER, "")


def words(text: str) -> list[str]:
    """The keys of the words in ``text`` (an identifier as given), in order."""
    return _WORD_PART.findall(fold(text).replace(JOINER, ""))


def joined_words(text: str) -> list[tuple[str, ...]]:
    """The words of ``text`` written with an apostrophe inside (O'Neill, D'Arcy), as their
    parts: people also write such a name with a space instead ("O Neill")."""
    return [tuple(m.group().split(JOINER)) for m in _JOINED_WORD.finditer(fold(text))]


class FoldedText:
    """A text folded and squeezed (joiners removed), with the map back to the original.

    Its words are found once, with C-level passes only: the squeezed text is translated so
    that every separator is a space and split on single spaces, so the position of the i-th
    piece is the length of the pieces before it plus i.
    """

    __slots__ = (
        "_ends",
        "_found",
        "_odd",
        "_pieces",
        "_removed",
        "_tokens",
        "folded",
        "original",
        "squeezed",
    )

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
        self._pieces = _translate(self.squeezed, _split_table(), _split_bytes()).split(" ")
        self._ends: list[int] | None = None
        self._found: dict[str, list[int]] = {}
        tokens = set(self._pieces)
        tokens.discard("")
        # Pieces holding a separator the table does not know (beyond U+3000) are split again.
        self._odd = {token for token in tokens if not token.isalnum()}
        tokens -= self._odd
        for token in self._odd:
            tokens.update(_WORD_PART.findall(token))
        self._tokens = tokens

    def token_set(self) -> set[str]:
        """Every word of the squeezed text (a fresh set the caller may change)."""
        return set(self._tokens)

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

    def prefetch(self, keys: Collection[str]) -> None:
        """Locate all these keys (and their plurals) in one pass, for later ``occurrences``."""
        self._locate(set(keys) | {key + "s" for key in keys})

    def occurrences(self, keys: Collection[str]) -> Iterator[tuple[str, int, int, int]]:
        """Where each key stands as a whole word in the squeezed text.

        Yields (key, start, end, end_with_s): ``end_with_s`` is the end of the same word
        followed by an ``s`` (possessive Smith's once squeezed, or plural the Smiths), or -1
        when the word stands alone.
        """
        exact = set(keys)
        plurals = {key + "s": key for key in exact}
        for word, starts in self._locate(exact | plurals.keys()).items():
            stem = plurals.get(word)
            for start in starts:
                if word in exact:
                    yield word, start, start + len(word), -1
                if stem is not None:
                    yield stem, start, start + len(stem), start + len(word)

    def _locate(self, words: set[str]) -> dict[str, list[int]]:
        present = words & self._tokens
        missing = present - self._found.keys()
        if missing:
            self._scan(missing)
        return {word: self._found[word] for word in present}

    def _scan(self, present: set[str]) -> None:
        pieces = self._pieces
        if self._ends is None:
            self._ends = list(accumulate(map(len, pieces)))
        ends = self._ends
        found = self._found
        for word in present:
            found[word] = []
        look_for = present | self._odd
        for index in compress(range(len(pieces)), map(look_for.__contains__, pieces)):
            piece = pieces[index]
            start = ends[index] - len(piece) + index
            if piece in present:
                found[piece].append(start)
                continue
            for part in _WORD_PART.finditer(piece):
                if part.group() in present:
                    found[part.group()].append(start + part.start())
