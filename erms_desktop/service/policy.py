"""Local security rules the shell explains to the volunteer: the offline lease, the password
expiry warning and the strength of the local passphrase. Pure functions, easy to test."""

from __future__ import annotations

import math
import string
from dataclasses import dataclass
from datetime import date, datetime

from erms_desktop.service.models import LeaseState

LEASE_DAYS = 30
PASSWORD_WARNING_DAYS = 14
MIN_PASSPHRASE_LENGTH = 12
IDLE_LOCK_SECONDS = 5 * 60
CLIPBOARD_CLEAR_SECONDS = 30


def lease_state(
    last_contact: datetime | None, now: datetime, lease_days: int = LEASE_DAYS
) -> LeaseState:
    """Days left before the laptop must reach the central store again; none left if never."""
    if last_contact is None:
        return LeaseState(last_contact=None, lease_days=lease_days, days_left=0)
    elapsed = (now - last_contact).total_seconds() / 86400
    return LeaseState(
        last_contact=last_contact,
        lease_days=lease_days,
        days_left=max(0, math.ceil(lease_days - elapsed)),
    )


def password_expiry_warning(
    expires: date | None, today: date, warn_days: int = PASSWORD_WARNING_DAYS
) -> int | None:
    """Days until the central password expires when within the warning window, else None."""
    if expires is None:
        return None
    days = (expires - today).days
    return max(0, days) if days <= warn_days else None


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # 0 (very weak) .. 4 (strong)
    acceptable: bool
    advice: str


_LABELS = ("Very weak", "Weak", "Fair", "Good", "Strong")


def passphrase_strength(passphrase: str) -> Strength:
    """A rough guessing-cost estimate: several unrelated words beat short complex strings."""
    words = [w for w in passphrase.split() if len(w) >= 3]
    pool = sum(
        size
        for chars, size in (
            (string.ascii_lowercase, 26),
            (string.ascii_uppercase, 26),
            (string.digits, 10),
            (string.punctuation + " ", 33),
        )
        if any(c in chars for c in passphrase)
    )
    bits = max(len(passphrase) * math.log2(pool) * 0.5 if pool else 0.0, len(words) * 11.0)
    if len(set(passphrase)) <= 2:
        bits = min(bits, 10.0)
    score = 0 if bits < 28 else 1 if bits < 36 else 2 if bits < 44 else 3 if bits < 60 else 4
    long_enough = len(passphrase) >= MIN_PASSPHRASE_LENGTH
    acceptable = long_enough and score >= 2
    if not long_enough:
        advice = f"Use at least {MIN_PASSPHRASE_LENGTH} characters; four unrelated words work well."
    elif not acceptable:
        advice = "Add another unrelated word or two to make it harder to guess."
    else:
        advice = "Do not reuse a password from another service, and do not write it down."
    return Strength(score=score, acceptable=acceptable, advice=f"{_LABELS[score]}. {advice}")
