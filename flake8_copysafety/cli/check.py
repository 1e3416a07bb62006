"""`copysafety check`: settings from flags and configuration, then files, findings, report."""

import argparse
import os
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from ..core.options import OPTIONS, LintOptions
from ..engine.cache import default_dir as default_cache_dir
from ..fix.rewrites import unified_diff
from .config import ConfigError, FileConfig, discover, read_file
from .exit_status import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError
from .discovery import STDIN, PathError
from .discovery import discover as discover_files
from .discovery import make_excluder
from .formats import FORMAT_NAMES, RENDERERS, colourise, statistics, summary
from .runner import FileReport, Settings, check_source, cpu_count, run
from .selection import Selection, SelectionError, parse_codes

NO_FILES = "No Python files found under the given path(s)"


def load_config(args: argparse.Namespace) -> FileConfig:
    if args.isolated:
        return FileConfig()
    try:
        if args.config:
            return read_file(Path(args.config))
        return discover()
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _setting(cli: Optional[Sequence[str]], config: FileConfig, key: str
             ) -> Optional[Sequence[str]]:
    return cli if cli is not None else config.get(key)


def build_selection(args: argparse.Namespace, config: FileConfig) -> Selection:
    try:
        def codes(attr: str, key: str) -> Optional[Tuple[str, ...]]:
            return parse_codes(_setting(getattr(args, attr), config, key), key)

        return Selection(
            select=codes("select", "select"),
            ignore=codes("ignore", "ignore"),
            extend_select=codes("extend_select", "extend-select") or (),
            extend_ignore=codes("extend_ignore", "extend-ignore") or (),
        )
    except SelectionError as exc:
        raise UsageError(str(exc)) from None


def build_per_file_ignores(args: argparse.Namespace, config: FileConfig):
    """(glob, base directory, codes) entries: the flag's, relative to the working directory,
    replace the configured ones, relative to their file's directory."""
    if args.per_file_ignores is not None:
        from .config import ConfigError, parse_per_file_ignores

        try:
            pairs = parse_per_file_ignores("\n".join(args.per_file_ignores), "--per-file-ignores")
        except ConfigError as exc:
            raise UsageError(str(exc)) from None
        base = os.getcwd()
    else:
        pairs, base = config.per_file_ignores, str(config.base_dir)
    try:
        return tuple((glob, base, parse_codes(codes, "per-file-ignores") or ())
                     for glob, codes in pairs)
    except SelectionError as exc:
        raise UsageError(str(exc)) from None


def wants_colour(stream) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def build_options(args: argparse.Namespace, config: FileConfig) -> LintOptions:
    return LintOptions(**{row.name: tuple(_setting(getattr(args, row.name), config, row.key)
                                          or ()) for row in OPTIONS})


def run_check(args: argparse.Namespace) -> int:
    config = load_config(args)
    for warning in config.warnings:
        sys.stderr.write(f"copysafety: warning: {warning}\n")
    mode = "diff" if args.diff else "fix" if args.fix else "check"
    if args.no_cache:
        os.environ["COPYSAFETY_NO_CACHE"] = "1"  # worker processes inherit it
    paths = args.paths or ["."]
    if STDIN in paths and mode != "check":
        raise UsageError("--fix and --diff cannot be used with standard input (`-`)")
    if STDIN in paths and len(paths) > 1:
        raise UsageError("`-` (standard input) cannot be combined with other paths")
    settings = Settings(
        options=build_options(args, config),
        selection=build_selection(args, config),
        disable_noqa=args.disable_noqa,
        mode=mode,
        per_file_ignores=build_per_file_ignores(args, config),
        cache_dir=None if args.no_cache else args.cache_dir or default_cache_dir(),
    )
    excluder = make_excluder(args.exclude, config.get("exclude"), config.base_dir)
    notices: List[str] = []
    try:
        files = discover_files(paths, excluder, notices)
    except PathError as exc:
        raise UsageError(str(exc)) from None
    for notice in notices:
        sys.stderr.write(f"copysafety: warning: {notice}\n")
    if not files:
        sys.stderr.write(f"copysafety: warning: {NO_FILES}\n")

    reports: List[FileReport] = []
    if files == [STDIN]:
        reports.append(check_source(args.stdin_display_name, sys.stdin.buffer.read(), settings))
    else:
        run(files, settings, args.jobs or cpu_count(), reports.append)

    # Sorted by path (folder by folder, as ruff does), then position, whatever order the
    # files were found or finished in.
    reports.sort(key=lambda r: Path(r.path).parts)
    for report in reports:
        report.findings.sort(key=lambda f: (f.line, f.col, f.code))
    errors = [r for r in reports if r.error]
    for failed in errors:
        sys.stderr.write(f"copysafety: error: {failed.path}: {failed.error}\n")

    if mode == "diff":
        diffs = [unified_diff(r.path, r.original, r.fixed)
                 for r in reports if r.fixed is not None and r.original is not None]
        _emit("".join(diffs), args.output)
        would = sum(r.fixed_count for r in reports if r.fixed is not None)
        left = sum(len(r.findings) for r in reports)  # what the rewrites leave
        if would or left:
            sys.stderr.write(
                f"copysafety: would fix {would} finding{'s' * (would != 1)} in {len(diffs)} "
                f"file{'s' * (len(diffs) != 1)} (apply with --fix)"
                + (f"; {left} without a safe rewrite\n" if left > 0 else "\n"))
        if errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if diffs and not args.exit_zero else EXIT_CLEAN

    name = FORMAT_NAMES[args.format]
    if name == "text" and args.show_source:
        name = "full"
    text = name in ("text", "full")
    only_counts = text and args.statistics and args.quiet
    output = "" if only_counts else RENDERERS[name](reports)
    if text and args.statistics:
        output += statistics(reports)
    elif args.statistics:
        sys.stderr.write(statistics(reports))
    if text and not args.quiet and files:
        output += summary(reports, fixing=mode == "fix")
    if text and not args.output and wants_colour(sys.stdout):
        output = colourise(output)
    _emit(output, args.output, utf8=not text)
    remaining = sum(len(r.findings) for r in reports)
    if mode == "fix":
        fixed = sum(r.fixed_count for r in reports)
        changed = sum(1 for r in reports if r.fixed is not None)
        sys.stderr.write(
            f"copysafety: fixed {fixed} finding{'s' * (fixed != 1)} in {changed} "
            f"file{'s' * (changed != 1)}; {remaining} remaining\n"
        )
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if remaining and not args.exit_zero else EXIT_CLEAN


def _emit(text: str, output: Optional[str], utf8: bool = False) -> None:
    """Write the report; JSON and SARIF are always UTF-8, whatever the terminal's encoding."""
    if output:
        try:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
        return
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if utf8 and buffer is not None:
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
        return
    out.write(text)
    out.flush()
