"""A real, unlocked vault (cheap test KDF, passphrase-only) holding one synthetic case with a
victim file and an offender file, and the Casework service over it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from erms_desktop.domain import Case, Offence, Participant, PartyFile
from erms_desktop.domain.enums import (
    JusticeStage,
    OffenceType,
    ParticipantRole,
    Side,
    WorkflowStage,
)
from erms_desktop.service.casework import Casework
from erms_desktop.vault import Argon2Params, KeyringPolicy, Vault, VaultPolicy
from erms_desktop.vault.recovery import generate_recovery_key

PASSPHRASE = "correct horse battery"
POLICY = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=Argon2Params.insecure_for_tests())
NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
VOLUNTEER = "0b5f0c4e-7d1a-4f7e-9a51-6f3c2f1d9e01"
# Synthetic people: the victim's and the offender's identifiers.
VICTIM_NAME = "Philippa Quenby-Ardmore"
VICTIM_PHONE = "07700 900461"
OFFENDER_NAME = "Tobias Kell"
OFFENDER_EMAIL = "tobias.kell@example.org"
OFFENDER_DOB = date(1998, 4, 17)


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class World:
    vault: Vault
    casework: Casework
    case: Case
    victim_file: PartyFile
    offender_file: PartyFile
    victim: Participant
    offender: Participant


def make_vault(folder: Path) -> Vault:
    vault = Vault(folder, policy=POLICY)
    vault.create(PASSPHRASE, generate_recovery_key().public_key())
    return vault


def reopen(folder: Path) -> Vault:
    vault = Vault(folder, policy=POLICY)
    vault.unlock(PASSPHRASE)
    return vault


def seed(vault: Vault) -> World:
    case = Case(
        id=new_id(),
        service_reference="ERMS-2026-0107",
        referral_id=None,
        agency_reference="EP/26/4471",
        offence=Offence(
            type=OffenceType.CRIMINAL_DAMAGE,
            summary="Greenhouse damaged",
            committed_on=date(2026, 8, 14),
        ),
        justice_stage=JusticeStage.POST_SENTENCE,
        stage=WorkflowStage.PREPARATION,
        facilitator_ids=(VOLUNTEER, new_id()),
        received_on=date(2026, 9, 1),
        allocated_on=date(2026, 9, 8),
        next_action="Preparation meeting",
        next_action_due=date(2026, 11, 12),
    )
    victim_file = PartyFile(id=new_id(), case_id=case.id, side=Side.VICTIM)
    offender_file = PartyFile(id=new_id(), case_id=case.id, side=Side.OFFENDER)
    victim = Participant(
        id=new_id(),
        party_file_id=victim_file.id,
        role=ParticipantRole.VICTIM,
        given_names="Philippa",
        family_name="Quenby-Ardmore",
        phones=(VICTIM_PHONE,),
        addresses=("14 Wrenfield Lane, Coggeshall, CO6 1TQ",),
    )
    offender = Participant(
        id=new_id(),
        party_file_id=offender_file.id,
        role=ParticipantRole.OFFENDER,
        given_names="Tobias",
        family_name="Kell",
        date_of_birth=OFFENDER_DOB,
        emails=(OFFENDER_EMAIL,),
    )
    vault.store.save_many((case, victim_file, offender_file, victim, offender))
    casework = Casework(vault, VOLUNTEER, clock=lambda: NOW)
    return World(vault, casework, case, victim_file, offender_file, victim, offender)
