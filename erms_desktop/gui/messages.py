"""Plain-English explanations of the backend's typed errors (DESIGN.md: the GUI explains)."""

from __future__ import annotations

from erms_desktop.service import errors

_MESSAGES: dict[type[BaseException], str] = {
    errors.WrongEnrolmentCode: (
        "That enrolment code was not accepted. Check it against the one the office gave you; "
        "codes can be used once and expire. Ask the office for a new one if needed."
    ),
    errors.WrongCredentials: (
        "Your user name or password was not recognised. Check them and try again; after several "
        "attempts your account is locked for a while."
    ),
    errors.ServerUnreachable: (
        "ERMS could not reach the office server. Check that you are connected to the internet "
        "and that the server address is right, then try again."
    ),
    errors.CertificateProblem: (
        "The office server's security certificate could not be checked, so ERMS stopped before "
        "sending anything. Check the address, and tell the office if it keeps happening."
    ),
    errors.KeyringUnavailable: (
        "This laptop's secure key store is not available (it may be locked or missing). Unlock "
        "it or restart the laptop, then try again. Call the office if it keeps happening."
    ),
    errors.WeakPassphrase: "That passphrase is too easy to guess. Please choose a longer one.",
    errors.WrongPassphrase: "That passphrase is not right. Please try again.",
    errors.LeaseExpired: (
        "This laptop has not reached the office server for too long, so ERMS will not open "
        "your cases offline. Connect to the internet and unlock again."
    ),
    errors.VaultLocked: "ERMS is locked. Unlock it to continue.",
    errors.VaultProblem: (
        "Your local case store could not be opened safely, so ERMS has left it untouched. "
        "Please call the office; your work is not lost."
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
    errors.WipeIncomplete: (
        "ERMS removed the keys, so nothing left can be read, but could not remove every file. "
        "Please call the office."
    ),
    errors.PasswordRejected: (
        "The office server did not accept that password change. Check your current password; "
        "the new one must be at least 12 characters and not one you used before."
    ),
    errors.NotEnrolled: "This laptop is not set up yet. Please enrol it first.",
    errors.SignInNeeded: "Your office session has ended. Sign in with your office password.",
    errors.EnrolmentRefused: (
        "The office server did not accept the enrolment code, or your user name and password. "
        "Check all three; codes can be used once and expire. Ask the office for a new code if "
        "needed."
    ),
    errors.AccountLocked: (
        "Your office account is locked for a while after several wrong passwords. Wait about "
        "15 minutes and try again, or call the office."
    ),
    errors.NothingToRetry: "That change is no longer waiting to be sent. Nothing was lost.",
    errors.BadServerAddress: (
        "The server address must start with https:// so that your sign-in is protected. Check "
        "the address the office gave you."
    ),
    errors.LaptopWithdrawn: (
        "The office has withdrawn this laptop, so ERMS has securely erased the cases it held. "
        "Please call the office."
    ),
    errors.UpgradeNeeded: "The office server needs a newer version of ERMS. Call the office.",
    errors.MassRemovalHeld: (
        "The office asked to remove most of the cases on this laptop. Nothing has been removed; "
        "please call the office before syncing again."
    ),
    errors.TooManyAttempts: (
        "Too many wrong passphrases in a row. Please wait a minute before trying again."
    ),
    errors.ServerNotAvailable: (
        "This installation of ERMS is not set up to do that with the office server yet. Your "
        "cases on this laptop are safe; please call the office."
    ),
}

GENERIC = "Something went wrong. Please try again, and call the office if it keeps happening."


def explain(error: BaseException) -> str:
    for kind in type(error).__mro__:
        if kind in _MESSAGES:
            return _MESSAGES[kind]
    return GENERIC
