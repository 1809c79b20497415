"""The one place that turns any failure into what the volunteer reads: the service's own errors,
the core's typed errors (vault, sync, domain) and the casework refusals. Qt-free, so the texts are
tested without a window; the GUI calls :func:`user_message` wherever it shows an error.

No message quotes case data: the core's errors are explained by type, and the casework and domain
refusals carry sentences written for the volunteer, free of personal data."""

from __future__ import annotations

import functools
import ssl
from typing import TYPE_CHECKING

from erms_desktop.service import errors

if TYPE_CHECKING:  # the separation checker loads with the case workspace, not at start-up
    from erms_desktop.service.casework_errors import Reason

GENERIC = "Something went wrong. Please try again, and call the office if it keeps happening."
UNREACHABLE = (
    "ERMS could not reach the office server. Check that you are connected to the internet "
    "and that the server address is right, then try again."
)
CERTIFICATE = (
    "The office server's security certificate could not be checked, so ERMS stopped before "
    "sending anything. Check the address, and tell the office if it keeps happening."
)
ACCOUNT_LOCKED = (
    "Your office account is locked for a while after several wrong passwords. Wait about "
    "15 minutes and try again, or call the office."
)
NOT_SET_UP = "This laptop is not set up yet. Please enrol it first."
VAULT_PROBLEM = (
    "Your local case store could not be opened safely, so ERMS has left it untouched. "
    "Please call the office; your work is not lost."
)
SIGN_IN_NEEDED = "Your office session has ended. Sign in with your office password."
MASS_REMOVAL = (
    "The office asked to remove most of the cases on this laptop. Nothing has been removed; "
    "please call the office before syncing again."
)

MASS_REMOVAL_HELD = (
    "The office's latest changes would remove most of the cases on this laptop. Nothing has "
    "been removed yet: review them and decide."
)

_SERVICE: dict[type[BaseException], str] = {
    errors.MassRemovalHeld: MASS_REMOVAL_HELD,
    errors.LeaseExpired: (
        "This laptop has not reached the office server for too long, so ERMS will not open "
        "your cases offline. Connect to the internet and unlock again."
    ),
    errors.VaultIncomplete: (
        "Setting up ERMS on this laptop was interrupted, so its local case store was never "
        "finished. It holds none of your work, and everything at the office is safe. Choose "
        '"Wipe and start again" to set up this laptop again.'
    ),
    errors.VaultDamaged: (
        "Your local case store is damaged and cannot be opened. Cases already synced with the "
        "office are safe and come back when you set up this laptop again. Changes made since "
        "the last sync may still be inside it: office staff can recover them with the "
        'organisation key, so please call the office before you choose "Wipe and start again".'
    ),
    errors.WipeRefused: VAULT_PROBLEM,
    errors.WipeIncomplete: (
        "ERMS removed the keys, so nothing left can be read, but could not remove every file. "
        "Please call the office."
    ),
    errors.EnrolmentRefused: (
        "The office server did not accept the enrolment code, or your user name and password. "
        "Check all three; codes can be used once and expire. Ask the office for a new code if "
        "needed."
    ),
    errors.WrongCredentials: (
        "Your user name or password was not recognised. Check them and try again; after several "
        "attempts your account is locked for a while."
    ),
    errors.PasswordRejected: (
        "The office server did not accept that password change. Check your current password; "
        "the new one must be at least 12 characters and not one you used before."
    ),
    errors.SignInNeeded: SIGN_IN_NEEDED,
    errors.UseOfficeSignIn: (
        "This is an office staff account, and office staff do not set up laptops. Choose "
        '"Office staff sign-in" on the first screen instead. (If you also facilitate cases, '
        "ask for a volunteer account for that.)"
    ),
    errors.NotOfficeStaff: (
        "Office sign-in is for office staff. Volunteers sign in on their own ERMS laptop."
    ),
    errors.NothingToRetry: "That change is no longer waiting to be sent. Nothing was lost.",
    errors.BadServerAddress: (
        "The server address must start with https:// so that your sign-in is protected. Check "
        "the address the office gave you."
    ),
    errors.ServerNotAvailable: (
        "This installation of ERMS is not set up to do that with the office server yet. Your "
        "cases on this laptop are safe; please call the office."
    ),
}


