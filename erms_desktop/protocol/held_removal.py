"""A held mass removal the volunteer chose to keep: the laptop tells the office which cases it
kept (by id, with record counts), and the office lists what laptops have told it. Case ids and
counts only, never case data."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from erms_desktop.protocol.messages import RecordId, WireModel

Count = Annotated[int, Field(ge=0, le=1_000_000_000)]


class HeldRemovalReport(WireModel):
    """Sent by a laptop: the removal the office's changes asked for was kept, not carried out."""

    case_ids: tuple[RecordId, ...] = Field(max_length=10_000)
    would_remove: Count
    local_total: Count


class HeldRemovalNotice(WireModel):
    """What the office sees of one such report."""

    reported_at: datetime
    user_id: RecordId | None
    device_id: RecordId | None
    case_ids: tuple[RecordId, ...]
    detail: str
