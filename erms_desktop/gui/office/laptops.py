"""The office's Laptops screen: every laptop (volunteer, state, last contact, app version,
offline lease), issuing one with the volunteer's acceptance of the laptop terms and a
printable enrolment slip (PDF), and revoking a lost one after a confirmation that says what
follows, then the breach summary. Every call runs on the worker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import UserRole
from erms_desktop.gui.office.rows import fill, row_table
from erms_desktop.gui.office.slip_pdf import write_slip
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import confirm_box, dialog_buttons, heading, message_label, named
from erms_desktop.service.formatting import uk_datetime
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import laptops as client
from erms_desktop.service.office import people
from erms_desktop.service.office.laptops import (
    LAPTOP_TERMS_VERSION,
    BreachSummary,
    EnrolmentSlip,
    LaptopState,
)
from erms_desktop.service.office.laptops_text import (
    breach_text,
    laptop_state,
    lease_text,
    revoke_warning,
    slip_text,
)
from erms_desktop.service.office.people import UserSummary

TERMS_TEXT = (
    f"The volunteer has read and accepts the laptop terms and conditions (version "
    f"{LAPTOP_TERMS_VERSION})"
)


class IssueDialog(QDialog):
    """Asset tag, volunteer, and the terms accepted: Issue stays off until all three are set."""

    def __init__(self, volunteers: list[UserSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Issue a laptop")
        named(self, "Issue a laptop")
        self.asset_tag = named(QLineEdit(), "Asset tag")
        self.volunteer = named(QComboBox(), "Volunteer")
        for person in volunteers:
            self.volunteer.addItem(person.username, person.user_id)
        self.terms = named(QCheckBox(TERMS_TEXT), "Terms accepted")
        buttons, self.issue = dialog_buttons(self, "&Issue", "Issue")
        self.asset_tag.textChanged.connect(self._validate)
        self.terms.toggled.connect(self._validate)
        form = QFormLayout()
        form.addRow("&Asset tag:", self.asset_tag)
        form.addRow("&Volunteer:", self.volunteer)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.terms)
        layout.addWidget(buttons)
        self._validate()

    def _validate(self) -> None:
        ready = bool(self.asset_tag.text().strip()) and self.volunteer.count() > 0
        self.issue.setEnabled(ready and self.terms.isChecked())


class LaptopsScreen(QWidget):
    def __init__(self, window: OfficeWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self.laptops: list[LaptopState] = []
        self.slip_path = ""
        columns = ("Asset tag", "Volunteer", "State", "Last contact", "App version", "Lease")
        self.table = row_table("Laptop list", columns)
        self.table.itemSelectionChanged.connect(self._selected)
        self.issue_button = named(QPushButton("&Issue a laptop…"), "Issue a laptop")
        self.revoke_button = named(QPushButton("&Revoke…"), "Revoke laptop")
        self.breach_button = named(QPushButton("&Breach summary"), "Breach summary")
        self.refresh_button = named(QPushButton("Re&fresh"), "Refresh laptops")
        self.issue_button.clicked.connect(self.issue_laptop)
        self.revoke_button.clicked.connect(self.revoke)
        self.breach_button.clicked.connect(self.breach_summary)
        self.refresh_button.clicked.connect(self.refresh)
        self.message = message_label("Laptops message")
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        buttons = QHBoxLayout()
        for button in (self.issue_button, self.revoke_button, self.breach_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Laptops"))
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._selected()

    # -- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._window.worker.call(client.list_laptops, self._show, self._failed)

    def _show(self, laptops: list[LaptopState]) -> None:
        self.laptops = laptops
        fill(
            self.table,
            [
                (
                    laptop.asset_tag,
                    laptop.username,
                    laptop_state(laptop),
                    uk_datetime(laptop.last_contact),
                    laptop.app_version or "—",
                    lease_text(laptop),
                )
                for laptop in laptops
            ],
        )
        self._selected()

    def selected(self) -> LaptopState | None:
        row = self.table.currentRow()
        return self.laptops[row] if 0 <= row < len(self.laptops) else None

    def _selected(self) -> None:
        laptop = self.selected()
        enrolled = laptop is not None and laptop.device_id is not None
        self.revoke_button.setEnabled(enrolled and laptop is not None and not laptop.revoked_at)
        self.breach_button.setEnabled(enrolled)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))
        self._window.show_problem(error)

    # -- issuing --------------------------------------------------------------------------------
    def issue_laptop(self) -> None:
        self._window.worker.call(people.list_people, self._open_issue, self._failed)

    def _open_issue(self, everyone: list[UserSummary]) -> None:
        volunteers = [p for p in everyone if p.role == UserRole.VOLUNTEER and not p.disabled]
        dialog = IssueDialog(volunteers, self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._issue(dialog))
        dialog.open()

    def _issue(self, dialog: IssueDialog) -> None:
        tag, user_id = dialog.asset_tag.text().strip(), str(dialog.volunteer.currentData())
        accepted = dialog.terms.isChecked()
        self._window.worker.call(
            lambda s: client.issue(s, tag, user_id, accepted), self._issued, self._failed
        )

    def choose_slip_path(self, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the enrolment slip", suggested, "PDF (*.pdf)"
        )
        return path

    def _issued(self, slip: EnrolmentSlip) -> None:
        self.refresh()
        path = self.choose_slip_path(f"enrolment-slip-{slip.asset_tag}.pdf")
        if path:
            write_slip(slip, path)
            self.slip_path = path
            saved = f"The slip is saved to {path}: print it for the volunteer."
        else:
            saved = "The slip was not saved: note the code now, it is not shown again."
        self.message.setText(f"{slip_text(slip)}\n\n{saved}")

    # -- revoking -------------------------------------------------------------------------------
    def revoke(self) -> None:
        laptop = self.selected()
        if laptop is None or laptop.device_id is None:
            return
        device_id = laptop.device_id
        self.confirmation = confirm_box(
            self,
            "Revoke laptop",
            revoke_warning(laptop),
            "&Revoke",
            lambda: self._window.worker.call(
                lambda s: client.revoke(s, device_id), self._breach, self._failed
            ),
        )

    def breach_summary(self) -> None:
        laptop = self.selected()
        if laptop is None or laptop.device_id is None:
            return
        device_id = laptop.device_id
        self._window.worker.call(
            lambda s: client.breach_summary(s, device_id), self._breach, self._failed
        )

    def _breach(self, summary: BreachSummary) -> None:
        self.message.setText(breach_text(summary))
        self.refresh()
