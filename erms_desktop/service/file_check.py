"""What ``doctor`` can check about a vault without its key: the files are there, and the
database on disk is ciphertext (a plain SQLite header would mean it was never encrypted)."""

from __future__ import annotations

from pathlib import Path

PLAINTEXT_HEADER = b"SQLite format 3\x00"


def locked_file_check(database: Path, state: str) -> str:
    if state == "absent":
        return "no vault on this laptop"
    if not database.is_file():
        return "PROBLEM: the key file is there but the database is missing"
    with database.open("rb") as handle:
        if handle.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER:
            return "PROBLEM: the database is not encrypted"
    return "files present, database encrypted at rest (the full check needs the passphrase)"
