"""The demo store's new database as a snapshot (central_schema.json) of what the migrations
build on SQLite: tables, indexes, the audit log's append-only triggers, the counters' first rows
and the Alembic revision. Demo mode creates its throwaway database by running these statements
rather than importing and running Alembic, a fifth of the demo store's start.

After adding a migration, ``python -m erms_desktop.demo.central_schema`` rewrites the snapshot;
tests/demo/test_central_schema.py fails while it differs from what the migrations build.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from importlib import resources
from pathlib import Path

SNAPSHOT = "central_schema.json"


def dump(database: Path) -> list[str]:
    """The SQL statements that rebuild ``database``, schema and rows, in a stable order."""
    with contextlib.closing(sqlite3.connect(database)) as connection:
        return [
            line for line in connection.iterdump() if line not in {"BEGIN TRANSACTION;", "COMMIT;"}
        ]


def create(database: Path) -> None:
    """A new database at ``database`` holding what migrating an empty one to the newest
    revision gives; all or nothing."""
    statements = json.loads((resources.files(__package__) / SNAPSHOT).read_text("utf-8"))
    with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as connection:
        connection.executescript("BEGIN;\n" + "\n".join(statements) + "\nCOMMIT;")


def write_snapshot() -> Path:
    """Migrate a scratch SQLite database and record it as the snapshot (a developer's command,
    run from the source tree)."""
    from erms_desktop.central.migrate import upgrade

    target = Path(__file__).with_name(SNAPSHOT)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "central.db"
        upgrade(f"sqlite:///{database}")
        target.write_text(json.dumps(dump(database), indent=1) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"wrote {write_snapshot()}")
