"""Command line for ``erms-desktop``.

Sub-commands import what they need only when they run, so ``--version`` and the checker
answer without loading Qt, the database driver or the network stack (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from erms_desktop import __version__

if TYPE_CHECKING:
    from erms_desktop.service.desktop import DesktopService

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="erms-desktop",
        description="ERMS Desktop: case work for volunteer restorative justice facilitators.",
    )
    parser.add_argument("--version", action="version", version=f"erms-desktop {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start with an embedded central store and synthetic data in a throwaway folder",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the app (offscreen), wait for the unlock or enrolment screen, exit 0",
    )
    parser.set_defaults(handler=_run_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for register in _COMMANDS:
        register(commands)
    return parser


def desktop_service(*, demo: bool) -> DesktopService:
    """The one choice between the two modes: demo mode runs the real central store on loopback
    with synthetic data in a throwaway folder; normal mode opens this laptop's vault."""
    if demo:
        from erms_desktop.demo.backend import make_demo_service

        return make_demo_service()
    from erms_desktop.service.desktop import DesktopService
    from erms_desktop.service.laptop import laptop_vault
    from erms_desktop.service.settings import read_settings

    settings = read_settings()
    return DesktopService(lambda: laptop_vault(settings), settings=settings)


def _run_gui(args: argparse.Namespace) -> int:
    from erms_desktop.gui.app import run

    service = desktop_service(demo=bool(args.demo))
    status: int = run(service, demo=bool(args.demo), smoke_test=bool(args.smoke_test))
    return status


def _register_doctor(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = commands.add_parser(
        "doctor", help="print diagnostics for support staff (no personal data)"
    )
    doctor.set_defaults(handler=_run_doctor)


def _run_doctor(args: argparse.Namespace) -> int:
    from erms_desktop.service.doctor import main as doctor_main

    return doctor_main(desktop_service(demo=bool(args.demo)), demo=bool(args.demo))


def _register_check_separation(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    from erms_desktop.separation_cli import register

    register(commands)


# Each entry adds one sub-command to the parser; the modules named inside import lazily.
_COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]] = [
    _register_doctor,
    _register_check_separation,
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
