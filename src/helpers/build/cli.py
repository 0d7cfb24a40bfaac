"""`python -m helpers.build`: the build command as other tools call it; `hub-report` holds the verbs.

`python -m helpers.build [options]` is `hub-report build [options]`; with `--all` it is `hub-report all`,
and with `--compare OLD NEW` it is `hub-report compare OLD NEW`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers import cli


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.build",
        description=__doc__.splitlines()[0],
        epilog="Examples:\n  "
        + "\n  ".join(
            example.replace("hub-report build", "python -m helpers.build") for example in cli.EXAMPLES["build"]
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli._parameters(parser)
    parser.add_argument("--sections", help="comma-separated section names to build (default: all)")
    parser.add_argument("--out", type=Path, help="outputs folder (default: outputs/)")
    parser.add_argument("--fresh", action="store_true", help="run every section again, reusing nothing")
    parser.add_argument(
        "--all",
        action="store_true",
        help="build every year in params/ for the district and every area, and outputs/index.html",
    )
    parser.add_argument(
        "--workers",
        type=int,
        help="cores to use (default: all the machine's); with --all, one report on each at a time",
    )
    parser.add_argument(
        "--compare", nargs=2, type=Path, metavar=("OLD", "NEW"), help="say what changed between two report folders"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    options = [
        *(["--year", args.year] if args.year else []),
        *(["--data", args.data] if args.data else []),
        *(["--out", str(args.out)] if args.out else []),
        *(["--sections", args.sections] if args.sections else []),
    ]
    if args.compare:
        return cli.main(["compare", *map(str, args.compare)])
    if args.all:
        if args.area or args.params or args.p:
            print(
                "Build failed: --all builds every year and area with their own parameters; "
                "it takes only --year, --data, --out, --sections and --workers",
                file=sys.stderr,
            )
            return 2
        return cli.main(["all", *options, *(["--workers", str(args.workers)] if args.workers is not None else [])])
    return cli.main(
        [
            "build",
            *options,
            *(["--area", args.area] if args.area else []),
            *(["--params", str(args.params)] if args.params else []),
            *(item for pair in args.p for item in ("-p", *pair)),
            *(["--fresh"] if args.fresh else []),
            *(["--workers", str(args.workers)] if args.workers is not None else []),
        ]
    )
