"""The executables' Windows icon, rendered at build time from the app's own SVG icon
(resources/icons/erms.svg), so the Start menu and Add/Remove Programs show the same mark as the
app's windows and there is one picture to maintain.

An .ico file may hold PNG images (Windows Vista onwards); this one holds the sizes Windows asks for,
16 to 256 pixels. Rendering needs Qt, so it runs in a child process: ``python app_icon.py OUT.ico``.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "erms.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)
_HEADER = struct.Struct("<HHH")  # reserved, type (1 = icon), image count
_ENTRY = struct.Struct("<BBBBHHII")  # width, height, colours, reserved, planes, bits, size, offset


def ico_from_pngs(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding the given square PNG images, keyed by their size in pixels."""
    offset = _HEADER.size + _ENTRY.size * len(pngs)
    entries, images = [], []
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 stands for 256 in the directory
        entries.append(_ENTRY.pack(side, side, 0, 0, 1, 32, len(png), offset))
        images.append(png)
        offset += len(png)
    return _HEADER.pack(0, 1, len(pngs)) + b"".join(entries) + b"".join(images)


def render_pngs(svg: Path) -> dict[int, bytes]:
    """The SVG drawn at each size, as PNG bytes (needs Qt; offscreen, no display)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG image")
    pngs = {}
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pngs[size] = bytes(buffer.data().data())
    return pngs


def write_ico(target: Path) -> Path:
    """Render the app icon to ``target`` in a child process and return ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(Path(__file__).resolve()), str(target)], check=True)
    return target


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(ico_from_pngs(render_pngs(SVG)))
