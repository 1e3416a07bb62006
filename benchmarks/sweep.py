"""Lint a whole real source tree through `engine.lint_source` and print every finding.

    python benchmarks/sweep.py [--timeout SECONDS] [--all-codes] [PATH ...]

Without paths it sweeps the installed torch package's sources. It prints the number of
files, how many pass the gate (`engine.is_candidate`), the time, every crash (CPS900) and
every file that ran past the per-file time limit, then every finding as
`path:line:col CODE message`, for reviewing false positives. Default-off codes (CPS104)
are listed only with --all-codes, as flake8 would. Exit status: 0 when no file crashed or
ran past its limit, 1 otherwise.

The per-file limit uses SIGALRM (POSIX); where that is missing the sweep runs unguarded.
"""

import argparse
import signal
import sys
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from _common import package_line, python_files, torch_dir

from flake8_copysafety.engine.pipeline import LintOptions, is_candidate, lint_source
from flake8_copysafety.rules.catalogue import DEFAULT_OFF


class FileTimeout(BaseException):
    """Raised by the alarm; a BaseException, so `lint_source` does not turn it into CPS900."""


def _on_alarm(signum, frame):
    raise FileTimeout()


def lint_with_limit(data: bytes, name: str, seconds: float):
    """`lint_source` on one file, or FileTimeout when it runs past `seconds`."""
    guarded = seconds > 0 and hasattr(signal, "setitimer")
    if guarded:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return lint_source(data, name, LintOptions())
    finally:
        if guarded:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds allowed per file (default 60; 0: no limit)")
    parser.add_argument("--all-codes", action="store_true",
                        help="also list default-off codes (%s)" % ", ".join(DEFAULT_OFF))
    parser.add_argument("--slowest", type=int, default=5, help="list the N slowest files")
    args = parser.parse_args(argv)
    base = torch_dir() if not args.paths else None
    paths = args.paths or [base]
    files = python_files(paths)

    findings: List[Tuple[str, object]] = []
    crashes: List[Tuple[str, str]] = []
    timeouts: List[str] = []
    seconds: List[Tuple[float, str]] = []
    candidates = 0
    start = time.perf_counter()
    for path in files:
        shown = str(path.relative_to(base)) if base else str(path)
        data = path.read_bytes()
        candidates += is_candidate(data)
        began = time.perf_counter()
        try:
            found = lint_with_limit(data, str(path), args.timeout)
        except FileTimeout:
            timeouts.append(shown)
            found = []
        seconds.append((time.perf_counter() - began, shown))
        for finding in found:
            if finding.code == "CPS900":
                crashes.append((shown, finding.message))
            elif args.all_codes or finding.code not in DEFAULT_OFF:
                findings.append((shown, finding))
    elapsed = time.perf_counter() - start

    where = ", ".join(map(str, paths))
    print(f"swept {where}")
    print(package_line())
    print(f"files: {len(files)}  candidates (pass the gate): {candidates}  "
          f"seconds: {elapsed:.1f}  findings: {len(findings)}  crashes (CPS900): "
          f"{len(crashes)}  over {args.timeout:g}s: {len(timeouts)}")
    for shown, message in crashes:
        print(f"CRASH {shown}: {message}")
    for shown in timeouts:
        print(f"TIMEOUT {shown}: over {args.timeout:g}s")
    slowest = sorted(seconds, reverse=True)[:args.slowest]
    if slowest:
        print("slowest: " + ", ".join(f"{name} {t:.2f}s" for t, name in slowest))
    for shown, f in sorted(findings, key=lambda item: (item[0], item[1].line, item[1].col)):
        print(f"{shown}:{f.line}:{f.col + 1}: {f.code} {f.message}")
    return 1 if crashes or timeouts else 0


if __name__ == "__main__":
    sys.exit(main())
