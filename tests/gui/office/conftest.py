"""An office computer (nothing enrolled) on which the demo office account has signed in to the
real store on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD
from erms_desktop.gui.office.window import OfficeWindow
from tests.gui.conftest import start_on
from tests.gui.office.helpers import sign_in_to_office
from tests.service.office import Office, desktop_service


@pytest.fixture
def office_window(qtbot: QtBot, tmp_path: Path, office: Office) -> Iterator[OfficeWindow]:
    service = desktop_service(tmp_path / "office-pc", office)
    window, worker = start_on(qtbot, service)
    assert window.enrolment is not None
    yield sign_in_to_office(
        qtbot, window, window.enrolment, DEMO_OFFICE_USERNAME, DEMO_PASSWORD, office.url
    )
    if window.office is not None and window.office.window is not None:
        window.office.window.close()
    window.close()
    worker.shutdown()
