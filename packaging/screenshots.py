"""Screenshots of each main screen of the desktop app, for the README and the user guide.

    .venv/bin/python packaging/screenshots.py [OUTPUT_DIR]      (default: docs/screenshots)

Runs the real windows against the in-memory demo backend on Qt's offscreen platform (no display
needed; under Xvfb set QT_QPA_PLATFORM=xcb to use the virtual display instead). Only synthetic
data appears. Writes enrolment.png, enrolment-passphrase.png, unlock.png, cases.png, search.png,
syncing.png and change-passphrase.png.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from erms_desktop.gui import theme  # noqa: E402
from erms_desktop.gui.dialogs import SecretChangeDialog  # noqa: E402
from erms_desktop.gui.main_window import MainWindow  # noqa: E402
from erms_desktop.gui.worker import ServiceWorker  # noqa: E402
from tests.gui.fake_service import (  # noqa: E402
    DEMO_ENROLMENT_CODE,
    DEMO_PASSPHRASE,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    FakeService,
)

SIZE = (1180, 720)
# A fixed moment (the demo dataset's "today"), so the screenshots only change when the UI does.
MOMENT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def _save(widget: QWidget, out: Path, name: str) -> None:
    _wait(lambda: True)
    widget.grab().save(str(out / name))
    print(f"wrote {out / name}")


def _open(backend: FakeService) -> tuple[MainWindow, ServiceWorker]:
    worker = ServiceWorker(backend)
    window = MainWindow(worker, demo=backend.demo, today=MOMENT.date())
    window.resize(*SIZE)
    window.show()
    window.start()
    _wait(lambda: window.stack.currentWidget() is not window.loading)
    return window, worker


def enrolment(out: Path) -> None:
    window, worker = _open(FakeService(clock=lambda: MOMENT))
    wizard = window.enrolment
    assert wizard is not None
    wizard.server.setText("https://erms.example.org")
    wizard.code.setText(DEMO_ENROLMENT_CODE)
    _save(window, out, "enrolment.png")
    wizard.next_button.click()
    wizard.username.setText(DEMO_USERNAME)
    wizard.password.setText(DEMO_PASSWORD)
    wizard.enrol_button.click()
    _wait(lambda: wizard.page_index == 2)
    wizard.passphrase.setText("plum orbit lantern meadow")
    wizard.confirm.setText("plum orbit lantern meadow")
    _save(window, out, "enrolment-passphrase.png")
    window.close()
    worker.shutdown()


def demo_session(out: Path) -> None:
    backend = FakeService(enrolled=True, demo=True, clock=lambda: MOMENT)
    window, worker = _open(backend)
    _save(window, out, "unlock.png")
    window.unlock_screen.passphrase.setText(DEMO_PASSPHRASE)
    window.unlock_screen.unlock_button.click()
    _wait(lambda: window.case_list.model.rowCount() == 52)  # 50 cases and 2 mediations
    _wait(lambda: window.case_list.attention.items.count() == 2)
    _wait(window.sync_bar.sync_button.isEnabled)
    window.case_list.table.selectRow(2)
    _save(window, out, "cases.png")
    window.case_list.search.setText("apology")
    _wait(lambda: window.case_list.results.count() > 0)
    _save(window, out, "search.png")
    window.case_list.search.clear()
    backend.sync_step_delay = 0.05
    window.sync_now()
    _wait(lambda: window.sync_bar.progress.value() >= 20)
    _save(window, out, "syncing.png")
    _wait(window.sync_bar.sync_button.isEnabled)
    window.change_passphrase()
    dialog = window.findChild(SecretChangeDialog)
    assert dialog is not None
    dialog.current.setText(DEMO_PASSPHRASE)
    dialog.new.setText("violet harbour")
    _save(dialog, out, "change-passphrase.png")
    dialog.reject()
    window.close()
    worker.shutdown()


def run_shots(argv: list[str], shoot: Callable[[Path], None]) -> int:
    """Run ``shoot`` with the output folder (``argv[1]``, default docs/screenshots) under the
    app's theme: the main of every screenshot script."""
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    theme.before_app()
    app = QApplication(argv[:1])
    theme.apply(app)
    shoot(out)
    app.quit()
    return 0


def _shoot(out: Path) -> None:
    enrolment(out)
    demo_session(out)


def main(argv: list[str]) -> int:
    return run_shots(argv, _shoot)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
