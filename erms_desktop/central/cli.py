"""Command line for ``erms-central``: serve, migrate and the operator's admin commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from erms_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="erms-central", description="The ERMS central store that laptops sync to."
    )
    parser.add_argument("--version", action="version", version=f"erms-central {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    build_parser().parse_args(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
