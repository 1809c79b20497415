"""Redaction for sharing: blocking findings become a neutral term; an initials-only version of
a text goes to non-secure email addresses."""

from __future__ import annotations

from erms_desktop.domain.separation import (
    NEUTRAL_TERM,
    SeparationChecker,
    initials_only,
    redact,
)
from tests.separation.people import ANN, MAY, OTHER_PARTY, SIOBHAN, WILL, ZOE

CHECKER = SeparationChecker(OTHER_PARTY)


def test_redact_replaces_each_blocking_finding() -> None:
    text = "Zoe O'Brien's mum rang from 07700 900123 about CM1 2AB."
    redacted = redact(text, CHECKER.check(text))
    assert redacted == (f"{NEUTRAL_TERM}'s mum rang from {NEUTRAL_TERM} about {NEUTRAL_TERM}.")
    assert CHECKER.check(redacted) == []


def test_redact_leaves_warnings_for_the_volunteer() -> None:
    text = "We will meet in May; May Baker agreed."
    assert redact(text, CHECKER.check(text)) == f"We will meet in May; {NEUTRAL_TERM} agreed."


def test_redact_merges_overlapping_findings() -> None:
    text = "write to zoe.obrien@example.org today"
    findings = CHECKER.check(text)
    assert redact(text, findings) == f"write to {NEUTRAL_TERM} today"


def test_redact_with_nothing_found_returns_the_text() -> None:
    text = "Nothing to see here."
    assert redact(text, CHECKER.check(text)) == text


def test_redacted_text_is_clean_for_a_mixed_note() -> None:
    text = (
        "Met Siobhán Ellis-Kowalski (born 3rd November 2008) at 3b Mill Lane, CM8 1QQ.\n"
        "Her ref is YOS-778812. Mr Hope and Ann Lee (ann.lee@example.net) also came."
    )
    redacted = redact(text, CHECKER.check(text))
    assert not any(f.blocking for f in CHECKER.check(redacted))
    for leaked in ("Siobh", "Kowalski", "2008", "Mill Lane", "CM8", "778812", "Hope", "Lee"):
        assert leaked not in redacted


def test_initials_only_turns_names_into_initials() -> None:
    text = "Mr O'Brien said Zoë Mary called Will about Siobhán Ellis-Kowalski."
    assert initials_only(text, [ZOE, WILL, SIOBHAN]) == (
        "Mr O. said Z. M. called W. about S. E.-K."
    )


def test_initials_only_keeps_ordinary_words() -> None:
    text = "We will see if May can come; I hope so."
    assert initials_only(text, [WILL, MAY]) == "We will see if M. can come; I hope so."


def test_initials_only_withholds_other_identifiers() -> None:
    text = "Ann Lee, ann.lee@example.net, rang Zoe on 07700 900123."
    assert initials_only(text, [ANN, ZOE]) == "A. L., [withheld], rang Z. on [withheld]."


def test_initials_only_covers_only_the_participants_given() -> None:
    text = "Zoe met Ann."
    assert initials_only(text, [ZOE]) == "Z. met Ann."
