"""The body of a batched attachment download (``POST /v1/attachments/batch``): one frame per
asked-for attachment, in the order asked, each a 4-byte big-endian header length, the header
(:class:`AttachmentFrame` as JSON), then exactly ``size`` bytes of content (none when the
attachment is not available). Both sides read and write it a chunk at a time, so neither ever
holds a whole batch (docs/sync-protocol.md, "Attachments")."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, ValidationError

from erms_desktop.protocol.messages import RecordId, Sha256Hex, WireModel

#: The most attachments one batch may ask for.
MAX_BATCH = 256
_LENGTH = struct.Struct(">I")
#: A header is a few hundred bytes; anything longer is not a frame.
_MAX_HEADER = 4096


class AttachmentAddress(WireModel):
    """An attachment as the store addresses it: the party file it was uploaded into and its
    SHA-256."""

    party_file_id: RecordId
    sha256: Sha256Hex


class AttachmentBatch(WireModel):
    attachments: Annotated[list[AttachmentAddress], Field(min_length=1, max_length=MAX_BATCH)]


class AttachmentFrame(WireModel):
    """One attachment's header. It repeats the hash asked for (so a laptop notices a store
    answering out of order) but not the party file: nothing in an answer names a file the
    caller may not see."""

    sha256: Sha256Hex
    #: None: not available to the caller - absent, incomplete, not named by a live document of
    #: that file, or a file the caller cannot see (one answer for all, as the 404 of one).
    size: Annotated[int, Field(ge=0)] | None


class FrameError(ValueError):
    """The body is not a sequence of well-formed frames (cut short, or garbage)."""


def header(frame: AttachmentFrame) -> bytes:
    """A frame's header, ready to be followed by its ``size`` bytes."""
    encoded = frame.model_dump_json().encode()
    return _LENGTH.pack(len(encoded)) + encoded


class FrameReader:
    """Reads frames from a body arriving in chunks of any size. Each frame's content iterator
    must be read to its end (or left: the next frame skips what is left) before the next
    frame is asked for."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = bytearray()

    def frames(self) -> Iterator[tuple[AttachmentFrame, Iterator[bytes]]]:
        while self._fill(1):
            frame = self._header()
            content = self._content(frame.size or 0)
            yield frame, content
            for _ in content:  # whatever the caller left unread
                pass

    def _header(self) -> AttachmentFrame:
        if not self._fill(_LENGTH.size):
            raise FrameError("the body ended inside a frame header")
        (length,) = _LENGTH.unpack(self._take(_LENGTH.size))
        if length > _MAX_HEADER or not self._fill(length):
            raise FrameError("a frame header is too long or cut short")
        try:
            return AttachmentFrame.model_validate_json(self._take(length))
        except ValidationError:
            raise FrameError("a frame header is not valid") from None

    def _content(self, size: int) -> Iterator[bytes]:
        left = size
        while left:
            if not self._buffer and not self._fill(1):
                raise FrameError("the body ended inside an attachment's content")
            piece = self._take(min(left, len(self._buffer)))
            left -= len(piece)
            yield piece

    def _fill(self, wanted: int) -> bool:
        """Buffer at least ``wanted`` bytes; False if the body ends first."""
        while len(self._buffer) < wanted:
            chunk = next(self._chunks, None)
            if chunk is None:
                return False
            self._buffer += chunk
        return True

    def _take(self, count: int) -> bytes:
        taken = bytes(self._buffer[:count])
        del self._buffer[:count]
        return taken
