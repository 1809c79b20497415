"""A minimal Outlook .msg writer for tests: a Compound File (version 3, 512-byte sectors) with
every stream in the mini stream, holding the few MAPI property streams a mail reader needs.
Written from the published format description so the tests can make synthetic .msg files."""

from __future__ import annotations

import struct

SECTOR, MINI = 512, 64
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _ceil(value: int, unit: int) -> int:
    return -(-value // unit)


def _entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sI8s8sIII",
        encoded,
        len(encoded),
        kind,
        1,  # black
        NOSTREAM,
        right,
        child,
        b"\0" * 16,
        0,
        b"\0" * 8,
        b"\0" * 8,
        start,
        size,
        0,
    )


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """Streams (all under 4096 bytes) as direct children of the root storage."""
    mini = bytearray()
    mini_fat: list[int] = []
    starts = []
    for _name, data in streams:
        count = max(1, _ceil(len(data), MINI))
        first = len(mini_fat)
        starts.append(first if data else END)
        mini_fat += [first + i + 1 for i in range(count - 1)] + [END]
        mini += data.ljust(count * MINI, b"\0")
    entries = 1 + len(streams)
    dir_sectors = _ceil(entries * 128, SECTOR)
    minifat_sectors = _ceil(len(mini_fat) * 4, SECTOR)
    mini_sectors = _ceil(len(mini), SECTOR)
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < fat_sectors + dir_sectors + minifat_sectors + mini_sectors:
        fat_sectors += 1
    fat: list[int] = [FATSECT] * fat_sectors
    layout = {}
    for part, count in (("dir", dir_sectors), ("minifat", minifat_sectors), ("mini", mini_sectors)):
        layout[part] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END]
    fat += [FREE] * (fat_sectors * SECTOR // 4 - len(fat))
    directory = _entry("Root Entry", 5, 1, NOSTREAM, layout["mini"], len(mini))
    for index, ((name, data), start) in enumerate(zip(streams, starts, strict=True), 1):
        right = index + 1 if index < len(streams) else NOSTREAM
        directory += _entry(name, 2, NOSTREAM, right, start, len(data))
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_sectors,
        layout["dir"],
        0,
        4096,
        layout["minifat"],
        minifat_sectors,
        END,
        0,
        *difat,
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    body += struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(minifat_sectors * SECTOR, b"\0")
    body += bytes(mini).ljust(mini_sectors * SECTOR, b"\0")
    return header + body


def outlook_message(*, sender: str, to: str, subject: str, body: str) -> bytes:
    """A plain-text Outlook message (IPM.Note) with its transport headers."""

    def text(tag: str, value: str) -> tuple[str, bytes]:
        return (f"__substg1.0_{tag}001F", value.encode("utf-16-le"))

    headers = f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n\r\n"
    return compound_file(
        [
            ("__properties_version1.0", b"\0" * 32),
            text("001A", "IPM.Note"),
            text("0037", subject),
            text("1000", body),
            text("0C1A", sender),
            text("0E04", to),
            text("007D", headers),
        ]
    )
