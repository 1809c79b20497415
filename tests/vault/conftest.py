"""Vault test fixtures: cheap Argon2id parameters (named as such), an in-memory keyring backend
trusted explicitly, and a small synthetic caseload covering every record kind."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from keyring.backend import KeyringBackend

from erms_desktop.domain import (
    Case,
    ConsentRecord,
    Contact,
    Document,
    Exchange,
    Feedback,
    Note,
    Offence,
    OutcomeItem,
    Participant,
    PartyFile,
    Referral,
    RiskAssessment,
    TimeEntry,
)
from erms_desktop.domain.enums import (
    CaseStudyUse,
    ConsentDecision,
    ConsentMethod,
    ConsentScope,
    ContactKind,
    ContactMode,
    ExchangeKind,
    JusticeStage,
    OffenceType,
    OutcomeKind,
    ParticipantRole,
    ReferralSource,
    RiskKind,
    Satisfaction,
    Side,
)
from erms_desktop.domain.records import Entity
from erms_desktop.vault import Argon2Params, KeyringPolicy, KeyringStore, Vault, VaultPolicy
from erms_desktop.vault.recovery import generate_recovery_key

PASSPHRASE = "correct horse battery"
CHEAP = Argon2Params.insecure_for_tests()
PASSPHRASE_ONLY = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=CHEAP)
KEYRING_REQUIRED = VaultPolicy(keyring=KeyringPolicy.REQUIRED, argon2=CHEAP)
# Synthetic identifiers the plaintext scan looks for.
SECRET_NAME = "Philippa Quenby-Ardmore"
SECRET_PHONE = "07700 900461"
SECRET_NOTE = "Discussed the broken greenhouse at Wrenfield Lodge"


class MemoryKeyring(KeyringBackend):
    """A stand-in keyring for tests that are not about the OS keyring itself."""

    priority = -1  # type: ignore[assignment]  # never picked up by keyring's discovery

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def recovery_key() -> X25519PrivateKey:
    return generate_recovery_key()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def keyring_store(memory_keyring: MemoryKeyring) -> KeyringStore:
    return KeyringStore(memory_keyring, trust_backend=True, timeout=2.0)


@pytest.fixture
def vault(folder: Path, recovery_key: X25519PrivateKey) -> Iterator[Vault]:
    """A new, unlocked passphrase-only vault."""
    created = Vault(folder, policy=PASSPHRASE_ONLY)
    created.create(PASSPHRASE, recovery_key.public_key())
    yield created
    created.lock()


@pytest.fixture
def keyring_vault(
    folder: Path, recovery_key: X25519PrivateKey, keyring_store: KeyringStore
) -> Iterator[Vault]:
    """A new, unlocked vault whose device secret sits in the in-memory keyring."""
    created = Vault(folder, policy=KEYRING_REQUIRED, keyring=keyring_store)
    created.create(PASSPHRASE, recovery_key.public_key())
    yield created
    created.lock()


def caseload() -> list[Entity]:
    """One small case with a record of every kind, parents first."""
    now = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
    case_id, victim_file, offender_file = new_id(), new_id(), new_id()
    victim, offender, author, consent_id = new_id(), new_id(), new_id(), new_id()
    return [
        Referral(id=new_id(), source=ReferralSource.ESSEX_POLICE, received_on=date(2026, 3, 1)),
        Case(
            id=case_id,
            service_reference="ERMS-2026-0042",
            referral_id=None,
            agency_reference="EP/26/123",
            offence=Offence(type=OffenceType.CRIMINAL_DAMAGE, summary="Greenhouse damaged"),
            justice_stage=JusticeStage.POST_SENTENCE,
        ),
        PartyFile(id=victim_file, case_id=case_id, side=Side.VICTIM),
        PartyFile(id=offender_file, case_id=case_id, side=Side.OFFENDER),
        Participant(
            id=victim,
            party_file_id=victim_file,
            role=ParticipantRole.VICTIM,
            given_names="Philippa",
            family_name="Quenby-Ardmore",
            phones=(SECRET_PHONE,),
        ),
        Participant(
            id=offender,
            party_file_id=offender_file,
            role=ParticipantRole.OFFENDER,
            given_names="Tobias",
            family_name="Kell",
        ),
        Note(
            id=new_id(),
            case_id=case_id,
            party_file_id=victim_file,
            author_id=author,
            body=SECRET_NOTE,
            created_at=now,
        ),
        Contact(
            id=new_id(),
            case_id=case_id,
            party_file_id=victim_file,
            kind=ContactKind.FIRST_CONTACT,
            mode=ContactMode.PHONE,
            held_on=date(2026, 3, 4),
            duration_minutes=20,
        ),
        ConsentRecord(
            id=consent_id,
            case_id=case_id,
            party_file_id=offender_file,
            participant_id=offender,
            scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
            decision=ConsentDecision.GIVEN,
            method=ConsentMethod.VERBAL,
            recorded_on=date(2026, 3, 5),
            detail="His answers to her questions",
        ),
        RiskAssessment(id=new_id(), case_id=case_id, kind=RiskKind.SECONDARY, assessor_id=author),
        Exchange(
            id=new_id(),
            case_id=case_id,
            kind=ExchangeKind.ANSWERS_TO_QUESTIONS,
            from_party_file_id=offender_file,
            to_party_file_id=victim_file,
            content="He says he is sorry.",
            consent_id=consent_id,
            shared_by=author,
            shared_at=now,
        ),
        OutcomeItem(
            id=new_id(),
            case_id=case_id,
            kind=OutcomeKind.REPARATION,
            description="Repair the greenhouse",
            responsible_party_file_id=offender_file,
        ),
        Document(
            id=new_id(),
            case_id=case_id,
            party_file_id=victim_file,
            filename="letter.txt",
            media_type="text/plain",
            sha256="0" * 64,
            size_bytes=0,
            added_at=now,
        ),
        TimeEntry(
            id=new_id(),
            case_id=case_id,
            volunteer_id=author,
            worked_on=date(2026, 3, 4),
            activity="Phone call",
            minutes=20,
        ),
        Feedback(
            id=new_id(),
            case_id=case_id,
            party_file_id=victim_file,
            participant_id=victim,
            recorded_on=date(2026, 3, 4),
            satisfaction=Satisfaction.SATISFIED,
            would_recommend=True,
            comments="It helped",
            case_study=CaseStudyUse.ANONYMOUS,
        ),
    ]


def a_note(body: str = "A short synthetic note", case_id: str | None = None) -> Note:
    return Note.draft(
        case_id=case_id or new_id(),
        party_file_id=new_id(),
        author_id=new_id(),
        body=body,
        at=datetime(2026, 3, 4, 9, 0, tzinfo=UTC),
    )
