"""Application entry point. Replaced by the full app shell (issue: desktop app shell)."""

from __future__ import annotations


def run(*, demo: bool) -> int:
    """Start the Qt application; returns the process exit status."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("ERMS Desktop (demo)" if demo else "ERMS Desktop")
    label.show()
    status: int = app.exec()
    return status
