"""Exports never carry the other party's identifiers: the initials-only copy for external email
(cleared from the clipboard after a while) and the PDF of a party file, full or redacted. And
each record shows its sync state from the vault's outbox."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Note
from erms_desktop.domain.enums import Side
from erms_desktop.domain.separation import SeparationChecker
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from erms_desktop.gui.clipboard import ClipboardGuard
from tests.gui.case_workspace.helpers import click, open_workspace
from tests.service.world import NOW, OFFENDER_NAME, VICTIM_NAME, VICTIM_PHONE, World


def pdf_text(path: Path) -> str:
    """The text a reader gets out of the PDF (Qt writes spaces as tabs, "fi" as a ligature)."""
    import pypdf

    pages = pypdf.PdfReader(path).pages
    text = "\n".join(page.extract_text() for page in pages)
    return unicodedata.normalize("NFKC", text).replace("\t", " ")


def slipped_in_note(world: World) -> None:
    """A note naming the offender that reached the victim file by some other path (an old
    import, a bug): exports must still not carry it."""
    note = world.casework.new_note(world.victim_file.id, f"Old note: {OFFENDER_NAME} was rude")
    world.vault.store.save(note.finalise(NOW + timedelta(minutes=1)))


def test_copy_for_external_email_is_initials_only_and_cleared(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    world.casework.finalise(
        world.casework.new_note(world.victim_file.id, f"{VICTIM_NAME} rang from {VICTIM_PHONE}")
    )
    workspace = CaseWorkspace(
        runner, world.case.id, clipboard=ClipboardGuard(clear_after_ms=300), today=NOW.date
    )
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitUntil(lambda: workspace.view is not None, timeout=5000)
    pane = workspace.panes[Side.VICTIM]
    pane.notes.setCurrentRow(0)
    click(qtbot, pane, "copy_for_external_email")
    clipboard = QApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.text().startswith("P. Q.-A."), timeout=5000)
    assert clipboard.text() == "P. Q.-A. rang from [withheld]"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5000)


@pytest.mark.parametrize("redacted", [False, True])
def test_a_party_file_pdf_never_carries_the_other_partys_identifiers(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path, redacted: bool
) -> None:
    world.casework.finalise(
        world.casework.new_note(world.victim_file.id, f"{VICTIM_NAME} feels safer now")
    )
    slipped_in_note(world)
    workspace = open_workspace(qtbot, world, runner)
    target = tmp_path / "victim-file.pdf"
    workspace.choose_save_path = lambda _suggested: str(target)  # type: ignore[method-assign]
    pane = workspace.panes[Side.VICTIM]
    click(qtbot, pane, "export_redacted_pdf" if redacted else "export_pdf")
    qtbot.waitUntil(lambda: workspace.message.text() == "PDF saved.", timeout=5000)
    assert target.read_bytes().startswith(b"%PDF-")
    printed = pdf_text(target)
    assert SeparationChecker([world.offender]).check(printed) == []
    assert "Old note: [the other party] was rude" in printed
    assert (VICTIM_NAME in printed) is (not redacted)
    text = pane.last_pdf_text  # exactly what was given to the PDF writer
    assert "Old note: [the other party] was rude" in text
    assert SeparationChecker([world.offender]).check(text) == []
    if redacted:
        assert not any(f.blocking for f in SeparationChecker([world.victim]).check(text))
    else:
        assert VICTIM_NAME in text


def test_each_item_shows_its_sync_state(qtbot: QtBot, world: World, runner: WorkerRunner) -> None:
    note = world.casework.finalise(world.casework.new_note(world.victim_file.id, "Calm call"))
    store = world.vault.store
    seqs = {e.record_id: e.seq for e in store.pending_outbox(-1)}
    store.acknowledge(seqs[world.victim.id], 1)
    store.reject(seqs[note.id], "refused by the central store")
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    assert pane.participants.item(0).text().endswith("· synced")
    assert pane.notes.item(0).text().endswith("· NEEDS ATTENTION")
    assert workspace.panes[Side.OFFENDER].participants.item(0).text().endswith("· waiting to sync")
    assert store.find(Note, note.id) is not None
