"""Exchanges only through the dialog and its consent gate; consent (verbal, signed form with
scan, withdrawal, refusal that closes the case); risk with review dates; outcome items;
joint meetings with durations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from erms_desktop.domain import Case, ConsentRecord, Exchange, OutcomeItem, RiskAssessment
from erms_desktop.domain.enums import (
    ClosureReason,
    ConsentMethod,
    ConsentScope,
    Custody,
    ExchangeKind,
    LetterDelivery,
    RiskKind,
    RiskOutcome,
    Side,
)
from erms_desktop.gui.case_workspace.exchange_dialog import ExchangeDialog
from erms_desktop.gui.case_workspace.forms import ConsentForm
from erms_desktop.gui.case_workspace.runner import WorkerRunner
from erms_desktop.gui.case_workspace.workspace import CaseWorkspace
from tests.gui.case_workspace.helpers import click, open_workspace
from tests.service.world import World


def choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def tick_everyone(form: object) -> None:
    """Mark every listed person present at a meeting."""
    present = form.present  # type: ignore[attr-defined]
    for row in range(present.count()):
        present.item(row).setCheckState(Qt.CheckState.Checked)


def exchange_dialog(qtbot: QtBot, workspace: CaseWorkspace) -> ExchangeDialog:
    workspace.tabs.setCurrentWidget(workspace.case_level)
    click(qtbot, workspace.case_level, "share_with_the_other_party")
    dialog = workspace.case_level.last_form
    assert isinstance(dialog, ExchangeDialog)
    return dialog


def test_an_exchange_without_consent_is_refused(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    dialog = exchange_dialog(qtbot, workspace)
    choose(dialog.source, world.offender_file.id)
    qtbot.keyClicks(dialog.content, "He wants her to know he is sorry.")
    assert dialog.consent.currentData() is None  # nothing recorded to rely on
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5000)
    assert dialog.message.text() == "Sharing needs the consent of the party the content comes from."
    assert dialog.isVisible()
    assert world.vault.store.find_all(Exchange) == []


def test_an_apology_letter_with_consent_assessment_and_agreement_is_shared_and_tracked(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    cw = world.casework
    consent = cw.record_consent(
        world.offender.id,
        ConsentScope.SHARE_WITH_OTHER_PARTY,
        ConsentMethod.VERBAL,
        detail="His apology letter",
        on=date(2026, 10, 1),
    )
    risk = cw.record_risk(world.case.id, RiskKind.LETTER_SHARING, outcome=RiskOutcome.PROCEED)
    workspace = open_workspace(qtbot, world, runner)
    dialog = exchange_dialog(qtbot, workspace)
    choose(dialog.source, world.offender_file.id)
    choose(dialog.kind, ExchangeKind.APOLOGY_LETTER)
    choose(dialog.consent, consent.id)
    qtbot.keyClicks(dialog.content, "I am sorry for what I did to your greenhouse.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5000)
    assert "letter-sharing risk assessment" in dialog.message.text()
    choose(dialog.risk, risk.id)
    dialog.writer_agreed.setChecked(True)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    exchange = world.vault.store.find_all(Exchange)[0]
    assert exchange.shared_by == cw.user_id
    assert exchange.consent_id == consent.id
    exchanges = workspace.case_level.exchanges
    assert "02/11/2026 09:30 · Apology letter from the offender side, shared by you · held" in (
        exchanges.item(0).text()
    )
    exchanges.setCurrentRow(0)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        click(qtbot, workspace.case_level, "deliver_by_reading")
    delivered = world.vault.store.get(Exchange, exchange.id)
    assert delivered.custody is Custody.DELIVERED
    assert delivered.delivered_as is LetterDelivery.READ_TO_RECIPIENT
    assert "· delivered ·" in workspace.case_level.exchanges.item(0).text()


def consent_form(qtbot: QtBot, workspace: CaseWorkspace, side: Side) -> ConsentForm:
    pane = workspace.panes[side]
    workspace.tabs.setCurrentWidget(pane)
    pane.tabs.setCurrentIndex(3)
    click(qtbot, pane, "record_consent")
    form = pane.last_form
    assert isinstance(form, ConsentForm)
    form.recorded_on.setDate(QDate(2026, 11, 1))
    return form


def test_verbal_then_signed_consent_with_scan_then_withdrawal(
    qtbot: QtBot, world: World, runner: WorkerRunner, tmp_path: Path
) -> None:
    scan = world.casework.import_file(world.victim_file.id, "form.pdf", b"%PDF-1.4 scan")
    workspace = open_workspace(qtbot, world, runner)
    form = consent_form(qtbot, workspace, Side.VICTIM)
    choose(form.scope, ConsentScope.TAKE_PART)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    form = consent_form(qtbot, workspace, Side.VICTIM)
    choose(form.scope, ConsentScope.CONFIDENTIALITY_FORM)
    choose(form.method, ConsentMethod.SIGNED_FORM)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "scan attached" in form.message.text(), timeout=5000)
    choose(form.scan, scan.id)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    pane = workspace.panes[Side.VICTIM]
    assert pane.consents.count() == 2
    assert (
        "Confidentiality form: given (signed form, scan attached)" in pane.consents.item(1).text()
    )
    pane.consents.setCurrentRow(0)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        click(qtbot, pane, "withdraw")
    assert "withdrawn 02/11/2026" in pane.consents.item(0).text()
    records = world.vault.store.find_all(ConsentRecord)
    assert [r.withdrawn_on for r in records] == [date(2026, 11, 2), None]


def test_refusing_to_sign_closes_the_case_with_the_reason(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    form = consent_form(qtbot, workspace, Side.OFFENDER)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        click(qtbot, form, "refused")
    case = world.vault.store.get(Case, world.case.id)
    assert case.closure_reason is ClosureReason.CONSENT_REFUSED
    assert "Closed 01/11/2026: Consent refused" in workspace.header.dates.text()


def test_risk_with_review_date_outcome_item_and_joint_meeting(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.VICTIM]
    workspace.tabs.setCurrentWidget(pane)
    pane.tabs.setCurrentIndex(4)
    click(qtbot, pane, "risk_assessment")
    risk = pane.last_form
    qtbot.keyClicks(risk.factors, "Anxious about meeting")  # type: ignore[attr-defined]
    qtbot.keyClicks(risk.mitigations, "Supporter attends")  # type: ignore[attr-defined]
    choose(risk.outcome, RiskOutcome.PROCEED_WITH_MITIGATIONS)  # type: ignore[attr-defined]
    risk.review_on.setDate(QDate(2026, 12, 1))  # type: ignore[attr-defined]
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(risk.save_button, Qt.MouseButton.LeftButton)
    assert "review by 01/12/2026" in pane.risks.item(0).text()
    assert world.vault.store.find_all(RiskAssessment)[0].review_on == date(2026, 12, 1)

    level = workspace.case_level
    workspace.tabs.setCurrentWidget(level)
    click(qtbot, level, "add_item")
    item = level.last_form
    qtbot.keyClicks(item.description, "Repair the greenhouse")  # type: ignore[attr-defined]
    choose(item.responsible, world.offender_file.id)  # type: ignore[attr-defined]
    for box, _file_id in item.signed:  # type: ignore[attr-defined]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)  # signed by both sides (issue 18)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(item.save_button, Qt.MouseButton.LeftButton)
    agreed = world.vault.store.find_all(OutcomeItem)[0]
    assert agreed.description == "Repair the greenhouse"
    assert set(agreed.signed_by_party_file_ids) == {world.victim_file.id, world.offender_file.id}
    assert "signed by victim, offender" in level.outcome.item(0).text()

    for file_id in (world.victim_file.id, world.offender_file.id):
        world.casework.record_risk(
            world.case.id, RiskKind.SECONDARY, party_file_id=file_id, outcome=RiskOutcome.PROCEED
        )
    click(qtbot, level, "record_joint_meeting")
    meeting = level.last_form
    meeting.minutes.setValue(95)  # type: ignore[attr-defined]
    tick_everyone(meeting)
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(meeting.save_button, Qt.MouseButton.LeftButton)
    assert "Conference · 95 min" in level.meetings.item(0).text()
    assert "waiting to sync" in level.meetings.item(0).text()


def test_a_contact_in_a_party_file_with_its_duration(
    qtbot: QtBot, world: World, runner: WorkerRunner
) -> None:
    workspace = open_workspace(qtbot, world, runner)
    pane = workspace.panes[Side.OFFENDER]
    workspace.tabs.setCurrentWidget(pane)
    pane.tabs.setCurrentIndex(2)
    click(qtbot, pane, "record_contact")
    form = pane.last_form
    form.held_on.setDate(QDate(2026, 10, 28))  # type: ignore[attr-defined]
    form.minutes.setValue(45)  # type: ignore[attr-defined]
    qtbot.keyClicks(form.summary, "Talked about the letter he wants to write")  # type: ignore[attr-defined]
    with qtbot.waitSignal(workspace.loaded, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert pane.contacts.item(0).text().startswith("28/10/2026 · First contact by visit · 45 min")
