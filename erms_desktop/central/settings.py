"""Every setting of one central store instance, with its type and default, in one class.

Read from the environment (prefix ``ERMS_CENTRAL_``, e.g. ``ERMS_CENTRAL_LOCKOUT_THRESHOLD``)
and from an optional ``.env``-style file named by ``ERMS_CENTRAL_SETTINGS_FILE`` (or the
command line's ``--settings``); the environment wins over the file. Tests build apps with their
own settings by passing values to the constructor. docs/operations.md lists every setting.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SETTINGS_FILE_ENV = "ERMS_CENTRAL_SETTINGS_FILE"
ENV_PREFIX = "ERMS_CENTRAL_"

Positive = Annotated[int, Field(gt=0)]


def data_folder() -> Path:
    """The platform's data folder for the store (embedded default for demo and development)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("erms-central", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_url() -> str:
    """An SQLite file in the platform's data folder."""
    return f"sqlite:///{data_folder() / 'central.db'}"


class PasswordHashing(BaseModel):
    """Argon2id cost. The defaults follow the OWASP minimum for interactive sign-in; the
    parameters are stored with each hash, so raising them later still verifies old hashes."""

    model_config = ConfigDict(frozen=True)

    memory_kib: Positive = 19_456
    iterations: Positive = 2
    lanes: Positive = 1


class CentralSettings(BaseSettings):
    """One store's configuration. Nested cost settings use ``__`` in the environment
    (``ERMS_CENTRAL_ARGON2__MEMORY_KIB``)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", frozen=True, extra="forbid"
    )

    database_url: str = Field(default_factory=default_database_url)
    log_level: str = "WARNING"
    # Sessions, lockout and passwords
    session_minutes: Positive = 480
    lockout_threshold: Positive = 5
    lockout_minutes: Positive = 15
    password_max_age_days: Positive = 180
    password_min_length: Positive = 12
    enrolment_code_days: Positive = 7
    argon2: PasswordHashing = PasswordHashing()
    # Rate limits: attempts allowed per window, counted in the database across instances
    rate_window_seconds: Positive = 300
    sign_in_limit_per_address: Positive = 30
    sign_in_limit_per_account: Positive = 20
    enrol_limit_per_address: Positive = 10
    enrol_limit_per_account: Positive = 10
    password_change_limit_per_device: Positive = 5
    # Client addresses: X-Forwarded-For is honoured only from these proxies (addresses/networks)
    trusted_proxies: Annotated[tuple[str, ...], NoDecode] = ()
    # Retention
    retention_years: Positive = 6
    closure_grace_days: Positive = 30
    tombstone_days: Positive = 180
    inactivity_review_months: Positive = 12
    # Request sizes
    max_body_bytes: Positive = 2 * 1024 * 1024
    max_attachment_bytes: Positive = 50 * 1024 * 1024
    max_pull_page: Positive = 500
    # The audit chain's key and checkpoints, kept outside the database
    audit_key: SecretStr | None = None
    audit_key_file: Path | None = None
    audit_checkpoint_file: Path | None = None
    audit_checkpoint_every: Positive = 20
    audit_checkpoint_seconds: Positive = 60

    def attempt_limits(self, action: Literal["enrol", "sign_in"]) -> tuple[int, int]:
        """The (per address, per account) limits of an enrolment or sign-in attempt."""
        if action == "enrol":
            return self.enrol_limit_per_address, self.enrol_limit_per_account
        return self.sign_in_limit_per_address, self.sign_in_limit_per_account

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: Any) -> Any:
        """The environment gives a comma-separated list; each entry must be an address or
        network, so a typo fails at start-up instead of trusting nobody (or everybody)."""
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        for entry in value:
            ipaddress.ip_network(entry, strict=False)
        return tuple(value)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("log_level is one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return value.upper()


def load_settings(settings_file: Path | None = None, **overrides: Any) -> CentralSettings:
    """Settings from the environment and the settings file (``settings_file``, else the one
    named by ``ERMS_CENTRAL_SETTINGS_FILE``, else none); ``overrides`` win over both."""
    from erms_desktop.central.errors import ConfigurationError

    named = os.environ.get(SETTINGS_FILE_ENV)
    chosen = settings_file or (Path(named) if named else None)
    if chosen is not None and not chosen.is_file():
        raise ConfigurationError(f"no settings file at {chosen}")
    try:
        return CentralSettings(_env_file=chosen, **overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigurationError(f"bad settings: {problems}") from None
