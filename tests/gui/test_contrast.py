"""Issue 15, point 8: WCAG 2.2 AA contrast, computed from the light and dark palettes and the
style sheet the app really applies: text 4.5:1, focus outlines and component edges 3:1; focus
outlines 2 px; errors in the error colour."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from erms_desktop.gui import theme
from erms_desktop.gui.case_workspace.style import SIDE_COLOURS
from erms_desktop.gui.theme import DARK, LIGHT, Scheme
from tests.gui.conftest import StartWindow
from tests.gui.fake_service import FakeService

TEXT, COMPONENT = 4.5, 3.0
ERROR_LABELS = ("unlock_problem", "passphrase_problem", "sync_problem", "connection_problem")
FOCUSABLE = ("QLineEdit", "QPlainTextEdit", "QComboBox", "QAbstractItemView", "QPushButton")


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rules(sheet: str) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of each rule in a Qt style sheet."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        declarations = {
            key.strip(): value.strip()
            for key, _, value in (d.partition(":") for d in body.split(";") if d.strip())
        }
        found.append(([s.strip() for s in selectors.split(",")], declarations))
    return found


def test_the_contrast_formula_matches_known_pairs() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#308cc6", "#efefef") == pytest.approx(3.2, abs=0.05)  # the error
    assert contrast("#7f7f7f", "#ffffff") == pytest.approx(4.0, abs=0.05)  # its placeholder


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_text_and_components_meet_aa(scheme: Scheme) -> None:
    text_pairs = {
        "text on base": (scheme.text, scheme.base),
        "text on alternate rows": (scheme.text, scheme.alternate_base),
        "window text": (scheme.window_text, scheme.window),
        "button text": (scheme.button_text, scheme.button),
        "placeholder": (scheme.placeholder, scheme.base),
        "selected text": (scheme.highlighted_text, scheme.highlight),
        "link": (scheme.link, scheme.window),
        "disabled text": (scheme.disabled_text, scheme.window),
        "error": (scheme.error, scheme.window),
        "victim tab": (scheme.victim, scheme.window),
        "offender tab": (scheme.offender, scheme.window),
    }
    low = {k: round(contrast(*p), 2) for k, p in text_pairs.items() if contrast(*p) < TEXT}
    assert low == {}
    component_pairs = {
        "focus on window": (scheme.focus, scheme.window),
        "focus on base": (scheme.focus, scheme.base),
        "edges on base": (scheme.mid, scheme.base),
        "selection on base": (scheme.highlight, scheme.base),
    }
    low = {k: round(contrast(*p), 2) for k, p in component_pairs.items() if contrast(*p) < 3.0}
    assert low == {}


def test_party_file_banners_are_readable() -> None:
    for colour in SIDE_COLOURS.values():
        assert contrast("#ffffff", colour) >= TEXT


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_the_style_sheet_styles_errors_and_a_2px_focus_outline(scheme: Scheme) -> None:
    parsed = rules(theme.style_sheet(scheme))
    colour_of = {
        selector: body["color"]
        for selectors, body in parsed
        for selector in selectors
        if "color" in body
    }
    for name in ERROR_LABELS:
        assert colour_of[f"QLabel#{name}"] == scheme.error
    assert colour_of['QLabel[error="true"]'] == scheme.error  # widgets.error_label
    focus = {
        selector.removesuffix(":focus"): body["border"]
        for selectors, body in parsed
        for selector in selectors
        if selector.endswith(":focus")
    }
    for control in FOCUSABLE:
        width, style, colour = focus[control].split()
        assert (width, style, colour) == ("2px", "solid", scheme.focus)
    grid = next(body["gridline-color"] for s, body in parsed if "QTableView" in s)
    assert contrast(grid, scheme.base) >= COMPONENT


def test_the_running_app_uses_the_checked_palette(qapp: QApplication) -> None:
    theme.apply(qapp, LIGHT)
    shown = qapp.palette()
    assert shown.color(QPalette.ColorRole.PlaceholderText).name() == LIGHT.placeholder
    assert shown.color(QPalette.ColorRole.Base).name() == LIGHT.base
    assert "2px solid" in qapp.styleSheet()


def test_the_wrong_passphrase_error_is_drawn_in_the_error_colour(
    qtbot: QtBot, qapp: QApplication, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    theme.apply(qapp, LIGHT)
    window = start_window(enrolled_backend)
    screen = window.unlock_screen
    qtbot.keyClicks(screen.passphrase, "not the passphrase")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in screen.error.text())
    image = screen.error.grab().toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert LIGHT.error in colours  # the glyphs' solid parts
    assert contrast(LIGHT.error, LIGHT.window) >= TEXT


def test_a_focused_field_shows_a_2px_outline_in_the_focus_colour(
    qtbot: QtBot, qapp: QApplication
) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    theme.apply(qapp, LIGHT)
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    root.show()
    root.activateWindow()
    qtbot.waitExposed(root)
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    image = second.grab().toImage()
    middle = image.height() // 2
    assert [image.pixelColor(x, middle).name() for x in (0, 1)] == [LIGHT.focus] * 2
    assert image.pixelColor(2, middle).name() != LIGHT.focus
    unfocused = first.grab().toImage()
    assert unfocused.pixelColor(0, middle).name() != LIGHT.focus