@functools.cache
def _core() -> dict[type[BaseException], str]:
    """The core's errors by type (imported on first use: the vault and the sync client load on
    the worker thread, after the first screen shows)."""
    from erms_desktop.sync import errors as sync
    from erms_desktop.vault import errors as vault

    return {
        vault.WrongPassphraseError: "That passphrase is not right. Please try again.",
        vault.TooManyAttemptsError: (
            "Too many wrong passphrases in a row. Please wait a minute before trying again."
        ),
        vault.WeakPassphraseError: (
            "That passphrase is too easy to guess. Please choose a longer one."
        ),
        vault.VaultLockedError: "ERMS is locked. Unlock it to continue.",
        vault.VaultNotFoundError: NOT_SET_UP,
        vault.KeyringError: (
            "This laptop's secure key store is not available (it may be locked or missing). "
            "Unlock it or restart the laptop, then try again. Call the office if it keeps "
            "happening."
        ),
        vault.VaultError: VAULT_PROBLEM,
        sync.Offline: UNREACHABLE,
        sync.ServerError: UNREACHABLE,  # 5xx or a garbled answer: nothing applied; try later
        sync.AuthExpired: SIGN_IN_NEEDED,
        sync.DeviceRevoked: (
            "The office has withdrawn this laptop, so ERMS has securely erased the cases it "
            "held. Please call the office."
        ),
        sync.UpgradeRequired: "The office server needs a newer version of ERMS. Call the office.",
        sync.MassDeletionPending: MASS_REMOVAL,
        sync.EmptyServerRefused: MASS_REMOVAL,
        sync.NotEnrolled: NOT_SET_UP,
    }


def user_message(error: BaseException) -> str:
    """What the volunteer reads about ``error``: the most specific known type wins."""
    from erms_desktop.domain.errors import DomainError
    from erms_desktop.service.casework_errors import CaseworkError

    # Sentences written for the volunteer, or by the store for office staff
    if isinstance(error, CaseworkError | DomainError | errors.OfficeRefused):
        text = str(error)
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    if isinstance(error, errors.CheckInStopped):  # written for office staff, with what to do
        return str(error)
    if is_account_locked(error):
        return ACCOUNT_LOCKED
    if certificate_failure(error):
        return CERTIFICATE
    table = {**_core(), **_SERVICE}
    for kind in type(error).__mro__:
        if kind in table:
            return table[kind]
    return GENERIC


def is_expected(error: BaseException) -> bool:
    """Whether ``error`` is one the volunteer is told about in its own words (else it is a
    fault worth logging, by type only)."""
    return user_message(error) != GENERIC


def is_connection_problem(error: BaseException) -> bool:
    """The server address is wrong or the office cannot be reached: the address needs looking
    at (the enrolment wizard's first page)."""
    from erms_desktop.sync.errors import Offline, ServerError

    return isinstance(error, Offline | ServerError | errors.BadServerAddress)


def is_sign_in_refusal(error: BaseException) -> bool:
    """The office refused the user name, password or code (the wizard's sign-in page)."""
    refused = isinstance(
        error, errors.WrongCredentials | errors.EnrolmentRefused | errors.UseOfficeSignIn
    )
    return refused or is_account_locked(error)


def is_account_locked(error: BaseException) -> bool:
    from erms_desktop.sync.errors import RequestRefused

    return isinstance(error, RequestRefused) and error.code == "account_locked"


def certificate_failure(error: BaseException) -> bool:
    """Whether the office could not be reached because its TLS certificate failed the check."""
    from erms_desktop.sync.errors import Offline

    if not isinstance(error, Offline):
        return False
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


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


def describe_reasons(reasons: tuple[Reason, ...], who: dict[str, str]) -> str:
    """'a name of T. K. (offender)' per reason, joined; ``who`` maps participant ids."""
    seen = dict.fromkeys(
        f"{KIND_LABELS.get(r.kind, r.kind)} of {who.get(r.participant_id, 'the other party')}"
        for r in reasons
    )
    return "; ".join(seen)
