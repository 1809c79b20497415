"""The enrolment slip as a PDF through Qt's own writer: exactly the slip text (asset tag,
username, code, expiry, terms version), never case data."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

from erms_desktop.service.office.laptops import EnrolmentSlip
from erms_desktop.service.office.laptops_text import SLIP_TITLE, slip_text


def write_slip(slip: EnrolmentSlip, path: str) -> str:
    """Write the slip to ``path`` (a place the staff member chose); returns the text written."""
    text = slip_text(slip)
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(SLIP_TITLE)
    writer.setCreator("ERMS Desktop")
    document = QTextDocument()
    document.setDefaultFont(QFont("Sans Serif", 12))
    document.setPlainText(text)
    document.print_(writer)
    return text
