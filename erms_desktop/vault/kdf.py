"""Passphrase stretching with Argon2id, and the key-encryption key (KEK) built from it.

KEK = HKDF-SHA256(Argon2id(passphrase, salt, params) || device_secret, info = purpose || device id)

The device secret is 32 random bytes held in the OS keyring, so a copied disk image alone cannot
be attacked offline with passphrase guesses; in passphrase-only mode it is empty and only the
passphrase (and Argon2id's cost) protects the key. The parameters are stored with the wrap, so a
later app version can raise them at the next passphrase change without breaking old vaults.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from erms_desktop.vault.errors import VaultCorruptError

KEY_BYTES = 32
SALT_BYTES = 16
#: Production floor: memory at least 64 MiB (OWASP recommends >= 19 MiB), two passes.
_MIN_MEMORY_KIB = 64 * 1024
_MIN_ITERATIONS = 2
_MAX_ITERATIONS = 64
#: The unlock cost the calibration aims for: inside the design's 0.25-1 s band with headroom.
TARGET_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Argon2Params:
    memory_kib: int
    iterations: int
    lanes: int = 4

    def __post_init__(self) -> None:
        if self.memory_kib < 8 * self.lanes or self.iterations < 1 or not 1 <= self.lanes <= 16:
            raise VaultCorruptError("the stored Argon2id parameters are not valid")

    @classmethod
    def insecure_for_tests(cls) -> Argon2Params:
        """Cheap parameters that keep the test suite fast. Never use them for real data: the app
        only ever calls :func:`calibrate`."""
        return cls(memory_kib=1024, iterations=1, lanes=1)

    def to_json(self) -> dict[str, Any]:
        return {
            "alg": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, raw: Any) -> Argon2Params:
        try:
            if raw["alg"] != "argon2id":
                raise VaultCorruptError("unknown passphrase stretching algorithm")
            return cls(int(raw["memory_kib"]), int(raw["iterations"]), int(raw["lanes"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise VaultCorruptError("the key file's Argon2id parameters are unreadable") from exc


def stretch(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def calibrate(target_seconds: float = TARGET_SECONDS) -> Argon2Params:
    """Pick the number of passes so one derivation costs about ``target_seconds`` here.

    Memory stays at 64 MiB (memory hardness is what hurts GPU guessing); passes scale the time.
    Two probes separate the fixed cost (allocating and filling memory) from the cost per pass.
    Each probe keeps the fastest of a few runs: a busy moment during set-up would otherwise read
    as a slow machine and leave the vault with too few passes for the rest of its life.
    """
    short, long = _probe(_MIN_ITERATIONS), _probe(_MIN_ITERATIONS + 4)
    per_pass = max((long - short) / 4, 1e-4)
    fixed = max(short - _MIN_ITERATIONS * per_pass, 0.0)
    passes = round((target_seconds - fixed) / per_pass)
    passes = min(max(passes, _MIN_ITERATIONS), _MAX_ITERATIONS)
    return Argon2Params(memory_kib=_MIN_MEMORY_KIB, iterations=passes)


def _probe(passes: int, runs: int = 3) -> float:
    params = Argon2Params(memory_kib=_MIN_MEMORY_KIB, iterations=passes)
    fastest = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        stretch("calibration", b"\x00" * SALT_BYTES, params)
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def derive_kek(
    passphrase: str, salt: bytes, params: Argon2Params, device_secret: bytes, device_id: str
) -> bytes:
    stretched = stretch(passphrase, salt, params)
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=b"erms-vault/kek/v1/" + device_id.encode("ascii"),
    )
    return hkdf.derive(stretched + device_secret)
