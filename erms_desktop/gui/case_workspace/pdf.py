"""A party file as a PDF, through Qt's own PDF writer. The text written is exactly the export
text the casework service produced (already scrubbed of the other side's identifiers)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument

from erms_desktop.service.export import ExportText


def pdf_text(export: ExportText) -> str:
    """The plain text the PDF is made of (title, a blank line, the body)."""
    return f"{export.title}\n\n{export.body}"


def write_pdf(export: ExportText, path: str) -> str:
    """Write the PDF to ``path`` (a place the volunteer chose); returns the text written."""
    text = pdf_text(export)
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle(export.title)
    writer.setCreator("ERMS Desktop")
    document = QTextDocument()
    document.setDefaultFont(QFont("Sans Serif", 10))
    document.setPlainText(text)
    document.print_(writer)
    return text
