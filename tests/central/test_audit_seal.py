"""The keyed audit chain and its signed checkpoints outside the database: verify-audit detects
a cut tail with the counter rewound, a chain recomputed without the key, a deleted row (even
renumbered and rechained), and a forged checkpoint."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update

from erms_desktop.central import audit, counters
from erms_desktop.central.api import create_app
from erms_desktop.central.api.deps import Database
from erms_desktop.central.audit_seal import AuditSeal, seal_from
from erms_desktop.central.errors import AuditChainError
from erms_desktop.central.models import AuditEntry, Counter
from erms_desktop.central.settings import CentralSettings
from tests.central.world import World, drop_audit_guards

Rehash = Callable[[str], str]


def _public_sha256(text: str) -> str:
    """The unkeyed chain anyone can recompute (what the store used before it was keyed)."""
    return hashlib.sha256(text.encode()).hexdigest()


def _guessed_key(text: str) -> str:
    return AuditSeal(b"an attacker's guess at the key", Path("unused"), 1, "x").mac(text)


def _rechain(world: World, rehash: Rehash) -> None:
    """Recompute every hash and the counter with ``rehash``, as someone without the key would."""
    guess = AuditSeal(b"0" * 16, Path("unused"), 1, "x")
    guess.mac = rehash  # type: ignore[method-assign]
    with world.store.unit() as s:
        prev = counters.GENESIS_HASH
        for entry in s.scalars(select(AuditEntry).order_by(AuditEntry.position)):
            entry.prev_hash = prev
            entry.hash = audit._entry_hash(guess, prev, entry)  # the public algorithm
            prev = entry.hash
            last = entry.position
        s.execute(update(Counter).where(Counter.name == "audit").values(value=last, text=prev))


def _verify(world: World) -> int:
    with world.store.unit() as s:
        return audit.verify(s)


def _lines(settings_path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in settings_path.read_text().splitlines()]


def test_a_checkpoint_is_written_every_n_entries_and_at_shutdown(world: World) -> None:
    settings = world.store.settings.model_copy(update={"audit_checkpoint_every": 3})
    path = settings.audit_checkpoint_file
    assert path is not None
    database = Database.open(settings)
    start = _verify(world)
    for n in range(7):
        with database.unit() as s:
            audit.record(s, audit.OPERATOR, "test", f"entry {n}")
    database.engine.dispose()
    crossings = [p for p in range(start + 1, start + 8) if p % 3 == 0]
    written = [line["position"] for line in _lines(path) if int(str(line["position"])) > start]
    assert written == crossings
    app = create_app(settings)
    with TestClient(app):
        pass
    app.state.store.engine.dispose()
    assert _lines(path)[-1]["position"] == start + 7  # the head, at shutdown
    assert _verify(world) == start + 7


def test_a_checkpoint_is_written_on_a_timer_while_serving(world: World) -> None:
    settings = world.store.settings.model_copy(update={"audit_checkpoint_seconds": 1})
    path = settings.audit_checkpoint_file
    assert path is not None
    head = _verify(world)
    before = len(_lines(path)) if path.exists() else 0
    app = create_app(settings)
    with TestClient(app):
        deadline = time.monotonic() + 10
        while not (path.exists() and len(_lines(path)) > before):
            assert time.monotonic() < deadline, "no checkpoint within 10 s"
            time.sleep(0.1)
        assert _lines(path)[-1]["position"] == head
    app.state.store.engine.dispose()


def test_verify_detects_a_cut_tail_with_the_counter_rewound(world: World) -> None:
    world.store.checkpoint()
    head = _verify(world)
    drop_audit_guards(world)
    with world.store.unit() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.position > head - 3))
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.position.desc())).first()
        assert last is not None
        rewound = update(Counter).where(Counter.name == "audit")
        s.execute(rewound.values(value=last.position, text=last.hash))
    with pytest.raises(AuditChainError, match="have been removed"):
        _verify(world)


@pytest.mark.parametrize("rehash", [_public_sha256, _guessed_key])
def test_verify_detects_a_chain_recomputed_without_the_key(world: World, rehash: Rehash) -> None:
    drop_audit_guards(world)
    with world.store.unit() as s:
        s.execute(update(AuditEntry).where(AuditEntry.position == 3).values(action="nothing"))
    _rechain(world, rehash)
    with pytest.raises(AuditChainError, match="entry 1 has been altered"):
        _verify(world)


def test_verify_detects_a_deleted_row_renumbered_and_rechained(world: World) -> None:
    world.store.checkpoint()
    drop_audit_guards(world)
    with world.store.unit() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.position == 2))
        later = s.scalars(select(AuditEntry.position).where(AuditEntry.position > 2))
        for position in sorted(later):
            moved = update(AuditEntry).where(AuditEntry.position == position)
            s.execute(moved.values(position=position - 1))
    _rechain(world, _public_sha256)
    with pytest.raises(AuditChainError):
        _verify(world)


def test_a_forged_checkpoint_is_detected(world: World) -> None:
    world.store.checkpoint()
    path = world.store.settings.audit_checkpoint_file
    assert path is not None
    forged = {**_lines(path)[-1], "position": 1, "mac": "0" * 64}
    with path.open("a") as handle:
        handle.write(json.dumps(forged) + "\n")
    with pytest.raises(AuditChainError, match="not signed"):
        _verify(world)


def test_verify_audit_command_detects_a_cut_tail(
    world: World, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from erms_desktop.central.cli import main

    world.store.checkpoint()
    assert main(["verify-audit", "--db", db_url]) == 0
    drop_audit_guards(world)
    with world.store.unit() as s:
        head = s.scalar(select(Counter).where(Counter.name == "audit"))
        assert head is not None
        s.execute(delete(AuditEntry).where(AuditEntry.position == head.value))
        previous = s.get(AuditEntry, head.value - 1)
        assert previous is not None
        head.value, head.text = previous.position, previous.hash
    assert main(["verify-audit", "--db", db_url]) == 1
    assert "have been removed" in capsys.readouterr().err


def test_a_missing_key_file_is_created_private_and_then_reused(tmp_path: Path) -> None:
    settings = CentralSettings(
        database_url=f"sqlite:///{tmp_path / 'c.db'}",
        audit_key=None,
        audit_key_file=tmp_path / "keys" / "audit.key",
        audit_checkpoint_file=tmp_path / "checkpoints.jsonl",
    )
    first = seal_from(settings)
    assert (tmp_path / "keys" / "audit.key").stat().st_mode & 0o777 == 0o600
    assert len(first.key) >= 32
    assert seal_from(settings).key == first.key
    assert [p.name for p in (tmp_path / "keys").iterdir()] == ["audit.key"]
