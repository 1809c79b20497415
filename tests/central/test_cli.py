"""erms-central commands: what an operator does, and clear errors for every misuse."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from erms_desktop.central.cli import main

Run = tuple[int, str, str]


def _runner(url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def _run(*argv: str, stdin: str = "") -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([argv[0], "--db", url, *argv[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def run(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The command line against both databases."""
    return _runner(db_url, capsys, monkeypatch)


@pytest.fixture
def run_sqlite(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):  # type: ignore[no-untyped-def]
    """Argument handling and messages do not depend on the database: SQLite only."""
    return _runner(sqlite_url, capsys, monkeypatch)


def test_operator_journey(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create-user", "vera", "--role", "volunteer", stdin="a long password 1\n")[0] == 0
    assert run("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    code, out, _ = run("enrolment-code", "vera", "LAP-0042", "--as", "stan")
    assert code == 0
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n", out)
    code, out, _ = run(
        *("create-referral", "--source", "ESSEX police", "--received-on", "02/03/2026"),
        *("--agency-reference", "EP/1", "--offence-type", "theft", "--summary", "Shoplifting"),
        *("--person", "victim:Imelda Ravensworth", "--person", "offender:Caspian Thorn:child"),
        *("--lawful-basis", "public_task", "--as", "stan"),
    )
    assert code == 0
    referral_id = out.strip()
    code, out, _ = run("referrals", "--as", "stan")
    assert code == 0
    assert f"{referral_id}  02/03/2026  received" in out
    assert "Essex Police" in out
    code, out, _ = run(
        *("accept-referral", referral_id, "--service-reference", "RJ-9"),
        *("--justice-stage", "out_of_court", "--as", "stan"),
    )
    assert code == 0
    case_id = out.split()[1]
    files = {line.split()[0]: line.split()[-1] for line in out.splitlines()[1:]}
    for file_id in files.values():
        assessed = run("assess", file_id, "--outcome", "proceed", "--completed-on", "03/03/2026")
        assert assessed[0] == 1  # needs --as
        code, _, err = run(
            *("assess", file_id, "--outcome", "proceed", "--completed-on", "03/03/2026"),
            *("--as", "stan"),
        )
        assert code == 0, err
    allocated = ("allocate", "vera", case_id, "--party-file", files["victim"], "--as", "stan")
    assert run(*allocated)[0] == 0
    code, out, _ = run("caseload", "vera", "--as", "stan")
    assert "RJ-9        referral         victim file" in out
    code, out, _ = run("cases", "--as", "stan")
    assert case_id in out
    code, out, _ = run("users", "--as", "stan")
    assert "vera" in out
    assert "volunteer" in out
    assert run("deallocate", "vera", case_id, "--reason", "workload", "--as", "stan")[0] == 0
    assert run("reset-password", "vera", "--as", "stan", stdin="temporary pass 99\n")[0] == 0
    code, out, _ = run("devices")
    assert code == 0
    assert out.startswith("device_id")
    code, out, _ = run("verify-audit")
    assert code == 0
    assert "intact" in out
    assert run("retention", "--as", "stan")[0] == 0


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (("create-user", "x", "--role", "volunteer"), "short\n", "at least 12 characters"),
        (("create-user", "x", "--role", "volunteer"), "", "password on stdin"),
        (("reset-password", "nobody"), "a long password 1\n", "no user called 'nobody'"),
        (("enrolment-code", "nobody", "LAP-1"), "", "no user called 'nobody'"),
        (("allocate", "nobody", "00000000-0000-0000-0000-000000000000"), "", "no user"),
        (("revoke", "no-such-device"), "", "no device"),
        (
            (
                *("accept-referral", "00000000-0000-0000-0000-000000000000"),
                *("--service-reference", "R", "--justice-stage", "out_of_court"),
            ),
            "",
            "no referral",
        ),
        (
            (
                *("create-referral", "--source", "the moon", "--received-on", "01/01/2026"),
                *("--offence-type", "theft", "--summary", "S", "--lawful-basis", "consent"),
            ),
            "",
            "give one of Essex Police; Probation Service",
        ),
        (
            (
                *("create-referral", "--source", "Essex Police", "--received-on", "2026-01-01"),
                *("--offence-type", "theft", "--summary", "S", "--lawful-basis", "consent"),
            ),
            "",
            "dd/mm/yyyy",
        ),
        (
            (
                *("create-referral", "--source", "Essex Police", "--received-on", "31/02/2026"),
                *("--offence-type", "theft", "--summary", "S", "--lawful-basis", "consent"),
            ),
            "",
            "real date",
        ),
        (
            (
                *("create-referral", "--source", "Essex Police", "--received-on", "01/02/2026"),
                *("--offence-type", "theft", "--summary", "S", "--lawful-basis", "consent"),
            ),
            "",
            "people",
        ),
        (("reject-referral", "not-an-id", "--reason", "other"), "", "no referral"),
        (("reject-referral", "not-an-id", "--reason", "bored"), "", "reason"),
    ],
)
def test_misuse_exits_non_zero_with_a_message_on_stderr(run_sqlite, argv, stdin, message) -> None:  # type: ignore[no-untyped-def]
    assert run_sqlite("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    code, out, err = run_sqlite(*argv, "--as", "stan", stdin=stdin)
    assert code == 1
    assert out == ""
    assert message in err
    assert err.startswith("erms-central: error:")


def test_duplicate_user_and_unknown_role(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create-user", "dup", "--role", "staff", stdin="a long password 1\n")[0] == 0
    again = ("create-user", "dup", "--role", "staff", "--as", "dup")
    code, _, err = run(*again, stdin="a long password 1\n")
    assert code == 1
    assert "already exists" in err
    with pytest.raises(SystemExit) as usage:
        run("create-user", "who", "--role", "wizard")
    assert usage.value.code == 2


def test_unmigrated_database_and_bad_url_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["devices", "--db", empty]) == 1
    assert "not migrated" in capsys.readouterr().err
    assert main(["serve", "--db", empty]) == 1
    assert main(["devices", "--db", "mysql://nowhere/db"]) == 1
    assert "unsupported database" in capsys.readouterr().err


def test_default_database_lives_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["migrate"]) == 0
    assert (tmp_path / "erms-central" / "central.db").exists()
    assert main(["verify-audit"]) == 0
    assert "0 entries" in capsys.readouterr().out


def test_a_knife_crime_referral_is_accepted_only_with_the_policy_acknowledged(run_sqlite) -> None:  # type: ignore[no-untyped-def]
    run = run_sqlite
    assert run("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    code, out, _ = run(
        *("create-referral", "--source", "Probation Service", "--received-on", "1/4/2026"),
        *("--offence-type", "violence_against_the_person", "--summary", "Assault with a blade"),
        *("--flag", "knife_crime", "--person", "victim:Imelda Ravensworth"),
        *("--lawful-basis", "consent", "--as", "stan"),
    )
    assert code == 0
    referral_id, rule = out.splitlines()
    assert "criminal proceedings" in rule
    accept = ("accept-referral", referral_id, "--service-reference", "RJ-K")
    accept += ("--justice-stage", "pre_sentence", "--as", "stan")
    code, _, err = run(*accept)
    assert code == 1
    assert "acknowledge the policy rule" in err
    code, out, _ = run(*accept, "--acknowledge-policy")
    assert code == 0
    assert out.startswith("case ")
