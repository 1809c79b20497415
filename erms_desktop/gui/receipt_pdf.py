"""The check-in receipt printed to a PDF (A4), as the wizard and office mode show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

from erms_desktop.service.checkin_receipt import Receipt, receipt_html, receipt_title


def write_receipt_pdf(receipt: Receipt, path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(receipt_title(receipt))
    document = QTextDocument()
    document.setHtml(receipt_html(receipt))
    document.print_(writer)
