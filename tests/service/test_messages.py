"""One place turns every failure into what the volunteer reads: the core's errors keep their own
types (vault, sync, domain, casework) and the service's own errors add only new meanings."""

from __future__ import annotations

import ssl

import pytest

from erms_desktop.domain.errors import FinalNoteError
from erms_desktop.service import errors
from erms_desktop.service.casework_errors import ImportRefusedError
from erms_desktop.service.messages import (
    GENERIC,
    is_connection_problem,
    is_expected,
    is_sign_in_refusal,
    user_message,
)
from erms_desktop.sync import errors as sync
from erms_desktop.vault import errors as vault

LOCKED = sync.RequestRefused(403, "account_locked", "locked")


def _offline_by_certificate() -> sync.Offline:
    try:
        try:
            raise ssl.SSLCertVerificationError("self-signed certificate")
        except ssl.SSLError as exc:
            raise sync.Offline("could not connect") from exc
    except sync.Offline as offline:
        return offline


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (vault.WrongPassphraseError(), "passphrase is not right"),
        (vault.TooManyAttemptsError(60.0), "wait a minute"),
        (vault.WeakPassphraseError(), "too easy to guess"),
        (vault.VaultLockedError(), "ERMS is locked"),
        (vault.VaultNotFoundError(), "not set up yet"),
        (vault.KeyringTimeout(), "secure key store is not available"),
        (vault.VaultCorruptError("not a database"), "could not be opened safely"),
        (sync.Offline("no route"), "could not reach the office server"),
        (_offline_by_certificate(), "security certificate"),
        (sync.InvalidResponse("garbled"), "could not reach the office server"),
        (sync.AuthExpired("401"), "session has ended"),
        (sync.DeviceRevoked("revoked"), "withdrawn this laptop"),
        (sync.UpgradeRequired("old"), "newer version"),
        (sync.MassDeletionPending(9, 10), "Nothing has been removed"),
        (sync.EmptyServerRefused("empty"), "Nothing has been removed"),
        (sync.RequestRefused(403, "account_locked", "locked"), "account is locked"),
        (sync.NotEnrolled("enrol first"), "not set up yet"),
        (errors.LeaseExpired(), "not reached the office server for too long"),
        (errors.VaultIncomplete(), "never finished"),
        (errors.VaultDamaged(), "organisation key"),
        (errors.WipeRefused(), "left it untouched"),
        (errors.WipeIncomplete(), "removed the keys"),
        (errors.EnrolmentRefused(), "did not accept the enrolment code"),
        (errors.WrongCredentials(), "not recognised"),
        (errors.PasswordRejected(), "did not accept that password change"),
        (errors.SignInNeeded(), "session has ended"),
        (errors.NothingToRetry(), "no longer waiting"),
        (errors.BadServerAddress(), "must start with https://"),
        (errors.ServerNotAvailable(), "not set up to do that"),
    ],
)
def test_each_failure_has_its_own_words(error: Exception, words: str) -> None:
    assert words in user_message(error)
    assert is_expected(error)


def test_refusals_written_for_the_volunteer_are_shown_as_sentences() -> None:
    assert user_message(ImportRefusedError("the file is empty")) == "The file is empty."
    assert user_message(FinalNoteError("a final note cannot change.")) == (
        "A final note cannot change."
    )


def test_anything_else_gets_the_generic_message_and_is_not_expected() -> None:
    refused = sync.RequestRefused(400, "bad_request", "the office said no")
    for error in (RuntimeError("boom"), refused):
        assert user_message(error) == GENERIC
        assert not is_expected(error)


def test_the_wizard_knows_which_page_a_failure_belongs_to() -> None:
    assert is_connection_problem(sync.Offline("no route"))
    assert is_connection_problem(errors.BadServerAddress())
    assert not is_connection_problem(errors.EnrolmentRefused())
    assert is_sign_in_refusal(errors.EnrolmentRefused())
    assert is_sign_in_refusal(sync.RequestRefused(403, "account_locked", "locked"))
    assert not is_sign_in_refusal(sync.Offline("no route"))


@pytest.mark.parametrize(
    ("meaning", "raised", "expected"),
    [
        (errors.EnrolmentRefused, sync.AuthExpired("401"), errors.EnrolmentRefused),
        (errors.PasswordRejected, sync.RequestRefused(422, "weak", "x"), errors.PasswordRejected),
        (errors.SignInNeeded, sync.AuthExpired("401"), errors.SignInNeeded),
        (errors.SignInNeeded, sync.RequestRefused(409, "gap", "x"), sync.RequestRefused),
        (
            errors.WrongCredentials,
            sync.RequestRefused(403, "account_locked", "x"),
            sync.RequestRefused,
        ),
        (errors.WrongCredentials, sync.Offline("down"), sync.Offline),
    ],
)
def test_a_refusal_means_what_the_call_was_for(
    meaning: type[errors.ServiceError], raised: Exception, expected: type[Exception]
) -> None:
    with pytest.raises(expected) as found, errors.refused_means(meaning):
        raise raised
    assert type(found.value) is expected
