"""Settings for one central store instance. Tests build apps with their own settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def default_database_url() -> str:
    """An SQLite file in the platform's data folder: the embedded default for demo and dev."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("erms-central", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.db'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Argon2Params:
    """Argon2id cost. The defaults follow the OWASP minimum for interactive sign-in; the
    parameters are stored with each hash, so raising them later still verifies old hashes."""

    memory_kib: int = 19_456
    iterations: int = 2
    lanes: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class CentralSettings:
    database_url: str
    session_minutes: int = 480
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    password_max_age_days: int = 180
    password_min_length: int = 12
    enrolment_code_days: int = 7
    retention_years: int = 6
    closure_grace_days: int = 30
    tombstone_days: int = 180
    max_body_bytes: int = 2 * 1024 * 1024
    max_attachment_bytes: int = 50 * 1024 * 1024
    max_pull_page: int = 500
    argon2: Argon2Params = Argon2Params()
