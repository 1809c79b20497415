"""erms-central's people and laptop commands: by username and asset tag, the same services as
the office API, staff named in the audit."""

from __future__ import annotations

import re

import pytest

from tests.central.test_cli import run  # noqa: F401 (the fixture)


def test_people_and_laptops_from_the_command_line(run) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run("create-user", "ada", "--role", "admin", stdin="a long password 1\n")[0] == 0
    code, out, err = run("add-person", "stan", "--role", "staff", "--as", "ada")
    assert code == 0, err
    assert re.search(r"temporary password [a-z2-9]{5}(-[a-z2-9]{5}){3}", out)
    code, out, err = run("add-person", "vera", "--role", "volunteer", "--as", "stan")
    assert code == 0, err
    assert run("add-person", "staff2", "--role", "staff", "--as", "stan")[2].endswith(
        "only an administrator manages staff and administrator accounts\n"
    )
    with pytest.raises(SystemExit):  # the terms must be accepted
        run("issue-laptop", "vera", "LAP-7", "--as", "stan")
    code, out, err = run("issue-laptop", "vera", "LAP-7", "--terms-accepted", "--as", "stan")
    assert code == 0, err
    assert re.search(r"enrolment code [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", out)
    assert re.search(r"before \d\d/\d\d/\d{4} \d\d:\d\d", out)
    code, out, _ = run("laptops", "--as", "stan")
    assert "LAP-7" in out
    assert "issued, awaiting enrolment" in out
    code, out, err = run("revoke-laptop", "LAP-7", "--as", "stan")
    assert code == 1
    assert "no enrolled laptop 'LAP-7'" in err
    code, out, err = run("hours", "vera", "--as", "stan")
    assert code == 0, err
    assert out.startswith("month")
    code, out, err = run("temporary-password", "vera", "--as", "stan")
    assert code == 0, err
    code, out, err = run("disable-leaver", "vera", "--as", "stan")
    assert code == 0, err
    assert "vera disabled" in out
    assert "No allocations to reallocate." in out
    assert run("users", "--as", "vera")[0] == 1
