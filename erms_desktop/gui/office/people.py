"""The office's People screen: everyone with an account, a new volunteer or member of staff,
a temporary password, disabling a leaver (after a confirmation, then the allocations to
reassign), and each person's hours and mileage by month. Every call runs on the worker."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import UserRole
from erms_desktop.gui.office.rows import fill, row_table
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import confirm_box, dialog_buttons, heading, message_label, named
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import people as client
from erms_desktop.service.office.people import (
    LeaverSummary,
    MonthTime,
    TemporaryPassword,
    UserSummary,
)
from erms_desktop.service.office.people_text import (
    ROLE_WORDS,
    leaver_text,
    leaver_warning,
    month_row,
    person_state,
)


class NewPersonDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New person")
        named(self, "New person")
        self.username = named(QLineEdit(), "Username")
        self.role = named(QComboBox(), "Role")
        for role in (UserRole.VOLUNTEER, UserRole.STAFF):
            self.role.addItem(ROLE_WORDS[role.value], role)
        buttons, self.create_button = dialog_buttons(self, "&Create", "Create")
        self.create_button.setEnabled(False)
        self.username.textChanged.connect(lambda t: self.create_button.setEnabled(bool(t.strip())))
        form = QFormLayout()
        form.addRow("&Username:", self.username)
        form.addRow("&Role:", self.role)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class PeopleScreen(QWidget):
    def __init__(self, window: OfficeWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._window = window
        self.people: list[UserSummary] = []
        self.table = row_table("People list", ("Username", "Role", "State", "Laptops"))
        self.table.itemSelectionChanged.connect(self._selected)
        self.new_button = named(QPushButton("&New person…"), "New person")
        self.reset_button = named(QPushButton("&Temporary password…"), "Temporary password")
        self.disable_button = named(QPushButton("&Disable leaver…"), "Disable leaver")
        self.refresh_button = named(QPushButton("Re&fresh"), "Refresh people")
        self.new_button.clicked.connect(self.new_person)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.disable_leaver)
        self.refresh_button.clicked.connect(self.refresh)
        self.hours_heading = QLabel("Hours and mileage by month")
        self.hours = row_table("Hours and mileage", ("Month", "Entries", "Hours", "Miles"))
        self.message = message_label("People message")
        self.message.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        buttons = QHBoxLayout()
        for button in (self.new_button, self.reset_button, self.disable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("People"))
        layout.addLayout(buttons)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.message)
        layout.addWidget(self.hours_heading)
        layout.addWidget(self.hours, 1)
        self._selected()

    # -- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._window.worker.call(client.list_people, self._show, self._failed)

    def _show(self, people: list[UserSummary]) -> None:
        self.people = people
        fill(
            self.table,
            [
                (p.username, ROLE_WORDS[p.role.value], person_state(p), str(p.devices))
                for p in people
            ],
        )
        self._selected()

    def selected(self) -> UserSummary | None:
        row = self.table.currentRow()
        return self.people[row] if 0 <= row < len(self.people) else None

    def _selected(self) -> None:
        person = self.selected()
        live = person is not None and not person.disabled
        self.reset_button.setEnabled(live)
        self.disable_button.setEnabled(live)
        fill(self.hours, [])
        if person is not None:
            user_id = person.user_id
            self._window.worker.call(
                lambda s: client.time_by_month(s, user_id), self._show_hours, self._failed
            )

    def _show_hours(self, months: list[MonthTime]) -> None:
        fill(self.hours, [month_row(m) for m in months])
        person = self.selected()
        if person is not None:
            self.hours_heading.setText(f"Hours and mileage by month: {person.username}")

    def _failed(self, error: BaseException) -> None:
        self.message.setText(user_message(error))
        self._window.show_problem(error)

    # -- changing -------------------------------------------------------------------------------
    def new_person(self) -> None:
        dialog = NewPersonDialog(self)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._create(dialog))
        dialog.open()

    def _create(self, dialog: NewPersonDialog) -> None:
        username = dialog.username.text().strip()
        role = UserRole(dialog.role.currentData())
        self._window.worker.call(
            lambda s: client.create_person(s, username, role), self._made, self._failed
        )

    def reset_password(self) -> None:
        person = self.selected()
        if person is None:
            return
        user_id = person.user_id
        self.confirmation = confirm_box(
            self,
            "Temporary password",
            f"Give {person.username} a new temporary password? Their sessions end at once and "
            "they must choose their own password when they next sign in.",
            "&Give password",
            lambda: self._window.worker.call(
                lambda s: client.reset_password(s, user_id), self._made, self._failed
            ),
            warning=False,
        )

    def _made(self, made: TemporaryPassword) -> None:
        self.message.setText(
            f"{made.username}'s temporary password is {made.temporary_password}. Give it to them "
            "privately: it is shown only now, and they must choose their own at the first sign-in."
        )
        self.refresh()

    def disable_leaver(self) -> None:
        person = self.selected()
        if person is None:
            return
        user_id = person.user_id
        self.confirmation = confirm_box(
            self,
            "Disable leaver",
            leaver_warning(person),
            "&Disable",
            lambda: self._window.worker.call(
                lambda s: client.disable(s, user_id), self._disabled, self._failed
            ),
        )

    def _disabled(self, summary: LeaverSummary) -> None:
        self.message.setText(leaver_text(summary))
        self.refresh()
