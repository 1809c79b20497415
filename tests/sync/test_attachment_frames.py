"""The framing of a batched download, read however the body happens to be cut into chunks."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest

from erms_desktop.protocol.attachment_frames import AttachmentFrame, FrameError, FrameReader, header

LETTER = b"Dear neighbour, I am sorry about the fence." * 30
EMPTY = b""


def _body() -> bytes:
    return b"".join(
        [
            header(AttachmentFrame(sha256=hashlib.sha256(LETTER).hexdigest(), size=len(LETTER))),
            LETTER,
            header(AttachmentFrame(sha256="f" * 64, size=None)),
            header(AttachmentFrame(sha256=hashlib.sha256(EMPTY).hexdigest(), size=0)),
        ]
    )


def _cut(body: bytes, size: int) -> Iterator[bytes]:
    return iter([body[i : i + size] for i in range(0, len(body), size)])


def _read_all(chunks: Iterator[bytes]) -> list[tuple[int | None, bytes]]:
    return [(frame.size, b"".join(content)) for frame, content in FrameReader(chunks).frames()]


@pytest.mark.parametrize("size", [1, 7, 64, 100_000])
def test_frames_read_the_same_whatever_the_chunk_size(size: int) -> None:
    assert _read_all(_cut(_body(), size)) == [(len(LETTER), LETTER), (None, b""), (0, b"")]


def test_content_left_unread_is_skipped() -> None:
    sizes = [frame.size for frame, _content in FrameReader(_cut(_body(), 5)).frames()]
    assert sizes == [len(LETTER), None, 0]


@pytest.mark.parametrize("keep", [3, 20, len(_body()) - len(LETTER) // 2 - 200])
def test_a_body_cut_anywhere_inside_a_frame_is_refused(keep: int) -> None:
    with pytest.raises(FrameError):
        _read_all(iter([_body()[:keep]]))


@pytest.mark.parametrize(
    "garbage",
    [
        b"<html>Welcome to the hotel wifi</html>",
        b"\x00\x00\x00\x05{}{}{",
        b"\x00\x00\x00\x02{}",
        b'\x00\x00\x00\x1c{"sha256": "x", "size": -1}   ',
    ],
)
def test_garbage_is_refused(garbage: bytes) -> None:
    with pytest.raises(FrameError):
        _read_all(iter([garbage]))
