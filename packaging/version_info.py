"""The Windows version resource of the frozen executables, generated from the package version.

PyInstaller reads it as the text form of its ``VSVersionInfo`` structure; Explorer shows it under
Properties > Details and IT inventory tools read the file version from it."""

from __future__ import annotations

import re

COMPANY = "Office of the Police, Fire and Crime Commissioner"
PRODUCT = "ERMS Desktop"
_NUMERIC = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows wants, from a version such as ``0.1.0`` or ``1.2.3rc1``
    (a pre-release suffix is dropped; Windows has no place for it)."""
    match = _NUMERIC.match(version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a number")
    numbers = tuple(int(part or 0) for part in match.groups())
    if any(number > 0xFFFF for number in numbers):
        raise ValueError(f"version {version!r} has a part above 65535")
    return numbers  # type: ignore[return-value]


def render(version: str, file_name: str, description: str) -> str:
    """The version resource text for one executable of the bundle."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": file_name.removesuffix(".exe"),
        "LegalCopyright": f"Copyright {COMPANY}",
        "OriginalFilename": file_name,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    structs = ",\n".join(f"        StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0809 is English (United Kingdom), 1200 (0x04B0) the Unicode code page.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable('080904B0', [
{structs},
      ]),
    ]),
    VarFileInfo([VarStruct('Translation', [0x0809, 1200])]),
  ],
)
"""
