"""Reading the records a rule depends on, as the store holds them and as the pusher may see
them: a record outside the pusher's cases is treated exactly like one that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from erms_desktop.central.access import Grants
from erms_desktop.central.models import Record
from erms_desktop.domain.records import RECORD_KINDS, Entity, from_fields

E = TypeVar("E", bound=Entity)
_KIND_NAMES = {cls: kind for kind, cls in RECORD_KINDS.items()}


@dataclass(frozen=True, slots=True)
class Lookup:
    session: Session
    grants: Grants

    def find(self, cls: type[E], record_id: str | None, *, any_reader: bool = False) -> E | None:
        """The live record of that class with that id, if the pusher may read it (or whoever
        reads it with ``any_reader``: a case's own referral, which only staff see)."""
        if record_id is None:
            return None
        record = self.session.get(Record, record_id)
        kind = _KIND_NAMES[cls]
        if record is None or record.deleted or record.kind != kind:
            return None
        if not any_reader and not self.grants.can_read(kind, record.case_id, record.party_file_id):
            return None
        entity = from_fields(kind, record.fields)
        return entity if isinstance(entity, cls) else None
