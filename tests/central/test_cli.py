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
    code, referral_id, _ = run(
        "create-referral",
        "--source",
        "essex_police",
        "--received-on",
        "2026-03-02",
        "--agency-reference",
        "EP/1",
        "--as",
        "stan",
    )
    assert code == 0
    code, out, _ = run(
        "create-case",
        referral_id.strip(),
        "--service-reference",
        "RJ-9",
        "--offence-type",
        "theft",
        "--summary",
        "Shoplifting",
        "--justice-stage",
        "out_of_court",
        "--as",
        "stan",
    )
    assert code == 0
    case_id = out.split()[1]
    victim_file = next(line.split()[-1] for line in out.splitlines() if line.startswith("victim"))
    assert run("allocate", "vera", case_id, "--party-file", victim_file, "--as", "stan")[0] == 0
    assert run("allocate", "stan", case_id, "--as", "stan")[0] == 0
    assert run("deallocate", "vera", case_id, "--as", "stan")[0] == 0
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
                "create-case",
                "00000000-0000-0000-0000-000000000000",
                "--service-reference",
                "R",
                "--offence-type",
                "theft",
                "--summary",
                "S",
                "--justice-stage",
                "out_of_court",
            ),
            "",
            "no referral",
        ),
        (
            ("create-referral", "--source", "the moon", "--received-on", "2026-01-01"),
            "",
            "invalid referral",
        ),
        (
            ("create-referral", "--source", "essex_police", "--received-on", "yesterday"),
            "",
            "YYYY-MM-DD",
        ),
        (("reject-referral", "not-an-id"), "", "no referral"),
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
