"""Folding keeps every offset traceable to the text as typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from erms_desktop.domain.separation.normalise import FoldedText, _fold_table, fold, key, words


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Zoë", "zoe"),
        ("SIOBHÁN", "siobhan"),
        ("Łukasz Øre", "lukasz ore"),
        ("O’Brien", "o'brien"),
        ("Ellis–Kowalski", "ellis-kowalski"),
        ("Zoe\u0308", "zoe'"),
        ("Sm\u200bith", "sm'ith"),
    ],
)
def test_fold_is_one_character_for_one(raw: str, folded: str) -> None:
    assert fold(raw) == folded
    assert len(fold(raw)) == len(raw)


def test_keys_ignore_apostrophes_accents_and_case() -> None:
    assert key("O'Brien") == key("O’Brien") == key("OBRIEN") == "obrien"
    assert words("Siobhán  Ellis-Kowalski") == ["siobhan", "ellis", "kowalski"]


def test_a_dotted_capital_i_keeps_the_length() -> None:
    text = "İlkay"
    assert len(fold(text)) == len(text)


def test_offsets_map_back_over_removed_apostrophes() -> None:
    text = "O'Brien’s and Zoe\u0308 O‘Brien"
    folded = FoldedText(text)
    assert folded.squeezed == "obriens and zoe obrien"
    found = {(k, s, e) for k, s, e, _ in folded.occurrences({"obrien", "zoe"})}
    spans = sorted(
        text[folded.start_in_original(s) : folded.end_in_original(e)] for _, s, e in found
    )
    assert spans == ["O'Brien", "O‘Brien", "Zoe\u0308"]


def test_possessive_and_plural_are_told_apart() -> None:
    folded = FoldedText("Smith's cat and the Smiths")
    hits = sorted(folded.occurrences({"smith"}))
    assert [(s, e, folded.removed_before(e)) for _, s, e, _ in hits] == [
        (0, 5, True),
        (19, 24, False),
    ]


def test_words_glued_to_unusual_symbols_are_still_words() -> None:
    text = "Zoe😀rang　Zoe。"
    folded = FoldedText(text)
    assert {"zoe", "rang"} <= folded.token_set()
    starts = sorted(s for _, s, _, _ in folded.occurrences({"zoe"}))
    assert [text[s : s + 3] for s in starts] == ["Zoe", "Zoe"]


@given(st.text(alphabet=st.sampled_from("aZé'’ \n-.ö\u0308İß😀"), max_size=60))
@settings(max_examples=300, deadline=None)
def test_every_word_found_maps_back_to_the_same_word(text: str) -> None:
    folded = FoldedText(text)
    for word, start, end, _ in folded.occurrences(folded.token_set()):
        original = text[folded.start_in_original(start) : folded.end_in_original(end)]
        assert key(original) == word


def _fold_one_by_one(text: str) -> str:
    table = _fold_table()
    out = []
    for char in text:
        mapped = table.get(ord(char), char)
        lowered = mapped.lower()
        out.append(lowered if len(lowered) == 1 else mapped)
    return "".join(out)


@given(st.text(alphabet=st.sampled_from("abcXYZ 12'`.,-éÖß“”’😀İ\u0308\u00a0\u200d"), max_size=300))
@settings(max_examples=300, deadline=None)
def test_every_fold_path_agrees_with_folding_one_character_at_a_time(text: str) -> None:
    # Long ASCII padding sends sparse non-ASCII text down the run-by-run path.
    for candidate in (text, text + "x" * 40 * len(text)):
        assert fold(candidate) == _fold_one_by_one(candidate)


def test_a_pasted_email_folds_to_ascii() -> None:
    text = "“Hello” – she said… £50 • 5 × 3 😀 café\u00a0ok"
    folded = fold(text)
    assert folded.isascii()
    assert folded == '"hello" - she said   50   5   3   cafe ok'
