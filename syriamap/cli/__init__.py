"""Command-line interface: ``syriamap COMMAND ...``.

Each command lives in its own module under :mod:`syriamap.cli` and exposes
``register(subparsers)``, which adds its sub-parser and sets ``func`` (a
callable taking the parsed ``argparse.Namespace`` and returning an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from syriamap.errors import SyriamapError

__all__ = ["country_option", "main", "positive_int"]

# modules that register commands, in the order they are listed in --help
_COMMAND_MODULES = (
    "syriamap.cli.geocode",
    "syriamap.cli.geodesy",
    "syriamap.cli.incidents",
    "syriamap.cli.maps",
    "syriamap.cli.text",
)

_EPILOG = """examples:
  syriamap demo -o map.html                       the seed incidents and the al-Tanf zone
  syriamap geocode "Deir ez-Zor" Dêrik --json     resolve names as news writes them
  syriamap distance al-Tanf Rukban                geodesic distance
  syriamap within --around al-Tanf --radius-km 55 Rukban Palmyra
  syriamap incidents events.csv -o events.gpkg    resolve a table of incidents
  syriamap map events.csv -o map.html --zone al-Tanf:55 --offline
  syriamap extract article.txt --json             places and distance claims in a text
"""


def country_option(text: str) -> str:
    """Argparse ``type=`` for ``--country``: the ISO alpha-2 code ``text`` names.

    Accepts what ``country=`` accepts (``SY``, ``sy``, ``Syria``, ``SYR``); anything else
    is a usage error listing the accepted spellings.
    """
    from syriamap._country import country_code

    try:
        return country_code(text)
    except SyriamapError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_int(text: str) -> int:
    """Argparse ``type=`` for a count that must be 1 or more."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """Return the top-level parser with every available command registered."""
    parser = argparse.ArgumentParser(
        prog="syriamap",
        description="Map conflict incidents in Syria (offline gazetteer, zones, maps).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # the reader went away (``syriamap geocode ... | head``): stop quietly, as Unix
        # tools do; point stdout at /dev/null so that the interpreter's final flush
        # does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for such a pipeline stage
    except SyriamapError as exc:
        print(f"syriamap {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError, TypeError, KeyError) as exc:
        print(f"syriamap {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
