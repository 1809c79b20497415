"""Look and feel: high-DPI scaling, a light or dark palette following the system's scheme, the
style sheet and icon.

The two palettes are spelled out here, not left to each platform, so every colour pair can be
checked against WCAG 2.2 AA (text 4.5:1, focus outlines and component edges 3:1) by a test that
reads these values and the style sheet built from them. The style sheet is a template: ``$error``,
``$focus`` and the like are filled from the scheme in use."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True, slots=True)
class Scheme:
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    placeholder: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    link: str
    mid: str  # table grid lines and component edges
    disabled_text: str
    error: str
    focus: str
    victim: str  # the party-file tab labels
    offender: str


LIGHT = Scheme(
    window="#efefef", window_text="#000000", base="#ffffff", alternate_base="#f5f5f5",
    text="#000000", placeholder="#595959", button="#efefef", button_text="#000000",
    highlight="#1d5a9e", highlighted_text="#ffffff", link="#0b4fa0", mid="#767676",
    disabled_text="#6b6b6b", error="#b00020", focus="#1a56b0", victim="#1f5fa8",
    offender="#8a4512",
)  # fmt: skip
DARK = Scheme(
    window="#2b2b2b", window_text="#f2f2f2", base="#1f1f1f", alternate_base="#262626",
    text="#f2f2f2", placeholder="#ababab", button="#3a3a3a", button_text="#f2f2f2",
    highlight="#2f6fc0", highlighted_text="#ffffff", link="#8cb8ff", mid="#8c8c8c",
    disabled_text="#9a9a9a", error="#ff8a80", focus="#8cb8ff", victim="#8cb8ff",
    offender="#f2a65a",
)  # fmt: skip

_ROLES = {
    "window": QPalette.ColorRole.Window,
    "window_text": QPalette.ColorRole.WindowText,
    "base": QPalette.ColorRole.Base,
    "alternate_base": QPalette.ColorRole.AlternateBase,
    "text": QPalette.ColorRole.Text,
    "placeholder": QPalette.ColorRole.PlaceholderText,
    "button": QPalette.ColorRole.Button,
    "button_text": QPalette.ColorRole.ButtonText,
    "highlight": QPalette.ColorRole.Highlight,
    "highlighted_text": QPalette.ColorRole.HighlightedText,
    "link": QPalette.ColorRole.Link,
    "mid": QPalette.ColorRole.Mid,
}


def before_app() -> None:
    """Settings that must precede the QApplication."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def system_scheme() -> Scheme:
    dark = QGuiApplication.styleHints().colorScheme() is Qt.ColorScheme.Dark
    return DARK if dark else LIGHT


def palette(scheme: Scheme) -> QPalette:
    result = QPalette()
    for field, role in _ROLES.items():
        result.setColor(role, QColor(getattr(scheme, field)))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(scheme.disabled_text))
    result.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(scheme.disabled_text)
    )
    return result


def style_sheet(scheme: Scheme) -> str:
    template = resources.files("erms_desktop.resources") / "styles" / "app.qss"
    return Template(template.read_text(encoding="utf-8")).substitute(dataclasses.asdict(scheme))


_IN_USE = {"scheme": LIGHT}


def current() -> Scheme:
    """The scheme the app runs in (light until ``apply`` has looked at the system)."""
    return _IN_USE["scheme"]


def apply(app: QApplication, scheme: Scheme | None = None) -> None:
    chosen = _IN_USE["scheme"] = scheme or system_scheme()
    app.setStyle("Fusion")
    app.setPalette(palette(chosen))
    app.setStyleSheet(style_sheet(chosen))
    base = resources.files("erms_desktop.resources")
    with resources.as_file(base / "icons" / "erms.svg") as icon_path:
        app.setWindowIcon(QIcon(str(icon_path)))
