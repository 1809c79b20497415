"""The words the note editor puts in place of a mention of the other party, and the one line
that says where the note stands.

A fix keeps the note readable: a name becomes "the other party" or a role word the volunteer
picks ("the person harmed"); a detail becomes a short bracketed placeholder saying what was
taken out ("[phone number removed]"), never the same word for everything."""

from __future__ import annotations

from erms_desktop.domain.enums import Side
from erms_desktop.domain.separation import Finding, FindingKind

_NAMES = {FindingKind.NAME, FindingKind.ALIAS}
_DETAILS = {
    FindingKind.DATE_OF_BIRTH: "date of birth",
    FindingKind.ADDRESS: "address",
    FindingKind.POSTCODE: "postcode",
    FindingKind.PHONE: "phone number",
    FindingKind.EMAIL: "email address",
    FindingKind.REFERENCE: "reference",
}
_ROLE_WORDS = {
    Side.VICTIM: ("the person harmed", "the victim"),
    Side.OFFENDER: ("the person responsible", "the offender"),
}
DEFAULT_WORD = "the other party"


#: A mediation party's note names the others neutrally: nobody there is a victim or offender.
_PARTY_WORDS = ("another party", "the other household")


def role_words(own: Side) -> tuple[str, ...]:
    """The words offered, in a note of the ``own`` side's file, for a name of someone in
    another side's file, the neutral one first."""
    words = _PARTY_WORDS if own.is_party else _ROLE_WORDS[own.other]
    return (DEFAULT_WORD, *words, "them")


def is_name(finding: Finding) -> bool:
    return finding.kind in _NAMES


def replacement(finding: Finding, word: str) -> str:
    """What a finding becomes: the chosen word for a name, a placeholder for a detail."""
    if is_name(finding):
        return word
    return f"[{_DETAILS.get(finding.kind, 'detail')} removed]"


def state_line(*, current: bool, to_fix: int, to_confirm: int, empty: bool) -> str:
    """Where the note stands and why Save is (not) available, for the eye and the screen reader."""
    if not current:
        return "Checking the text for mentions of the other party…"
    if to_fix:
        return f"{_count(to_fix, 'mention')} of the other party must be fixed before saving."
    if to_confirm:
        return f"{_count(to_confirm, 'possible mention')} to confirm as not about them."
    if empty:
        return "Checked: nothing written yet."
    return "Checked: no mentions of the other party. Ready to save."


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"
