"""`python -m helpers.build`: build one report, every report (--all), or compare two renders (--compare).

Examples:
  python -m helpers.build                                   the latest year in params/, whole district
  python -m helpers.build --year 2015-16 --area "Bradford South"
  python -m helpers.build --year 2015-16 --data /secure/extracts/2016 -p suppression_threshold 10
  python -m helpers.build --all --year 2020-21 --workers 2  the district and every area of a year
  python -m helpers.build --compare outputs/2015-16 /tmp/2015-16-revised
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence

from helpers.build.run import build
from helpers.errors import ReportError
from helpers.params import PARAMETER_NAMES, parse_override, resolve


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__.splitlines()[0],
                                     epilog="\n".join(__doc__.splitlines()[2:]) + "\n\nParameters for -p: "
                                     + ", ".join(PARAMETER_NAMES), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", help="reporting year YYYY-YY (default: the latest in params/)")
    parser.add_argument("--area", help="a constituency, for an area committee report")
    parser.add_argument("--data", help="folder of the extracts (default: data_dir of the parameters); "
                        "with --all it applies to every year, whatever its risk scale")
    parser.add_argument("--params", type=Path, help="a YAML file of parameters, over params/<year>.yaml")
    parser.add_argument("-p", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="one parameter, over everything else (repeatable)")
    parser.add_argument("--sections", help="comma-separated section names to build (default: all)")
    parser.add_argument("--out", type=Path, help="outputs folder (default: outputs/)")
    parser.add_argument("--fresh", action="store_true", help="run every section again, reusing nothing")
    parser.add_argument("--all", action="store_true",
                        help="build every year in params/ for the district and every area, and outputs/index.html")
    parser.add_argument("--workers", type=int, help="with --all: reports built at once (default: the cores)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"),
                        help="say what changed between two report folders (changes.md on the console)")
    return parser.parse_args(argv)


def _console() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("helpers")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    _console()
    if args.compare:
        from helpers.publish.changes import main as compare

        return compare([str(path) for path in args.compare])
    if args.all:
        from helpers.build.batch import build_all

        if args.area or args.params or args.p:
            print("Build failed: --all builds every year and area with their own parameters; "
                  "it takes only --year, --data, --out, --sections and --workers", file=sys.stderr)
            return 2
        outcomes = build_all([args.year] if args.year else None, args.data, args.out, args.workers, args.sections)
        return 0 if all(o.folder for o in outcomes) else 1
    try:
        overrides = dict(parse_override(name, value) for name, value in args.p)
        if args.area:
            overrides["area"] = args.area
        if args.data:
            overrides["data_dir"] = str(Path(args.data).resolve())
        params = resolve(args.year, args.params, overrides)
        only = [s.strip() for s in args.sections.split(",")] if args.sections else None
        build(params, args.out if args.out else None, only, fresh=args.fresh)
    except ReportError as error:
        print(f"Build failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Build failed: {error.strerror or error} ({Path(error.filename).name if error.filename else ''})",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Build interrupted: the previous report, if any, is unchanged.", file=sys.stderr)
        return 130
    return 0
