"""The People screen's calls on the office API (Qt-free; run on the office worker)."""

from __future__ import annotations

from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office import UserSummary
from erms_desktop.protocol.office_people import (
    LeaverSummary,
    MonthTime,
    NewPerson,
    TemporaryPassword,
)
from erms_desktop.service.office.session import OfficeSession

#: The answers' types, for the screens (the GUI reaches the protocol through the service).
__all__ = [
    "LeaverSummary",
    "MonthTime",
    "TemporaryPassword",
    "UserSummary",
    "create_person",
    "disable",
    "list_people",
    "reset_password",
    "time_by_month",
]


def list_people(session: OfficeSession) -> list[UserSummary]:
    return session.get_list("/users", UserSummary)


def create_person(session: OfficeSession, username: str, role: UserRole) -> TemporaryPassword:
    request = NewPerson(username=username, role=role)
    return session.post("/people", request, TemporaryPassword)


def reset_password(session: OfficeSession, user_id: str) -> TemporaryPassword:
    return session.post(f"/people/{user_id}/reset-password", None, TemporaryPassword)


def disable(session: OfficeSession, user_id: str) -> LeaverSummary:
    return session.post(f"/people/{user_id}/disable", None, LeaverSummary)


def time_by_month(session: OfficeSession, user_id: str) -> list[MonthTime]:
    return session.get_list(f"/people/{user_id}/time", MonthTime)
