"""Reading ``.reg`` exports (regedit's "Windows Registry Editor Version 5.00" format, as
``reg export`` writes them under Wine and on Windows) and serving them as a stand-in ``winreg``.

The stand-in replaces only Windows' registry API, at the boundary the app calls: the app's own
reading code (``installer_registry_value``) runs unchanged against what the installer wrote.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType, TracebackType

# winreg's constants, with Windows' values.
HKEY_LOCAL_MACHINE = 0x80000002
KEY_READ = 0x20019
KEY_WOW64_64KEY = 0x0100
REG_SZ = 1
REG_EXPAND_SZ = 2
REG_DWORD = 4

_HEADER = "Windows Registry Editor Version 5.00"
_VALUE = re.compile(r'^"((?:[^"\\]|\\.)*)"=(.*)$')
_ROOTS = {"HKEY_LOCAL_MACHINE": HKEY_LOCAL_MACHINE}

RegValue = tuple[str | int, int]
Keys = dict[str, dict[str, RegValue]]


def read_reg_file(path: Path) -> Keys:
    """The keys of an export, by lower-cased full path (the registry ignores case), each with its
    values by name: (data, kind) for strings and DWORDs; anything else is refused."""
    data = path.read_bytes()
    text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode()
    lines = [line.rstrip("\r") for line in text.splitlines()]
    if not lines or lines[0].lstrip("\ufeff") != _HEADER:
        raise ValueError(f"{path.name} is not a version 5 registry export")
    keys: Keys = {}
    current: dict[str, RegValue] | None = None
    for line in lines[1:]:
        if line.startswith("[") and line.endswith("]"):
            current = keys.setdefault(line[1:-1].lower(), {})
        elif line.strip():
            if current is None or not (match := _VALUE.match(line)):
                raise ValueError(f"{path.name}: unexpected line {line!r}")
            current[_unescape(match.group(1))] = _data(match.group(2))
    return keys


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _data(text: str) -> RegValue:
    if text.startswith('"') and text.endswith('"'):
        return _unescape(text[1:-1]), REG_SZ
    if text.startswith("dword:"):
        return int(text.removeprefix("dword:"), 16), REG_DWORD
    raise ValueError(f"registry data of a kind these tests do not read: {text[:20]!r}")


class _Key:
    def __init__(self, values: dict[str, RegValue]) -> None:
        self.values = values

    def __enter__(self) -> _Key:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


def fake_winreg(keys_64bit: Keys) -> ModuleType:
    """A ``winreg`` holding ``keys_64bit`` in the 64-bit view. Opening a key without
    ``KEY_WOW64_64KEY`` reads the 32-bit view, as a 32-bit process would: it holds nothing."""
    module = ModuleType("winreg")

    def open_key(root: int, sub_key: str, reserved: int = 0, access: int = KEY_READ) -> _Key:
        names = {value: name for name, value in _ROOTS.items()}
        path = f"{names[root]}\\{sub_key}".lower()
        if access & KEY_READ != KEY_READ or not access & KEY_WOW64_64KEY or path not in keys_64bit:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return _Key(keys_64bit[path])

    def query_value_ex(key: _Key, name: str) -> RegValue:
        by_name = {stored.lower(): value for stored, value in key.values.items()}
        if name.lower() not in by_name:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return by_name[name.lower()]

    for name, value in {
        "HKEY_LOCAL_MACHINE": HKEY_LOCAL_MACHINE,
        "KEY_READ": KEY_READ,
        "KEY_WOW64_64KEY": KEY_WOW64_64KEY,
        "REG_SZ": REG_SZ,
        "REG_EXPAND_SZ": REG_EXPAND_SZ,
        "REG_DWORD": REG_DWORD,
        "OpenKey": open_key,
        "QueryValueEx": query_value_ex,
    }.items():
        setattr(module, name, value)
    return module
