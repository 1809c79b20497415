"""Plain-English messages for what the casework services and the domain refuse."""

from __future__ import annotations

from erms_desktop.domain.errors import DomainError
from erms_desktop.gui.messages import explain as explain_shell
from erms_desktop.service.casework_errors import CaseworkError, Reason

KIND_LABELS = {
    "name": "a name",
    "alias": "another name they use",
    "date_of_birth": "a date of birth",
    "address": "an address",
    "postcode": "a postcode",
    "phone": "a phone number",
    "email": "an email address",
    "reference": "a reference number",
}


def explain(error: BaseException) -> str:
    """Our own errors carry messages written for the volunteer, free of case data."""
    if isinstance(error, CaseworkError | DomainError):
        text = str(error)
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    return explain_shell(error)


def describe_reasons(reasons: tuple[Reason, ...], who: dict[str, str]) -> str:
    """'a name of T. K. (offender)' per reason, joined; ``who`` maps participant ids."""
    seen = dict.fromkeys(
        f"{KIND_LABELS.get(r.kind, r.kind)} of {who.get(r.participant_id, 'the other party')}"
        for r in reasons
    )
    return "; ".join(seen)
