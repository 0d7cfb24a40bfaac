"""`hub-report`: the suite's one command, with the verbs an analyst needs.

  hub-report build [--year Y] [--area A] ...   render one report (python -m helpers.build is the same)
  hub-report all [--year Y] [--workers N]      every year and area in params/, and outputs/index.html
  hub-report check [--year Y] [--data DIR]     validate the extracts and show their data quality; writes nothing
  hub-report areas                             the area committees an area pack can be made for
  hub-report sections                          the report's sections
  hub-report params [YEAR]                     the resolved parameters and where each value comes from
  hub-report compare OLD NEW                   what changed between two report folders
  hub-report lab                               JupyterLab on notebooks/, to edit a section's words and run it

Every name given by the user (a year, an area, a section, a parameter) is checked before any extract is read;
a mistyped one gets the valid list and the closest match. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers import paths
from helpers.errors import ParameterError, ReportError
from helpers.workers import use_cores

EXAMPLES = {
    "build": [
        "hub-report build",
        'hub-report build --year 2015-16 --area "Bradford South"',
        "hub-report build --year 2015-16 --data /secure/extracts/2016 -p suppression_threshold 10",
        "hub-report build --year 2016-17 --sections strategic,crimes --fresh",
    ],
    "all": ["hub-report all", "hub-report all --year 2020-21 --workers 2"],
    "check": ["hub-report check", "hub-report check --year 2015-16 --data /secure/extracts/2016"],
    "areas": ["hub-report areas"],
    "sections": ["hub-report sections"],
    "params": [
        "hub-report params 2015-16",
        "hub-report params 2016-17 -p snapshot_date 2017-03-30",
        "hub-report params 2016-17 --cell",
    ],
    "compare": ["hub-report compare outputs/2015-16 /tmp/2015-16-revised"],
    "lab": ["hub-report lab", "hub-report lab --port 8899 --no-browser"],
}


def _parser(verb: str, subparsers, help_text: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        verb,
        help=help_text,
        description=help_text,
        epilog="Examples:\n  " + "\n  ".join(EXAMPLES[verb]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _parameters(parser: argparse.ArgumentParser, year_positional: bool = False) -> None:
    from helpers.params import parameter_names

    if year_positional:
        parser.add_argument("year", nargs="?", help="reporting year YYYY-YY (default: the latest in params/)")
    else:
        parser.add_argument("--year", help="reporting year YYYY-YY (default: the latest in params/)")
    parser.add_argument("--area", help="a constituency, for an area committee report")
    parser.add_argument("--data", help="folder of the extracts (default: data_dir of the parameters)")
    parser.add_argument("--params", type=Path, help="a YAML file of parameters, over params/<year>.yaml")
    parser.add_argument(
        "-p",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="one parameter, over everything else (repeatable): " + ", ".join(parameter_names()),
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="hub-report",
        description=__doc__.splitlines()[0],
        epilog="\n".join(__doc__.splitlines()[2:11]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    build = _parser("build", verbs, "render one report (the district, or an area pack with --area)")
    _parameters(build)
    build.add_argument("--sections", help="comma-separated sections to build (default: all; see hub-report sections)")
    build.add_argument("--out", type=Path, help="outputs folder (default: outputs/)")
    build.add_argument("--fresh", action="store_true", help="run every section again, reusing nothing")
    build.add_argument("--workers", type=int, help="cores the build may use (default: all the machine's)")
    build_all = _parser("all", verbs, "render every year in params/ for the district and every area")
    build_all.add_argument("--year", help="only this reporting year")
    build_all.add_argument("--data", help="folder of the extracts, for every year")
    build_all.add_argument("--out", type=Path, help="outputs folder (default: outputs/)")
    build_all.add_argument("--sections", help="comma-separated sections to build (default: all)")
    build_all.add_argument(
        "--workers", type=int, help="cores the batch may use, one report on each at a time (default: all the machine's)"
    )
    check = _parser("check", verbs, "validate the extracts against the input contract and show their data quality")
    _parameters(check)
    _parser("areas", verbs, "list the area committees")
    _parser("sections", verbs, "list the report's sections")
    params = _parser("params", verbs, "show the resolved parameters of a year and where each value comes from")
    _parameters(params, year_positional=True)
    params.add_argument(
        "--cell",
        action="store_true",
        help="print them as a notebook's parameters cell, to run that year's notebook by hand",
    )
    compare = _parser("compare", verbs, "say what changed between two report folders")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    lab = _parser("lab", verbs, "open JupyterLab on notebooks/ with the project's kernel")
    lab.add_argument("--port", type=int, help="the port to serve on (default: JupyterLab's)")
    lab.add_argument("--no-browser", action="store_true", help="do not open a browser")
    return parser.parse_args(argv)


def closest(name: str, choices: Sequence[str], what: str) -> str:
    """`'Bradfrd South' is not an area; use one of: ...; did you mean 'Bradford South'?`."""
    near = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.5)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"{name!r} is not {what}; use one of: {', '.join(choices)}{hint}"


def check_year(year: str | None, params_file: Path | None) -> None:
    """A year needs its parameter file (or one given with --params): the risk scale and data folder change."""
    from helpers.params import available_years
    from helpers.rules.calendar import parse_reporting_year

    if year is not None:
        parse_reporting_year(year)
    years = available_years()
    if year is None or year in years or params_file is not None:
        return
    raise ParameterError(
        f"there is no params/{year}.yaml: copy params/{years[-1]}.yaml to params/{year}.yaml and "
        "set reporting_year and risk_scale (the scale the year's data use), or give the year's "
        f"parameters with --params FILE. The years with parameters are {', '.join(years)}"
    )


def check_sections(sections: str | None) -> list[str] | None:
    from helpers.sections import SECTIONS

    if not sections:
        return None
    names = [s.strip().lower() for s in sections.split(",") if s.strip()]
    slugs = [s.slug for s in SECTIONS]
    for name in names:
        if name not in slugs:
            raise ParameterError(f"section {closest(name, slugs, 'a section')}")
    return names


def resolved(args: argparse.Namespace):
    """The parameters of the command line, every name checked before any extract is read."""
    from helpers.params import parse_override, resolve_with_sources

    check_year(args.year, args.params)
    overrides, sources = {}, {}
    for name, value in args.p:
        key, parsed = parse_override(name, value)
        overrides[key], sources[key] = parsed, "-p on the command line"
    if args.area:
        overrides["area"], sources["area"] = args.area, "--area on the command line"
    if args.data:
        overrides["data_dir"], sources["data_dir"] = str(Path(args.data).resolve()), "--data on the command line"
    return resolve_with_sources(args.year, args.params, overrides, sources)


def _console() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("helpers")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _run(args: argparse.Namespace) -> int:
    if args.verb == "build":
        from helpers.build.run import build

        only = check_sections(args.sections)
        if args.workers is not None:
            use_cores(args.workers)
        params, _ = resolved(args)
        build(params, args.out, only, fresh=args.fresh)
    elif args.verb == "all":
        from helpers.build.batch import build_all

        check_year(args.year, None)
        check_sections(args.sections)
        if args.workers is not None:
            use_cores(args.workers)
        outcomes = build_all([args.year] if args.year else None, args.data, args.out, args.workers, args.sections)
        return 0 if all(o.folder for o in outcomes) else 1
    elif args.verb == "check":
        _check(args)
    elif args.verb == "areas":
        from helpers.inputs.reference import load_reference

        print("\n".join(load_reference().constituencies))
    elif args.verb == "sections":
        from helpers.sections import SECTIONS

        for section in SECTIONS:
            print(f"{section.slug:<10} {section.number}. {section.title}")
    elif args.verb == "params":
        params, sources = resolved(args)
        if args.cell:
            from helpers.params import parameters_cell_source

            print(parameters_cell_source(params))
            return 0
        for name, value in params.to_mapping().items():
            print(f"{name:<22} {value!s:<40} {sources.get(name, 'the default')}")
    elif args.verb == "compare":
        from helpers.publish.changes import main as compare

        return compare([str(args.old), str(args.new)])
    elif args.verb == "lab":
        command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={paths.notebooks_dir()}"]
        command += [f"--port={args.port}"] if args.port else []
        command += ["--no-browser"] if args.no_browser else []
        # Jupyter refuses to run as root (a container, CI) unless told: an analyst's desktop is not root.
        command += ["--allow-root"] if getattr(os, "geteuid", lambda: 1)() == 0 else []
        return subprocess.run(command, cwd=paths.project_root()).returncode
    return 0


def _check(args: argparse.Namespace) -> None:
    """Validate the extracts as a build would, and show the data quality of the report's scope; write nothing."""
    from helpers.disclosure.publication import DISTRICT, Report, publish
    from helpers.inputs.scope import area_wards, restrict_to_area
    from helpers.rules import quality
    from helpers.year import load_year

    params, _ = resolved(args)
    extracts, reference = load_year(params)
    print(f"The extracts in {params.data_dir.name} meet the input contract:")
    for source in extracts.sources:
        print(f"  {Path(source.path).name}: {source.rows:,} rows")
    scoped = restrict_to_area(extracts, area_wards(reference, params.area)) if params.area else extracts
    published, _, _ = publish(
        [Report(params.area or DISTRICT, [quality.quality_publication(scoped, reference, params)])],
        params.suppression_threshold,
        params.protection_range,
    )
    print()
    print(
        quality.quality_markdown(
            published[params.area or DISTRICT].figures, extracts.notes, params.suppression_threshold
        )
    )


def _doing(verb: str) -> str:
    return "Build" if verb in ("build", "all") else verb.capitalize()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    _console()
    try:
        return _run(args)
    except ReportError as error:
        print(f"{_doing(args.verb)} failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"{_doing(args.verb)} failed: {error.strerror or error}"
            + (f" ({Path(error.filename).name})" if error.filename else ""),
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("Interrupted: the previous report, if any, is unchanged.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
