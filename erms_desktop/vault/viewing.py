"""The private folder attachments are decrypted into for viewing in another program.

It lives inside the vault folder (so it can always be found again after a crash), is owner-only,
and is emptied on lock, on exit and when the vault is next constructed. Files are overwritten
before removal as a best effort; on SSDs that gives no guarantee, which is why the folder is used
only for what the volunteer explicitly opens.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from erms_desktop.vault.paths import NEW_FILE_FLAGS, make_private_dir

_CHUNK = 64 * 1024


def place_for_viewing(folder: Path, filename: str, content: bytes) -> Path:
    """Write ``content`` as ``folder/<random>/<filename>`` (0700 folders, a 0600 file)."""
    if Path(filename).name != filename or filename in {"", ".", ".."}:
        raise ValueError("a bare file name is needed")
    make_private_dir(folder)
    holder = folder / secrets.token_hex(8)
    make_private_dir(holder)
    target = holder / filename
    fd = os.open(target, NEW_FILE_FLAGS, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return target


def empty_viewing_folder(folder: Path) -> None:
    """Overwrite and remove everything under ``folder``, then the folder itself."""
    if not folder.exists():
        return
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            _overwrite(path)
    shutil.rmtree(folder, ignore_errors=True)


def _overwrite(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            for start in range(0, size, _CHUNK):
                handle.write(b"\x00" * min(_CHUNK, size - start))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass  # a file a viewer still holds open is removed below as far as the OS allows
