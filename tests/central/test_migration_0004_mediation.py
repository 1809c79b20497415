"""Migration 0004_mediation, from the schema before it with data in it: every case the store
held becomes explicitly a restorative justice case and is otherwise unchanged (other records
untouched, versions not bumped); going back is refused while a mediation case is held, and
otherwise removes the type again."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from erms_desktop.central.db import make_engine
from erms_desktop.central.migrate import alembic_config, upgrade
from erms_desktop.domain import Case, Offence
from erms_desktop.domain.enums import CaseType, DisputeType, JusticeStage, OffenceType
from erms_desktop.domain.records import from_fields, to_fields

NOW = datetime(2026, 5, 1, tzinfo=UTC)
NEW_FIELDS = ("case_type", "dispute_type", "dispute_summary")


def _before(db_url: str) -> str:
    """The revision just before the mediation migration (wherever it sits in the chain)."""
    script = ScriptDirectory.from_config(alembic_config(db_url))
    before = script.get_revision("0004_mediation").down_revision
    assert isinstance(before, str)
    return before


def _case(**changes: Any) -> Case:
    values: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "service_reference": "ERMS-2026-0042",
        "referral_id": None,
        "agency_reference": "EP/26/123",
        "offence": Offence(type=OffenceType.CRIMINAL_DAMAGE, summary="Greenhouse damaged"),
        "justice_stage": JusticeStage.POST_SENTENCE,
        "received_on": date(2026, 3, 1),
    }
    return Case(**{**values, **changes})


def _row(record_id: str, kind: str, fields: dict[str, Any], version: int = 3) -> dict[str, Any]:
    return {
        "id": record_id,
        "kind": kind,
        "case_id": record_id if kind == "case" else None,
        "party_file_id": None,
        "fields": fields,
        "field_versions": dict.fromkeys(fields, version),
        "version": version,
        "deleted": False,
        "seq": version,
        "updated_at": NOW,
    }


def _fields(engine: sa.Engine, record_id: str) -> tuple[dict[str, Any], int]:
    with engine.connect() as conn:
        fields, version = conn.execute(
            sa.text("SELECT fields, version FROM records WHERE id = :id"), {"id": record_id}
        ).one()
    return (fields if isinstance(fields, dict) else json.loads(fields)), version


def test_cases_held_before_case_types_stay_restorative_justice_cases(db_url: str) -> None:
    command.downgrade(alembic_config(db_url), _before(db_url))
    engine = make_engine(db_url)
    records = sa.Table("records", sa.MetaData(), autoload_with=engine)
    held = [_case(), _case(service_reference="ERMS-2026-0043", next_action="Book visits")]
    old = [{k: v for k, v in to_fields(c).items() if k not in NEW_FIELDS} for c in held]
    referral = {"id": str(uuid.uuid4()), "source": "essex_police", "received_on": "2026-03-01"}
    try:
        with engine.begin() as conn:
            conn.execute(
                records.insert(),
                [_row(c.id, "case", f) for c, f in zip(held, old, strict=True)]
                + [_row(referral["id"], "referral", referral)],
            )
        upgrade(db_url)
        for case, before in zip(held, old, strict=True):
            after, version = _fields(engine, case.id)
            assert after == {**before, "case_type": "restorative_justice"}
            assert version == 3  # laptops migrate their own copy: nothing is re-sent
            decoded = from_fields("case", after)
            assert decoded == case
            assert isinstance(decoded, Case)
            assert decoded.case_type is CaseType.RESTORATIVE_JUSTICE
        assert _fields(engine, referral["id"])[0] == referral
        command.downgrade(alembic_config(db_url), _before(db_url))
        assert _fields(engine, held[0].id)[0] == old[0]
    finally:
        engine.dispose()
        upgrade(db_url)


def test_going_back_is_refused_while_a_mediation_case_is_held(db_url: str) -> None:
    mediation = _case(
        case_type=CaseType.MEDIATION,
        offence=None,
        justice_stage=None,
        dispute_type=DisputeType.NOISE,
    )
    engine = make_engine(db_url)
    records = sa.Table("records", sa.MetaData(), autoload_with=engine)
    try:
        with engine.begin() as conn:
            conn.execute(records.insert(), [_row(mediation.id, "case", to_fields(mediation))])
        with pytest.raises(RuntimeError, match="mediation cases"):
            command.downgrade(alembic_config(db_url), _before(db_url))
        assert _fields(engine, mediation.id)[0]["case_type"] == "mediation"
    finally:
        with engine.begin() as conn:
            conn.execute(records.delete().where(records.c.id == mediation.id))
        engine.dispose()
