"""Typed failures a backend raises. The GUI turns each into plain English (gui/messages.py);
nothing here carries personal data, so an exception can be logged safely."""

from __future__ import annotations


class BackendError(Exception):
    """Base class of every failure the shell expects and explains."""


class WrongEnrolmentCode(BackendError):
    """The enrolment code is unknown, already used or expired."""


class WrongCredentials(BackendError):
    """The central store refused the user name and password."""


class ServerUnreachable(BackendError):
    """The central store could not be reached (no network, wrong address, server down)."""


class CertificateProblem(BackendError):
    """The server's TLS certificate could not be verified."""


class KeyringUnavailable(BackendError):
    """No usable OS keyring: missing, locked, or a backend that is not a real store."""


class WeakPassphrase(BackendError):
    """The chosen local passphrase does not meet the minimum strength."""


class WrongPassphrase(BackendError):
    """The local passphrase does not open the vault."""


class LeaseExpired(BackendError):
    """The offline lease ran out and the central store cannot be reached to renew it."""


class VaultLocked(BackendError):
    """An operation that needs the open vault was asked for while it is locked."""


class VaultProblem(BackendError):
    """The vault is damaged, from a newer version, or otherwise cannot be opened safely."""


class VaultDamaged(VaultProblem):
    """The vault is damaged and cannot be opened; changes not yet synced may be inside it (office
    staff can try to recover them with the organisation key). It can be wiped and set up again."""


class VaultIncomplete(VaultDamaged):
    """The vault was never finished (a crash while it was being created): it holds no work, so
    wiping it and setting up again loses nothing."""


class WipeIncomplete(BackendError):
    """Wiping the vault could not remove everything (the keys are gone first, so nothing left is
    readable)."""


class PasswordRejected(BackendError):
    """The central store refused a password change (wrong current password or policy)."""


class NotEnrolled(BackendError):
    """This laptop has not been enrolled yet."""


class TooManyAttempts(BackendError):
    """Several wrong passphrases in a row: unlocking is paused for a while."""


class SignInNeeded(BackendError):
    """The office session ended: the volunteer signs in again with the office password."""


class AccountLocked(BackendError):
    """Too many wrong office passwords: the central store locked the account for a while."""


class NothingToRetry(BackendError):
    """The refused change is no longer waiting to be sent again (already resolved)."""


class BadServerAddress(BackendError):
    """A server address that is not https:// (plain http is allowed only on this computer)."""


class EnrolmentRefused(BackendError):
    """The office refused the enrolment: the code, or the user name and password, are wrong
    (the server does not say which, on purpose)."""


class LaptopWithdrawn(BackendError):
    """Office staff revoked this laptop; its local data has been wiped."""


class UpgradeNeeded(BackendError):
    """The office server needs a newer version of ERMS Desktop."""


class MassRemovalHeld(BackendError):
    """The office asked to remove most of the cases here; nothing was removed."""


class ServerNotAvailable(BackendError):
    """This install cannot do that with the office server (no organisation key provisioned, or
    an operation the sync client does not offer yet)."""
