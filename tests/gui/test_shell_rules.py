"""The Qt-free rules behind the shell: offline lease, password expiry, passphrase strength, and
the test fake's contract (typed errors, nothing served while locked)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from erms_desktop.service import errors
from erms_desktop.service.models import EnrolmentRequest, ResolveAction
from erms_desktop.service.policy import (
    lease_state,
    passphrase_strength,
    password_expiry_warning,
)
from erms_desktop.vault.errors import VaultLockedError
from tests.gui.conftest import NOW
from tests.gui.fake_service import DEMO_PASSPHRASE, FakeService


def test_lease_counts_down_and_expires() -> None:
    assert lease_state(NOW, NOW).days_left == 30
    assert lease_state(NOW - timedelta(days=29, hours=23), NOW).days_left == 1
    assert lease_state(NOW - timedelta(days=30), NOW).expired
    assert lease_state(None, NOW).expired
    assert lease_state(NOW - timedelta(days=3), NOW, lease_days=7).days_left == 4


def test_password_warning_window() -> None:
    today = NOW.date()
    assert password_expiry_warning(today + timedelta(days=15), today) is None
    assert password_expiry_warning(today + timedelta(days=14), today) == 14
    assert password_expiry_warning(today - timedelta(days=2), today) == 0
    assert password_expiry_warning(None, today) is None


@pytest.mark.parametrize(
    ("passphrase", "acceptable"),
    [
        ("", False),
        ("password", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("Tr0ub4dor&3", False),  # complex but short
        ("plum orbit lantern meadow", True),
        (DEMO_PASSPHRASE, True),
    ],
)
def test_passphrase_strength(passphrase: str, acceptable: bool) -> None:
    strength = passphrase_strength(passphrase)
    assert strength.acceptable is acceptable
    assert strength.advice


def test_locked_fake_serves_no_case_data() -> None:
    backend = FakeService(enrolled=True, clock=lambda: NOW)
    with pytest.raises(VaultLockedError):
        backend.list_cases()
    with pytest.raises(VaultLockedError):
        backend.search_notes("visit")
    backend.unlock(DEMO_PASSPHRASE)
    assert len(backend.list_cases()) == 52  # 50 and the 2 mediation cases
    backend.lock()
    with pytest.raises(VaultLockedError):
        backend.attention_items()


def test_fake_resolve_refuses_unknown_actions() -> None:
    backend = FakeService(enrolled=True, clock=lambda: NOW)
    backend.unlock(DEMO_PASSPHRASE)
    item = backend.attention_items()[0]
    with pytest.raises(errors.ServiceError):
        backend.resolve(item.item_id, ResolveAction.RETRY)  # not offered for a conflict
    assert len(backend.attention_items()) == 2


def test_enrolment_request_repr_hides_the_password() -> None:
    request = EnrolmentRequest("https://x.example", "CODE", "someone", "s3cret-pw")
    assert "s3cret-pw" not in repr(request)
    assert "someone" not in repr(request)
