"""Attaching files and emails: checked before anything is stored; hostile files refused with a
reason and no change to the vault."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from erms_desktop.domain import Document
from erms_desktop.domain.separation import NEUTRAL_TERM
from erms_desktop.service.casework_errors import ImportRefusedError
from erms_desktop.service.imports import MAX_IMPORT_BYTES
from tests.service.msgfile import outlook_message
from tests.service.world import OFFENDER_EMAIL, OFFENDER_NAME, World


def eml(body: str, sender: str = "Victim Support <referrals@example.net>") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "facilitator@example.gov.uk"
    message["Subject"] = "Update on the case"
    message.set_content(body)
    return message.as_bytes()


def snapshot(world: World) -> tuple[int, int]:
    store = world.vault.store
    return len(store.find_all(Document)), len(store.pending_outbox(-1))


def test_a_clean_email_is_stored_and_opens_in_the_private_folder(world: World) -> None:
    content = eml("She would like to meet next week.")
    document = world.casework.import_file(world.victim_file.id, "update.eml", content)
    assert document.media_type == "message/rfc822"
    path = world.casework.open_document(document.id)
    assert path.read_bytes() == content
    assert path.is_relative_to(world.vault.paths.viewing)
    world.vault.lock()
    assert not path.exists()


def test_an_email_from_the_other_party_is_refused_with_the_reason(world: World) -> None:
    before = snapshot(world)
    content = eml("Please pass this on.", sender=f"{OFFENDER_NAME} <{OFFENDER_EMAIL}>")
    with pytest.raises(ImportRefusedError) as refused:
        world.casework.import_file(world.victim_file.id, "from-him.eml", content)
    assert {r.kind for r in refused.value.reasons} >= {"name", "email"}
    assert snapshot(world) == before


def test_blocked_content_may_be_imported_redacted_instead(world: World) -> None:
    content = eml(f"I saw {OFFENDER_NAME} in town and it upset me.")
    document = world.casework.import_file(
        world.victim_file.id, "upset.eml", content, redact_blocked=True
    )
    stored = world.vault.store.read_attachment(document.sha256).decode()
    assert OFFENDER_NAME not in stored
    assert NEUTRAL_TERM in stored
    assert document.filename == "upset (redacted).txt"
    assert world.casework.check_text(world.victim_file.id, stored) == []


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("../../x.eml", b"From: a@b.c\n\nhi", "path"),
        ("C:\\x.eml", b"From: a@b.c\n\nhi", "path"),
        ("bad\x00name.eml", b"From: a@b.c\n\nhi", "path"),
        ("con.txt", b"hello", "reserved"),
        ("script.exe", b"MZ\x90\x00", "type"),
        ("fake.pdf", b"<html>not a pdf</html>", "does not match"),
        ("fake.msg", b"From: a@b.c\n\nnot outlook", "does not match"),
        ("broken.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "malformed"),
        ("garbage.eml", b"\x00\x01\x02binary", "binary"),
        ("headless.eml", b"just some words, no headers at all", "not a readable email"),
        ("latin1.txt", "caf\u00e9".encode("latin-1"), "UTF-8"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_hostile_files_are_refused_and_change_nothing(
    world: World, name: str, content: bytes, reason: str
) -> None:
    before = snapshot(world)
    with pytest.raises(ImportRefusedError, match=reason):
        world.casework.import_file(world.victim_file.id, name, content)
    assert snapshot(world) == before


def test_a_huge_file_is_refused(world: World) -> None:
    before = snapshot(world)
    with pytest.raises(ImportRefusedError, match="larger than"):
        world.casework.import_file(world.victim_file.id, "huge.txt", b"a" * (MAX_IMPORT_BYTES + 1))
    assert snapshot(world) == before


def test_an_outlook_message_is_read_and_checked(world: World) -> None:
    clean = outlook_message(
        sender="Victim Support <vs@example.net>",
        to="rj@example.gov.uk",
        subject="Availability",
        body="She is free on Thursday afternoons.",
    )
    document = world.casework.import_file(world.victim_file.id, "availability.msg", clean)
    assert document.media_type == "application/vnd.ms-outlook"
    assert world.vault.store.read_attachment(document.sha256) == clean

    before = snapshot(world)
    hostile = outlook_message(
        sender=f"{OFFENDER_NAME} <{OFFENDER_EMAIL}>",
        to="rj@example.gov.uk",
        subject="Please pass this on",
        body="Nothing identifying in the body itself.",
    )
    with pytest.raises(ImportRefusedError) as refused:
        world.casework.import_file(world.victim_file.id, "from-him.msg", hostile)
    assert {r.kind for r in refused.value.reasons} >= {"name", "email"}
    assert snapshot(world) == before
