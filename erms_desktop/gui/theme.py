"""Look and feel: high-DPI scaling, the system's light or dark palette, the style sheet and icon.

Qt 6 follows the system colour scheme by itself; the Fusion style renders both schemes well on
every platform, and the style sheet only uses ``palette(...)`` colours so it suits either."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication


def before_app() -> None:
    """Settings that must precede the QApplication."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    base = resources.files("erms_desktop.resources")
    app.setStyleSheet((base / "styles" / "app.qss").read_text(encoding="utf-8"))
    with resources.as_file(base / "icons" / "erms.svg") as icon_path:
        app.setWindowIcon(QIcon(str(icon_path)))
