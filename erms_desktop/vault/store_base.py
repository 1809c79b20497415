"""The shared core of the record store: one connection, one lock, and transactions that turn
driver errors into typed vault errors.

Threading model: the store is used from one thread at a time - in the GUI, from its single
background database worker. The connection is opened with ``check_same_thread=False`` so that
worker may be a different thread from the one that unlocked the vault; an internal re-entrant
lock serialises calls, so a stray call from another thread waits instead of corrupting state.
Every write is one ``BEGIN IMMEDIATE`` transaction: the record, its outbox entry and its search
index row commit together or not at all. Each transaction also bumps the commit counter, and once
it is durable the vault's commit record outside the log is told (see commit_record.py).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime

from erms_desktop.domain.records import Fields
from erms_desktop.vault.commit_record import CommitRecord, bump
from erms_desktop.vault.connection import Connection, integrity_problems, translated_errors
from erms_desktop.vault.errors import VaultCorruptError

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    def __init__(
        self,
        connection: Connection,
        *,
        on_corrupt: Callable[[], None] | None = None,
        clock: Clock = utc_now,
        commits: CommitRecord | None = None,
    ) -> None:
        self._connection = connection
        self._commits = commits
        self._guard = threading.RLock()
        self._on_corrupt = on_corrupt
        self._clock = clock

    def _now(self) -> str:
        return self._clock().isoformat()

    def close(self) -> None:
        """Close the connection once any call in progress (on another thread) has finished."""
        with self._guard:
            with suppress(Exception):  # closing a damaged database may complain
                self._connection.close()
            if self._commits is not None:
                self._commits.close()

    def integrity_problems(self) -> list[str]:
        """The diagnostic checks of the database file; an empty list means it is sound."""
        with self._read() as db:
            return integrity_problems(db)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._guard, self._translated():
            yield self._connection

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One atomic transaction; rolled back on any error."""
        with self._guard, self._translated():
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
                number = bump(self._connection)
                self._connection.execute("COMMIT")
            except BaseException:
                with suppress(Exception):  # a broken connection cannot roll back; nothing committed
                    self._connection.execute("ROLLBACK")
                raise
            if self._commits is not None:
                self._commits.record(number)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            with translated_errors():
                yield
        except VaultCorruptError:
            if self._on_corrupt is not None:
                self._on_corrupt()
            raise


def dump(fields: Fields) -> str:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load(text: str) -> Fields:
    loaded: Fields = json.loads(text)
    return loaded
