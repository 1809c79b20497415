"""Which media types a download is served as.

A laptop declares a document's media type when it uploads it; served back verbatim, a hostile
``text/html`` or ``image/svg+xml`` would be rendered by whatever opens the answer. Only the
types below are passed through (the documents volunteers attach: PDFs, photos and scans, plain
text, e-mail messages, office documents); anything else is served as
``application/octet-stream``. Downloads also carry ``Content-Disposition: attachment`` and
``X-Content-Type-Options: nosniff`` (see routes_attachments).
"""

from __future__ import annotations

from typing import Final

FALLBACK: Final = "application/octet-stream"
SERVED: Final = frozenset(
    {
        "application/pdf",
        *("image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/heic"),
        "text/plain",
        "message/rfc822",
        "application/vnd.ms-outlook",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/rtf",
        FALLBACK,
    }
)


def served_media_type(declared: str) -> str:
    """The declared type (parameters such as ``; charset=`` dropped, case folded) if it is on
    the list, else :data:`FALLBACK`."""
    base = declared.split(";", 1)[0].strip().lower()
    return base if base in SERVED else FALLBACK
