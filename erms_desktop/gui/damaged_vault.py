"""Asking before a damaged local case store is wiped so the laptop can be set up again.

Offered only after unlocking found the store damaged (``VaultDamaged``); the explanation on the
unlock screen already says what is safe (everything synced) and, when work may remain inside,
that office staff can recover it with the organisation key. This asks once more, Cancel first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from erms_desktop.gui.widgets import named
from erms_desktop.service import errors

_NOTHING_INSIDE = (
    "The local case store on this laptop was never finished, so it holds none of your work. "
    "Wipe it and set up this laptop again?"
)
_WORK_MAY_REMAIN = (
    "Wipe the damaged local case store and set up this laptop again?\n\nEverything already "
    "synced with the office is safe. Changes made since the last sync will be lost unless "
    "office staff have recovered them with the organisation key first. This cannot be undone."
)


def ask_to_wipe(parent: QWidget, damage: errors.VaultDamaged, wipe: Callable[[], None]) -> None:
    box = named(QMessageBox(parent), "Wipe the local case store")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Wipe and start again")
    box.setText(_NOTHING_INSIDE if isinstance(damage, errors.VaultIncomplete) else _WORK_MAY_REMAIN)
    confirm = named(
        box.addButton("&Wipe and start again", QMessageBox.ButtonRole.DestructiveRole),
        "Wipe and start again",
    )
    cancel = named(box.addButton(QMessageBox.StandardButton.Cancel), "Cancel")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.buttonClicked.connect(lambda button: wipe() if button is confirm else None)
    box.open()
