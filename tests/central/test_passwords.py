"""Argon2id password hashes with the production parameters, and the secrets beside them."""

from __future__ import annotations

from erms_desktop.central.passwords import (
    hash_password,
    new_secret,
    secret_digest,
    verify_password,
)
from erms_desktop.central.settings import PasswordHashing


def test_production_parameters_are_stored_with_the_hash() -> None:
    encoded = hash_password("correct horse battery", PasswordHashing())
    assert encoded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password("correct horse battery", encoded)
    assert not verify_password("correct horse batterY", encoded)


def test_same_password_hashes_differently_and_bad_hashes_never_verify() -> None:
    first = hash_password("same password here", PasswordHashing())
    assert first != hash_password("same password here", PasswordHashing())
    assert not verify_password("same password here", "not a hash")
    assert not verify_password("same password here", "$argon2id$v=19$m=1,t=1,p=1$AAAA$BBBB")


def test_cheaper_parameters_still_verify_after_defaults_change() -> None:
    old = hash_password("an older password", PasswordHashing(memory_kib=1024, iterations=1))
    assert verify_password("an older password", old)


def test_secrets_are_random_and_stored_as_digests() -> None:
    first, second = new_secret(), new_secret()
    assert first != second
    assert len(first) >= 43
    assert secret_digest(first) != first
    assert len(secret_digest(first)) == 64
