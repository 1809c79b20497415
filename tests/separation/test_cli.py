"""``erms-desktop check-separation``: the contract other tools depend on, run as a real
subprocess (standard output JSON, exit 0/1/2, nothing on standard output for bad input)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

PARTY = {
    "participants": [
        {
            "id": "victim-1",
            "given_names": "Zoë",
            "family_name": "O'Brien",
            "preferred_name": "Zo",
            "aliases": ["Little Bird"],
            "date_of_birth": "1990-05-14",
            "addresses": ["14 Acacia Avenue, Chelmsford CM1 2AB"],
            "phones": ["07700 900123"],
            "emails": ["zoe.obrien@example.org"],
            "references": ["EP/12345/24"],
        },
        {"id": "victim-2", "phones": ["01206 555019"]},
        {"id": "victim-3", "given_names": "Will"},
    ]
}


def run(
    tmp_path: Path, note: str | bytes | None, party: Any = PARTY, *extra: str
) -> subprocess.CompletedProcess[bytes]:
    party_path = tmp_path / "party.json"
    if isinstance(party, bytes):
        party_path.write_bytes(party)
    else:
        party_path.write_text(json.dumps(party), encoding="utf-8")
    args = [sys.executable, "-m", "erms_desktop.cli", "check-separation"]
    args += ["--other-party", str(party_path), *extra]
    data = note.encode("utf-8") if isinstance(note, str) else note
    return subprocess.run(args, input=data, capture_output=True, timeout=60, check=False)


def findings(result: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    document = json.loads(result.stdout)
    assert list(document) == ["findings"]
    items: list[dict[str, Any]] = document["findings"]
    return items


def test_clean_note_exits_0_with_no_findings(tmp_path: Path) -> None:
    result = run(tmp_path, "We talked about the harm and what happens next.", PARTY, "-")
    assert result.returncode == 0, result.stderr
    assert findings(result) == []
    assert result.stderr == b""


def test_blocking_note_exits_1_with_exact_json_shape(tmp_path: Path) -> None:
    note = "Zoë O’Brien rang from 07700-900-123.\nShe lives at CM1 2AB, born 14th May 1990."
    result = run(tmp_path, note)
    assert result.returncode == 1, result.stderr
    items = findings(result)
    for item in items:
        assert set(item) == {"start", "end", "text", "participant", "kind", "severity"}
        assert note[item["start"] : item["end"]] == item["text"]
        assert item["severity"] in {"block", "warn"}
    got = [(i["text"], i["participant"], i["kind"], i["severity"]) for i in items]
    assert got == [
        ("Zoë O’Brien", "victim-1", "name", "block"),
        ("07700-900-123", "victim-1", "phone", "block"),
        ("CM1 2AB", "victim-1", "postcode", "block"),
        ("14th May 1990", "victim-1", "date_of_birth", "block"),
    ]


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    result = run(tmp_path, "Will you ring back?")
    assert result.returncode == 0, result.stderr
    assert [(i["text"], i["severity"]) for i in findings(result)] == [("Will", "warn")]


def test_note_from_a_file_and_participant_known_only_by_phone(tmp_path: Path) -> None:
    note_path = tmp_path / "note.txt"
    note_path.write_bytes(b"Ring (01206) 555 019 tomorrow.")
    result = run(tmp_path, None, PARTY, str(note_path))
    assert result.returncode == 1, result.stderr
    assert [(i["participant"], i["kind"]) for i in findings(result)] == [("victim-2", "phone")]


def test_offsets_are_string_indices_not_bytes(tmp_path: Path) -> None:
    note = "ééé “quoted” then Zoë"
    result = run(tmp_path, note)
    (item,) = findings(result)
    assert (item["start"], item["end"]) == (len(note) - 3, len(note))


BAD_PARTIES: list[tuple[str, Any]] = [
    ("not json", b"{participants: ["),
    ("not utf-8", b'{"participants": [{"id": "\xff"}]}'),
    ("not an object", ["participants"]),
    ("missing participants", {}),
    ("extra top-level field", {"participants": [], "case": "x"}),
    ("participants not a list", {"participants": {"id": "a"}}),
    ("participant not an object", {"participants": ["a"]}),
    ("missing id", {"participants": [{"given_names": "Zoe"}]}),
    ("empty id", {"participants": [{"id": " "}]}),
    ("id a number", {"participants": [{"id": 7}]}),
    ("unknown field", {"participants": [{"id": "a", "phone": "07700 900123"}]}),
    ("phones a string", {"participants": [{"id": "a", "phones": "07700 900123"}]}),
    ("aliases with a number", {"participants": [{"id": "a", "aliases": ["x", 3]}]}),
    ("name a list", {"participants": [{"id": "a", "family_name": ["Smith"]}]}),
    (
        "date of birth written UK style",
        {"participants": [{"id": "a", "date_of_birth": "14/05/1990"}]},
    ),
    ("date of birth not a date", {"participants": [{"id": "a", "date_of_birth": "2021-02-30"}]}),
    ("date of birth a number", {"participants": [{"id": "a", "date_of_birth": 19900514}]}),
    ("duplicate ids", {"participants": [{"id": "a"}, {"id": "a"}]}),
    ("duplicate key", b'{"participants": [{"id": "a", "phones": [], "phones": ["1"]}]}'),
]


@pytest.mark.parametrize(("why", "party"), BAD_PARTIES, ids=[why for why, _ in BAD_PARTIES])
def test_bad_party_file_exits_2_with_message_and_no_output(
    tmp_path: Path, why: str, party: Any
) -> None:
    result = run(tmp_path, "Zoe rang.", party)
    assert result.returncode == 2, why
    assert result.stdout == b""
    assert b"check-separation" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_undecodable_note_exits_2(tmp_path: Path) -> None:
    result = run(tmp_path, b"Zoe rang \xc3\x28 today")
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"UTF-8" in result.stderr


def test_missing_note_file_exits_2(tmp_path: Path) -> None:
    result = run(tmp_path, None, PARTY, str(tmp_path / "absent.txt"))
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"absent.txt" in result.stderr


def test_missing_party_file_exits_2(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "erms_desktop.cli", "check-separation"]
    args += ["--other-party", str(tmp_path / "nowhere.json"), "-"]
    result = subprocess.run(args, input=b"Zoe", capture_output=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"nowhere.json" in result.stderr


def test_missing_other_party_option_exits_2(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "erms_desktop.cli", "check-separation", "-"]
    result = subprocess.run(args, input=b"Zoe", capture_output=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stdout == b""
    assert b"--other-party" in result.stderr


def test_answers_quickly_without_qt(tmp_path: Path) -> None:
    """Run in a fresh interpreter: no PySide6 module loaded, and well under a second."""
    party_path = tmp_path / "party.json"
    party_path.write_text(json.dumps(PARTY), encoding="utf-8")
    note_path = tmp_path / "note.txt"
    note_path.write_text("Zoe rang.", encoding="utf-8")
    code = (
        "import sys\n"
        "from erms_desktop.cli import main\n"
        f"status = main(['check-separation', '--other-party', {str(party_path)!r}, "
        f"{str(note_path)!r}])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})\n"
        "sys.stderr.write(repr((status, qt)))\n"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=True
    )
    elapsed = time.perf_counter() - started
    assert result.stderr.decode() == "(1, [])"
    assert elapsed < 1.0, f"check-separation took {elapsed:.2f} s"
