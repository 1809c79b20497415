"""The sync client reaches the vault only through its public API: no SQL against the vault's
tables, no database calls, no underscore-private vault attributes or internal vault modules.

A source scan: the table names come from the vault's own schema, so a new table is covered too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from erms_desktop.vault.schema import STEPS

SYNC = Path(__file__).resolve().parents[2] / "erms_desktop" / "sync"
#: Vault modules that hand out the raw connection or the storage encoding.
INTERNAL_MODULES = {"erms_desktop.vault.connection", "erms_desktop.vault.store_base"}


def _vault_tables() -> set[str]:
    script = "\n".join(STEPS)
    return set(re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", script))


def _sql_pattern(tables: set[str]) -> re.Pattern[str]:
    names = "|".join(sorted(tables))
    return re.compile(rf"\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+(?:{names})\b")


def boundary_problems(source: str, filename: str, tables: set[str]) -> list[str]:
    """What in one module crosses the boundary, as ``file:line: what`` strings."""
    sql = _sql_pattern(tables)
    problems: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if sql.search(node.value):
                problems.append(f"{where}: SQL against a vault table")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in {"execute", "executemany", "executescript"}:
                problems.append(f"{where}: a database call")
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in {"self", "cls"}):
                problems.append(f"{where}: another object's private attribute {node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "erms_desktop.vault"
        ):
            if node.module in INTERNAL_MODULES:
                problems.append(f"{where}: imports the vault internals {node.module}")
            problems += [
                f"{where}: imports private {alias.name}"
                for alias in node.names
                if _private(alias.name)
            ]
    return problems


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_sync_uses_only_the_public_vault_api() -> None:
    tables = _vault_tables()
    assert {"records", "outbox", "sync_state", "quarantine", "drafts"} <= tables
    problems = [
        problem
        for path in sorted(SYNC.rglob("*.py"))
        for problem in boundary_problems(path.read_text(), path.name, tables)
    ]
    assert problems == []


def test_the_scan_catches_each_kind_of_crossing() -> None:
    tables = _vault_tables()
    source = """
from erms_desktop.vault.store_base import load
from erms_desktop.vault import _hidden

def f(store, db):
    with store._write() as conn:
        conn.execute("DELETE FROM outbox WHERE seq = ?", (1,))
    return "SELECT value FROM sync_state"
"""
    found = boundary_problems(source, "x.py", tables)
    assert len(found) == 6
    assert any("SQL" in problem for problem in found)
    assert any("database call" in problem for problem in found)
    assert any("_write" in problem for problem in found)
    assert any("store_base" in problem for problem in found)
    assert any("_hidden" in problem for problem in found)
    prose = (
        '"""Records removed from the outbox are gone; self._cache is ours."""\nx = self._cache\n'
    )
    assert boundary_problems(prose, "y.py", tables) == []
