"""Opening the SQLCipher database: the raw data key as the first statement, then the page HMAC,
WAL, full synchronous commits and foreign keys, and the checks that refuse a damaged file.

Opening an existing vault uses ``mode=rw``, so SQLite can never create a fresh database in its
place; only :func:`create_database` makes a new file, and only where none exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from erms_desktop.vault.errors import VaultCorruptError, VaultError, VaultNotFoundError
from erms_desktop.vault.paths import create_private_file

_PAGE_SIZE = 4096
CACHE_KIB = 16 * 1024
_CORRUPTION_SIGNS = ("not a database", "malformed", "corrupt", "hmac", "disk i/o")


class PageHmac(StrEnum):
    """The HMAC that authenticates each encrypted page, recorded in the key file.

    New vaults use HMAC-SHA256: every page written costs one AES-256-CBC pass and one HMAC pass,
    and SHA-256 (with the SHA extensions of current laptop CPUs) runs at about twice the speed of
    SHA-512, the SQLCipher 4 default, for the same protection against a forged page. Vaults made
    before the key file recorded it keep HMAC-SHA512 (docs/security-model.md).
    """

    SHA256 = "HMAC_SHA256"
    SHA512 = "HMAC_SHA512"


class Connection(Protocol):
    """The part of a DB-API connection the vault uses (sqlcipher3 and, for benchmarks, sqlite3)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...

    def close(self) -> None: ...


def is_corruption(exc: BaseException) -> bool:
    return any(sign in str(exc).lower() for sign in _CORRUPTION_SIGNS)


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn driver errors into typed vault errors (corruption is told apart from the rest)."""
    import sqlite3

    import sqlcipher3

    try:
        yield
    except (sqlcipher3.DatabaseError, sqlite3.DatabaseError) as exc:
        if is_corruption(exc):
            raise VaultCorruptError("the vault database is damaged or was tampered with") from exc
        raise VaultError(f"vault database error: {exc}") from exc


def create_database(path: Path, key: bytes, hmac: PageHmac) -> Connection:
    """Create a new, empty encrypted database (the file must not exist yet)."""
    try:
        create_private_file(path)
    except FileExistsError as exc:
        raise VaultCorruptError(
            "a database file is already present; refusing to replace it"
        ) from exc
    return _connect(path, key, hmac)


def open_database(
    path: Path, key: bytes, hmac: PageHmac, check: Callable[[Connection], object] | None = None
) -> Connection:
    """Open an existing encrypted database; never creates one. ``check`` sees the database as
    the log left it, before that log is folded into the file."""
    if not path.is_file():
        raise VaultNotFoundError("the vault database is missing")
    size = path.stat().st_size
    if size == 0 or size % _PAGE_SIZE:
        raise VaultCorruptError("the vault database is truncated")
    connection = _connect(path, key, hmac)
    try:
        with translated_errors():
            # Reading the schema decrypts and authenticates page 1: a wrong key or a damaged
            # header fails here, before anything is written.
            tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables == 0:
                raise VaultCorruptError("the vault database is empty")
            if check is not None:
                check(connection)
            # Fold a crashed session's log into the file, then check the file holds every page
            # its header claims (a truncated file is refused, not half-read).
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            if path.stat().st_size < pages * _PAGE_SIZE:
                raise VaultCorruptError("the vault database is truncated")
    except BaseException:
        connection.close()
        raise
    return connection


def _connect(path: Path, key: bytes, hmac: PageHmac) -> Connection:
    import sqlcipher3

    if len(key) != 32:
        raise VaultError("the data key must be 256 bits")
    uri = f"{path.as_uri()}?mode=rw"
    with translated_errors():
        connection: Connection = sqlcipher3.connect(
            uri, uri=True, isolation_level=None, check_same_thread=False
        )
        try:
            # The first statement: a raw 256-bit key, so no key stretching happens here.
            connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            connection.execute("PRAGMA cipher_log_level = NONE")  # errors come back typed
            # Named even for SHA-512, so a change of SQLCipher's default cannot lock a vault out.
            connection.execute(f"PRAGMA cipher_hmac_algorithm = {PageHmac(hmac).value}")
            connection.execute(f"PRAGMA cipher_page_size = {_PAGE_SIZE}")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise VaultCorruptError("the vault database cannot use write-ahead logging")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA secure_delete = ON")
            # Decrypted pages stay in memory only; a larger cache saves re-decrypting them.
            connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except BaseException:
            connection.close()
            raise
    return connection


def integrity_problems(connection: Connection) -> list[str]:
    """``PRAGMA cipher_integrity_check`` (page HMACs) and SQLite's own ``quick_check``; an empty
    list means the file is sound."""
    problems = [str(row[0]) for row in connection.execute("PRAGMA cipher_integrity_check")]
    try:
        quick = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    except Exception as exc:  # the check itself trips over a page that fails authentication
        if not is_corruption(exc):
            raise
        quick = [f"quick_check stopped: {exc}"]
    return problems + [line for line in quick if line != "ok"]
