"""A small PDF writer with no Qt and no third-party library: A4 pages of text (the standard
Helvetica and Courier fonts), lines, rectangles and chart markers.

The store's PDFs (the monthly report, audit search results, subject access bundles) are made
here, on the store, because the ``erms-central`` command line runs where there is no Qt; the
office screens fetch the same bytes over the API, so both routes print identical documents.
Text is written in the fonts' WinAnsi encoding: a character outside it prints as ``?``.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

WIDTH, HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 50.0
FONTS = {"regular": "Helvetica", "bold": "Helvetica-Bold", "mono": "Courier"}
_FONT_KEYS = {"regular": "F1", "bold": "F2", "mono": "F3"}
#: Marker shapes, in the order series use them: a chart stays readable in black and white.
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus", "bar", "star")
DASHES = ("", "4 2", "1 2", "6 2 1 2")  #: line dash patterns, in series order


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_width(text: str, size: float, style: str = "regular") -> float:
    """A safe over-estimate of the printed width (exact for Courier)."""
    return len(text) * size * (0.6 if style == "mono" else 0.56)


@dataclass
class Page:
    ops: list[bytes] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float = 10, style: str = "regular") -> None:
        font = _FONT_KEYS[style]
        self.ops.append(
            b"BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET" % (font.encode(), size, x, y, _escape(text))
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.8, dash: str = ""
    ) -> None:
        self.ops.append(
            b"q %.2f w [%s] 0 d %.2f %.2f m %.2f %.2f l S Q"
            % (width, dash.encode(), x1, y1, x2, y2)
        )

    def rect(self, x: float, y: float, w: float, h: float, gray: float | None = None) -> None:
        """An outlined rectangle, filled with ``gray`` (0 black - 1 white) when given."""
        paint = b"B" if gray is not None else b"S"
        fill = b"%.2f g " % gray if gray is not None else b""
        self.ops.append(b"q 0.6 w %s%.2f %.2f %.2f %.2f re %s Q" % (fill, x, y, w, h, paint))

    def marker(self, x: float, y: float, shape: str, size: float = 3.2) -> None:
        s = size
        paths = {
            "circle": _circle(x, y, s) + b" B",
            "square": b"%.2f %.2f %.2f %.2f re B" % (x - s, y - s, 2 * s, 2 * s),
            "triangle": _polygon([(x, y + s), (x - s, y - s), (x + s, y - s)]) + b" B",
            "diamond": _polygon([(x, y + s), (x + s, y), (x, y - s), (x - s, y)]) + b" B",
            "cross": _segments([(x - s, y - s, x + s, y + s), (x - s, y + s, x + s, y - s)]),
            "plus": _segments([(x - s, y, x + s, y), (x, y - s, x, y + s)]),
            "bar": b"%.2f %.2f %.2f %.2f re f" % (x - s, y - s / 3, 2 * s, 2 * s / 3),
            "star": _segments(
                [(x - s, y, x + s, y), (x, y - s, x, y + s), (x - s, y - s, x + s, y + s)]
            ),
        }
        # Open shapes are filled white and outlined, so they read apart from the filled bar.
        self.ops.append(b"q 0.8 w [] 0 d 1 g %s Q" % paths[shape])

    def polyline(self, points: list[tuple[float, float]], dash: str = "") -> None:
        if len(points) < 2:
            return
        path = b" ".join(
            b"%.2f %.2f %s" % (px, py, b"m" if i == 0 else b"l")
            for i, (px, py) in enumerate(points)
        )
        self.ops.append(b"q 1 w [%s] 0 d %s S Q" % (dash.encode(), path))


def _polygon(points: list[tuple[float, float]]) -> bytes:
    first, *rest = points
    return b"%.2f %.2f m " % first + b" ".join(b"%.2f %.2f l" % p for p in rest) + b" h"


def _segments(lines: list[tuple[float, float, float, float]]) -> bytes:
    return b" ".join(b"%.2f %.2f m %.2f %.2f l" % seg for seg in lines) + b" S"


def _circle(x: float, y: float, r: float) -> bytes:
    k = 0.5523 * r  # Bezier approximation of a quarter circle
    return (
        b"%.2f %.2f m " % (x + r, y)
        + b"%.2f %.2f %.2f %.2f %.2f %.2f c " % (x + r, y + k, x + k, y + r, x, y + r)
        + b"%.2f %.2f %.2f %.2f %.2f %.2f c " % (x - k, y + r, x - r, y + k, x - r, y)
        + b"%.2f %.2f %.2f %.2f %.2f %.2f c " % (x - r, y - k, x - k, y - r, x, y - r)
        + b"%.2f %.2f %.2f %.2f %.2f %.2f c h" % (x + k, y - r, x + r, y - k, x + r, y)
    )


class Document:
    """Pages in order, written out with :meth:`to_bytes`; ``flow`` adds text top-down with
    wrapping and page breaks, and a footer on every page."""

    def __init__(self, title: str, footer: str) -> None:
        self.title = title
        self.footer = footer
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> Page:
        self.pages.append(Page())
        self.y = HEIGHT - MARGIN
        return self.page

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` points are left above the footer."""
        if self.y - height < MARGIN + 20:
            self.new_page()

    def heading(self, text: str, size: float = 14) -> None:
        self.room(size * 3)
        self.y -= size * 1.4
        self.page.text(MARGIN, self.y, text, size, "bold")
        self.y -= size * 0.5

    def paragraph(self, text: str, size: float = 10, style: str = "regular") -> None:
        for line in wrap(text, WIDTH - 2 * MARGIN, size, style):
            self.room(size * 1.4)
            self.y -= size * 1.35
            self.page.text(MARGIN, self.y, line, size, style)

    def table(self, rows: list[list[str]], size: float = 7.5) -> None:
        """Rows of cells in Courier, the first row bold-underlined as the header; columns as
        wide as their widest cell, wrapped to the page by shrinking the type."""
        widths = [
            max(len(r[i]) if i < len(r) else 0 for r in rows) + 2 for i in range(len(rows[0]))
        ]
        size = min(size, (WIDTH - 2 * MARGIN) / (sum(widths) * 0.6))
        for number, row in enumerate(rows):
            self.room(size * 1.5)
            self.y -= size * 1.4
            x = MARGIN
            for cell, width in zip(row, widths, strict=False):
                self.page.text(x, self.y, cell, size, "mono")
                x += width * size * 0.6
            if number == 0:
                self.page.line(MARGIN, self.y - 2, x, self.y - 2, width=0.4)

    def to_bytes(self, produced_at: datetime | None = None) -> bytes:
        total = len(self.pages)
        for number, page in enumerate(self.pages, 1):
            page.text(MARGIN, MARGIN - 20, f"{self.footer} - page {number} of {total}", 7)
        return _serialise(self, produced_at or datetime.now(UTC))


def wrap(text: str, width: float, size: float, style: str = "regular") -> list[str]:
    """Lines of ``text`` (its own newlines kept) no wider than ``width``."""
    limit = max(1, int(width / text_width("x", size, style)))
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for whole in paragraph.split(" "):
            word = whole
            while len(word) > limit:
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:limit])
                word = word[limit:]
            candidate = f"{current} {word}" if current else word
            if len(candidate) > limit:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def _serialise(doc: Document, produced_at: datetime) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree's number is known
    pages_id = add(b"")
    font_ids = {
        key: add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
            % name.encode()
        )
        for key, name in FONTS.items()
    }
    fonts = b" ".join(b"/%s %d 0 R" % (_FONT_KEYS[k].encode(), i) for k, i in font_ids.items())
    kids = []
    for page in doc.pages:
        stream = zlib.compress(b"\n".join(page.ops))
        content = add(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << %s >> >> /Contents %d 0 R >>"
                % (pages_id, WIDTH, HEIGHT, fonts, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    stamp = produced_at.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ").encode()
    info = add(
        b"<< /Title (%s) /Producer (ERMS central store) /CreationDate (%s) >>"
        % (_escape(doc.title), stamp)
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(out)
