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


class PasswordRejected(BackendError):
    """The central store refused a password change (wrong current password or policy)."""


class NotEnrolled(BackendError):
    """This laptop has not been enrolled yet."""


class TooManyAttempts(BackendError):
    """Several wrong passphrases in a row: unlocking is paused for a while."""


class SignInNeeded(BackendError):
    """The office session ended: the volunteer signs in again with the office password."""


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
