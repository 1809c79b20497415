"""A real central store for sync tests: an SQLite file, the demo dataset loaded into it, users,
enrolment codes, and uvicorn serving it on 127.0.0.1 (in a thread, or as a child process that
can be killed and restarted)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import uvicorn

from erms_desktop.central import admin, casework
from erms_desktop.central.api import create_app
from erms_desktop.central.api.deps import Database
from erms_desktop.central.attachment_loading import load_contents
from erms_desktop.central.migrate import upgrade
from erms_desktop.central.models import Record
from erms_desktop.central.settings import CentralSettings, PasswordHashing
from erms_desktop.demo.data import (
    DEMO_CO_FACILITATOR_ID,
    DEMO_VOLUNTEER_ID,
    DemoDataset,
    generate_demo_data,
)
from erms_desktop.domain import Document, Note

PASSWORD = "correct horse battery"
FAST_ARGON2 = PasswordHashing(memory_kib=1024, iterations=1)
DEMO_NAMES = {DEMO_VOLUNTEER_ID: "vera", DEMO_CO_FACILITATOR_ID: "colin"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Central:
    """The store's database and the operator actions tests need (run directly, not over HTTP)."""

    path: Path
    dataset: DemoDataset
    users: dict[str, str] = field(default_factory=dict)
    all_to_vera: bool = False

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    @property
    def settings(self) -> CentralSettings:
        return CentralSettings(
            database_url=self.url,
            argon2=FAST_ARGON2,
            audit_key_file=self.path.parent / "audit.key",
            audit_checkpoint_file=self.path.parent / "audit-checkpoints.jsonl",
        )

    @contextmanager
    def session(self) -> Iterator[object]:
        store = Database.open(self.settings)
        try:
            with store.unit() as session:
                yield session
        finally:
            store.engine.dispose()

    @classmethod
    def build(
        cls,
        folder: Path,
        case_count: int = 4,
        *,
        with_content: bool = True,
        all_to_vera: bool = False,
    ) -> Central:
        """The demo dataset on a new store; ``all_to_vera`` allocates every case to the
        volunteer (a heavy caseload) instead of the dataset's own allocations."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "central.db"
        upgrade(f"sqlite:///{path}")
        central = cls(path, generate_demo_data(case_count=case_count), all_to_vera=all_to_vera)
        with central.session() as s:
            for name, role in (("vera", "volunteer"), ("colin", "volunteer"), ("sam", "staff")):
                central.users[name] = admin.create_user(
                    s, central.settings, name, role, PASSWORD
                ).id
            allocations = [
                casework.AllocationSpec(central.users[DEMO_NAMES[a.user_id]], a.case_id)
                for a in central.dataset.allocations
                if not all_to_vera
            ] + [
                casework.AllocationSpec(central.users["vera"], case.id)
                for case in central.dataset.cases
                if all_to_vera
            ]
            casework.load_dataset(s, central.dataset.entities(), allocations)
        if with_content:
            central.add_attachments(central.dataset.document_contents)
        return central

    def add_attachments(self, contents: dict[str, bytes] | object) -> None:
        assert isinstance(contents, dict)
        with self.session() as s:
            load_contents(s, contents, "application/pdf", self.users["sam"])

    def add_caseload(self, notes: int, documents: int, size: int) -> dict[str, bytes]:
        """Top the volunteer's cases up to ``notes`` notes and add ``documents`` documents of
        ``size`` random bytes each; returns the new attachment contents by hash."""
        cases = self.volunteer_cases()
        files = {p.case_id: p.id for p in self.dataset.party_files}
        existing = len(self.dataset.notes)
        contents: dict[str, bytes] = {}
        with self.session() as s:
            for i in range(max(0, notes - existing)):
                case_id = cases[i % len(cases)]
                note = self.note_in(case_id, f"Follow-up call {i}: talked through the plan.")
                casework.save_entity(s, dataclasses.replace(note, party_file_id=files[case_id]))  # type: ignore[arg-type]
            for i in range(documents):
                content = os.urandom(size)
                sha = hashlib.sha256(content).hexdigest()
                contents[sha] = content
                case_id = cases[i % len(cases)]
                document = Document(
                    id=str(uuid.uuid4()),
                    case_id=case_id,
                    party_file_id=files[case_id],
                    filename=f"letter-{i}.pdf",
                    media_type="application/pdf",
                    sha256=sha,
                    size_bytes=size,
                    added_at=datetime.now(UTC),
                )
                casework.save_entity(s, document)  # type: ignore[arg-type]
        self.add_attachments(contents)
        return contents

    def code(self, name: str) -> str:
        with self.session() as s:
            return admin.create_enrolment_code(
                s, self.settings, name, f"LAP-{uuid.uuid4().hex[:6]}"
            )

    def save(self, entity: object) -> None:
        with self.session() as s:
            casework.save_entity(s, entity)  # type: ignore[arg-type]

    def note_ids(self) -> list[str]:
        with self.session() as s:
            rows = s.query(Record.id).filter(Record.kind == "note", Record.deleted.is_(False))
            return [row[0] for row in rows]

    def volunteer_cases(self) -> list[str]:
        """The cases allocated to vera (the demo volunteer)."""
        if self.all_to_vera:
            return [case.id for case in self.dataset.cases]
        return [case.id for case in self.dataset.cases_of(DEMO_VOLUNTEER_ID)]

    def note_in(self, case_id: str, body: str, author: str = "") -> Note:
        """A new note in the victim file of a case (for staff writes on the store)."""
        files = [p for p in self.dataset.party_files if p.case_id == case_id]
        return Note(
            id=str(uuid.uuid4()),
            case_id=case_id,
            party_file_id=files[0].id,
            author_id=author or self.users["sam"],
            body=body,
            created_at=datetime.now(UTC),
        )


class ThreadServer:
    """uvicorn serving the app in this process, on a background thread."""

    def __init__(self, central: Central, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._app = create_app(central.settings)
        config = uvicorn.Config(
            self._app, host="127.0.0.1", port=self.port, log_level="error", access_log=False
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> ThreadServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=20)
        self._app.state.store.engine.dispose()


class ProcessServer:
    """uvicorn as a child process (so a test can kill and restart the store mid-sync)."""

    def __init__(
        self, central: Central, port: int | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.central = central
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self._env = env or {}

    def start(self) -> None:
        settings = self.central.settings
        env = {
            **os.environ,
            "ERMS_CENTRAL_DATABASE_URL": settings.database_url,
            "ERMS_CENTRAL_AUDIT_KEY_FILE": str(settings.audit_key_file),
            "ERMS_CENTRAL_AUDIT_CHECKPOINT_FILE": str(settings.audit_checkpoint_file),
            **self._env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "erms_desktop.central.asgi:app_from_env",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--no-access-log",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the store process exited")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the store process did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self) -> ProcessServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
