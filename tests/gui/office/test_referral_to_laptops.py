"""The office's whole first flow from the window, against the real store on loopback: take a
referral in with two people, accept it, assess risk on both party files, allocate the victim
file to one volunteer and the offender file to another, then find each volunteer's laptop (a
real vault, enrolled and syncing) receiving only its own file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.domain.enums import OffenceFlag, ReferralSource, Side
from erms_desktop.domain.parties import Participant, PartyFile
from erms_desktop.gui.office.allocation import AllocationScreen
from erms_desktop.gui.office.referral_intake import IntakeDialog, PersonDialog
from erms_desktop.gui.office.referrals import AcceptDialog, ReferralsScreen
from erms_desktop.gui.office.risk import AssessmentDialog, RiskScreen
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.models import EnrolmentRequest
from tests.gui.office.helpers import go_to_screen, press, when_dialog
from tests.service.office import PASSPHRASE, Office, desktop_service, enrolled

CO_VOLUNTEER = "demo.cofacilitator"


def _laptop(folder: Path, office: Office, username: str) -> DesktopService:
    if username == DEMO_USERNAME:
        return enrolled(folder, office)
    service = desktop_service(folder, office)
    code = office.central.code(username)
    service.enrol(EnrolmentRequest(office.url, code, username, DEMO_PASSWORD))
    service.set_passphrase(PASSPHRASE)
    service.sync_now(lambda _p: None)
    return service


def _take_in(qtbot: QtBot, screen: ReferralsScreen) -> None:
    people = [
        (Side.VICTIM, "Ottoline", "Brackenbury", False),
        (Side.OFFENDER, "Peregrine", "Hollowell", True),
    ]

    def fill_person(
        side: Side, given: str, family: str, child: bool
    ) -> Callable[[PersonDialog], None]:
        def act(dialog: PersonDialog) -> None:
            dialog.side.setCurrentIndex(dialog.side.findData(side))
            qtbot.keyClicks(dialog.given, given)
            qtbot.keyClicks(dialog.family, family)
            qtbot.keyClicks(dialog.phones, "07700 900456")
            if child:
                press(qtbot, dialog.child)
            press(qtbot, dialog.ok)

        return act

    def fill(dialog: IntakeDialog) -> None:
        assert dialog.source.count() == len(ReferralSource)  # the full list the service uses
        dialog.source.setCurrentIndex(dialog.source.findText("Youth offending service"))
        qtbot.keyClicks(dialog.agency_reference, "YOS/2026/118")
        qtbot.keyClicks(dialog.summary, "Damage to a neighbour's fence and car")
        press(qtbot, dialog.flags[OffenceFlag.INVOLVES_CHILD])
        dialog.lawful_basis.setCurrentIndex(dialog.lawful_basis.findText("Public task"))
        for person in people:
            when_dialog(PersonDialog, fill_person(*person))
            press(qtbot, dialog.add_person)
        assert dialog.people_table.rowCount() == 2
        press(qtbot, dialog.save_button)

    when_dialog(IntakeDialog, fill)
    press(qtbot, screen.new_button)
    qtbot.waitUntil(lambda: _row_with(screen, "YOS/2026/118") >= 0, timeout=10000)


def _row_with(screen: ReferralsScreen, agency_reference: str) -> int:
    for row in range(screen.list.rowCount()):
        item = screen.list.item(row, 2)
        if item is not None and item.text() == agency_reference:
            return row
    return -1


def _accept(qtbot: QtBot, screen: ReferralsScreen) -> str:
    screen.list.selectRow(_row_with(screen, "YOS/2026/118"))
    opened: list[str] = []
    screen.case_opened.connect(opened.append)

    def fill(dialog: AcceptDialog) -> None:
        assert not dialog.rule.isVisible()  # no knife crime or sexual harm here
        qtbot.keyClicks(dialog.service_reference, "RJ-2026-118")
        press(qtbot, dialog.accept_button)

    when_dialog(AcceptDialog, fill)
    press(qtbot, screen.accept_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    return opened[0]


def _assess_both(qtbot: QtBot, window: OfficeWindow, case_id: str) -> RiskScreen:
    go_to_screen(qtbot, window, "Initial risk")
    screen = window.tabs.currentWidget()
    assert isinstance(screen, RiskScreen)
    qtbot.waitUntil(
        lambda: screen.current is not None and screen.current.case_id == case_id, timeout=10000
    )
    for row in range(2):
        screen.files.selectRow(row)

        def save(dialog: AssessmentDialog) -> None:
            qtbot.keyClicks(dialog.factors, "Lives two streets away")
            press(qtbot, dialog.save_button)

        when_dialog(AssessmentDialog, save)
        press(qtbot, screen.assess_button)
        qtbot.waitUntil(lambda r=row: screen.files.item(r, 2).text() == "Yes", timeout=10000)
    return screen


def _allocate(qtbot: QtBot, window: OfficeWindow, case_id: str) -> dict[Side, str]:
    go_to_screen(qtbot, window, "Allocation")
    screen = window.tabs.currentWidget()
    assert isinstance(screen, AllocationScreen)
    qtbot.waitUntil(
        lambda: (
            screen.current is not None
            and screen.current.case_id == case_id
            and screen.facilitator.count() > 1
        ),
        timeout=10000,
    )
    assert screen.current is not None
    files = {f.side: f.party_file_id for f in screen.current.files}
    for side, volunteer in ((Side.VICTIM, DEMO_USERNAME), (Side.OFFENDER, CO_VOLUNTEER)):
        screen.select_file(files[side])
        screen.choose_volunteers(volunteer)
        # The volunteer's current caseload is shown while choosing.
        qtbot.waitUntil(lambda v=volunteer: screen.caseload_title.text().startswith(v))
        press(qtbot, screen.allocate_button)
        qtbot.waitUntil(
            lambda v=volunteer, s=side: v in screen.files.item(_row_of(screen, files[s]), 3).text(),
            timeout=10000,
        )
    return files


def _row_of(screen: AllocationScreen, key: str) -> int:
    for row in range(screen.files.rowCount()):
        item = screen.files.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == key:
            return row
    return -1


def test_referral_to_two_volunteers_laptops(
    qtbot: QtBot, tmp_path: Path, office: Office, office_window: OfficeWindow
) -> None:
    laptops = {
        Side.VICTIM: _laptop(tmp_path / "vera", office, DEMO_USERNAME),
        Side.OFFENDER: _laptop(tmp_path / "colin", office, CO_VOLUNTEER),
    }
    qtbot.waitUntil(office_window.isActiveWindow)
    referrals = office_window.tabs.currentWidget()
    assert isinstance(referrals, ReferralsScreen)
    _take_in(qtbot, referrals)
    case_id = _accept(qtbot, referrals)
    _assess_both(qtbot, office_window, case_id)
    files = _allocate(qtbot, office_window, case_id)

    names = {Side.VICTIM: "Brackenbury", Side.OFFENDER: "Hollowell"}
    for side, laptop in laptops.items():
        laptop.sync_now(lambda _p: None)
        store = laptop.vault.store
        held = {f.id for f in store.find_all(PartyFile) if f.case_id == case_id}
        assert held == {files[side]}, side
        family = {p.family_name for p in store.find_all(Participant)}
        other = Side.OFFENDER if side is Side.VICTIM else Side.VICTIM
        assert names[side] in family
        assert names[other] not in family
