"""Dropping emails and files onto a party file: checked before anything is stored; hostile
files refused with a clear reason and no change; a redacted copy on request; opening through
the vault's private folder."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Document
from erms_desktop.domain.enums import Side
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from tests.gui.case_workspace.helpers import click, drop_files, open_workspace
from tests.service.msgfile import outlook_message
from tests.service.world import OFFENDER_EMAIL, OFFENDER_NAME, World


def write_eml(folder: Path, name: str, body: str, sender: str) -> Path:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "rj@example.gov.uk", "Update"
    message.set_content(body)
    path = folder / name
    path.write_bytes(message.as_bytes())
    return path


def stored(world: World) -> tuple[int, int]:
    return len(world.vault.store.find_all(Document)), len(world.vault.store.pending_outbox(-1))


def test_a_clean_email_dropped_on_a_file_is_attached_and_opens_privately(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    path = write_eml(tmp_path, "update.eml", "She can meet on Tuesday.", "vs@example.net")
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        assert drop_files(pane, [path])
    box = pane.documents
    assert box.message.text() == "Attached update.eml."
    assert box.list.item(0).text().startswith("update.eml")
    box.list.setCurrentRow(0)
    opened: list[Path] = []
    box.open_external = opened.append  # type: ignore[method-assign]
    click(qtbot, box, "open_document")
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened[0].is_relative_to(world.vault.paths.viewing)
    assert opened[0].read_bytes() == path.read_bytes()


def test_an_email_from_the_other_party_is_refused_then_imported_redacted(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    before = stored(world)
    path = write_eml(
        tmp_path, "fwd.eml", "Forwarded, see below.", f"{OFFENDER_NAME} <{OFFENDER_EMAIL}>"
    )
    drop_files(pane, [path])
    box = pane.documents
    qtbot.waitUntil(lambda: "was not imported" in box.message.text(), timeout=5000)
    assert "a name of T.K. (offender)" in box.message.text()
    assert "an email address of T.K. (offender)" in box.message.text()
    assert stored(world) == before
    assert box.redacted_button.isVisible()
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        click(qtbot, box, "import_redacted")
    document = world.vault.store.find_all(Document)[0]
    content = world.vault.store.read_attachment(document.sha256).decode()
    assert OFFENDER_NAME not in content
    assert OFFENDER_EMAIL not in content


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("..\\..\\x.eml", b"From: a@b.c\nSubject: s\n\nhi", "path or control characters"),
        ("C:\\x.eml", b"From: a@b.c\nSubject: s\n\nhi", "path or control characters"),
        ("evil.exe", b"MZ\x90\x00", "cannot be attached"),
        ("notes.msg", b"just text pretending to be Outlook", "does not match its type"),
        ("broken.eml", b"\x00\x00\x00\xff", "binary data"),
    ],
)
def test_hostile_files_are_refused_with_a_reason_and_change_nothing(
    qtbot: QtBot,
    world: World,
    runner: WorkerRunner,
    tmp_path: Path,
    name: str,
    content: bytes,
    reason: str,
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.OFFENDER]
    path = tmp_path / name
    path.write_bytes(content)
    before = stored(world)
    drop_files(pane, [path])
    qtbot.waitUntil(lambda: "was not imported" in pane.documents.message.text(), timeout=5000)
    assert reason in pane.documents.message.text()
    assert not pane.documents.redacted_button.isVisible()
    assert stored(world) == before


def test_a_huge_file_is_refused_without_being_read(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    before = stored(world)
    drop_files(pane, [path])
    assert "larger than 20 MB" in pane.documents.message.text()
    assert stored(world) == before


def test_an_outlook_message_from_the_other_party_dropped_is_refused(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    path = tmp_path / "from-him.msg"
    path.write_bytes(
        outlook_message(
            sender=f"{OFFENDER_NAME} <{OFFENDER_EMAIL}>",
            to="rj@example.gov.uk",
            subject="Sorry",
            body="Please tell her I am sorry.",
        )
    )
    before = stored(world)
    drop_files(pane, [path])
    qtbot.waitUntil(lambda: "was not imported" in pane.documents.message.text(), timeout=5000)
    assert "an email address of T.K. (offender)" in pane.documents.message.text()
    assert stored(world) == before
