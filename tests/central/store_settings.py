"""Settings for stores under test: cheap Argon2, the suite's audit key, checkpoints in a
folder of the test's own; as keyword arguments or as a settings file for a separate process."""

from __future__ import annotations

from pathlib import Path

from erms_desktop.central.settings import CentralSettings, PasswordHashing

FAST_ARGON2 = PasswordHashing(memory_kib=1024, iterations=1)
#: One audit key for the suite: the SQLite world's template is keyed with it.
AUDIT_KEY = "synthetic audit key for the test suite only"


def store_settings(db_url: str, folder: Path, **overrides: object) -> CentralSettings:
    """Cheap Argon2 parameters keep the suite fast; the production defaults are tested in
    test_passwords.py. Hashes carry their parameters, so both verify the same way. The audit
    checkpoints go to ``folder``."""
    values: dict[str, object] = {
        "database_url": db_url,
        "argon2": FAST_ARGON2,
        "audit_key": AUDIT_KEY,
        "audit_checkpoint_file": folder / "audit-checkpoints.jsonl",
        **overrides,
    }
    return CentralSettings(**values)  # type: ignore[arg-type]


def write_settings_file(folder: Path, **values: object) -> Path:
    """A settings file for a store started as a separate process, with the suite's audit key,
    checkpoints in ``folder``, cheap Argon2 and ``values`` (setting name -> value)."""
    lines = {
        "AUDIT_KEY": AUDIT_KEY,
        "AUDIT_CHECKPOINT_FILE": folder / "audit-checkpoints.jsonl",
        "ARGON2__MEMORY_KIB": FAST_ARGON2.memory_kib,
        "ARGON2__ITERATIONS": FAST_ARGON2.iterations,
        **{name.upper(): value for name, value in values.items()},
    }
    path = folder / "central.env"
    path.write_text("".join(f"ERMS_CENTRAL_{k}={v}\n" for k, v in lines.items()))
    return path
