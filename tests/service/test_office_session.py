"""The Qt-free office client against the real store: staff sign in, volunteers and wrong
passwords are refused in plain words, an ended session asks for sign-in again, the store's own
refusals reach the screen as its sentences, and the session keeps nothing on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD, DEMO_USERNAME
from erms_desktop.domain.enums import UserRole
from erms_desktop.service import errors
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import casework
from erms_desktop.service.office.session import OfficeSession
from erms_desktop.sync.errors import Offline
from tests.service.office import Office


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_staff_sign_in_reads_the_office_and_keeps_nothing_on_disk(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    session = OfficeSession(office.url)
    account = session.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    assert (account.username, account.role) == (DEMO_OFFICE_USERNAME, UserRole.STAFF)
    assert casework.referrals(session)
    assert casework.cases(session)
    assert {v.username for v in casework.volunteers(session)} >= {DEMO_USERNAME}
    session.sign_out()
    assert not session.signed_in
    assert _files_under(home) == set()  # no token, no case data written in home or here


def test_refusals_are_worded_for_office_staff(office: Office) -> None:
    session = OfficeSession(office.url)
    with pytest.raises(errors.NotOfficeStaff) as volunteer:
        session.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert "for office staff" in user_message(volunteer.value)
    with pytest.raises(errors.WrongCredentials):
        session.sign_in(DEMO_OFFICE_USERNAME, "not the password")
    assert not session.signed_in
    with pytest.raises(errors.BadServerAddress):
        session.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD, "http://office.example")


def test_the_stores_refusal_and_an_ended_session(office: Office) -> None:
    session = OfficeSession(office.url)
    session.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    case = casework.cases(session)[0]
    files = casework.case_files(session, case.case_id)
    waiting = next(f for f in files.files if not f.cleared)
    volunteer = casework.volunteers(session)[0].user_id
    with pytest.raises(errors.OfficeRefused) as refused:
        casework.allocate(session, case.case_id, [volunteer], waiting.party_file_id)
    assert user_message(refused.value).startswith("Allocation needs an initial risk assessment")
    other = OfficeSession(office.url)
    other.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    session._transport.token = "ended"  # type: ignore[union-attr]  # as if it had expired
    with pytest.raises(errors.SignInNeeded):
        casework.referrals(session)
    assert not session.signed_in
    other.sign_out()


def test_an_unreachable_store_says_so(office: Office) -> None:
    office.online = False
    with pytest.raises(Offline) as offline:
        OfficeSession(office.url).sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    assert "could not reach the office server" in user_message(offline.value)
