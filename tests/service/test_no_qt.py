"""The desktop service is part of the core for the Qt rule: importing it never loads PySide6."""

from __future__ import annotations

import subprocess
import sys


def test_service_loads_no_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, erms_desktop.service as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'erms_desktop.service.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.startswith('PySide6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
