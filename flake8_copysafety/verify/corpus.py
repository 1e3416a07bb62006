"""`copysafety verify`: prove every rule at run time on the case corpus.

For each case file (`corpus/<code>/{pos,neg}_*.py`) two verdicts are compared with what the
file declares:

* static: the analysis runs here, in this process, and its findings (every code, default-off
  ones included) must equal the `# expect: CPSnnn` markers, line by line;
* runtime: the case runs under torch in a worker process (see `verify/runtime.py`) that
  observes generically whether the original data or the live module changed; it must agree
  with the expected verdict, "mutated" iff the case expects a finding unless the file says
  otherwise with `# runtime: mutated|unchanged` or per device `# runtime[cuda]: ...`.

A case whose kind spans modules is a folder (`{pos,neg}_NAME/` holding `case.py`) laid out
as a small project: its entry is `case.py`, the other modules are what it imports; markers
may sit in any of its files (expected findings are then named `file.py:line`), and every
file is linted as the flake8 plugin lints a file of that project.

Any other folder inside a code's folder is a theme (`corpus/cps101/views/`), read for cases
the same way, so a code's cases can be grouped by what changes the data; a case's name is its
path (`corpus/cps101/views/pos_permute.py`), and a file dropped straight into
`corpus/<code>/` is a case as well.

Every key of the copy-semantics tables (`semantics.all_fact_keys()`) and of the store table
(`stores.fact_keys()`) must be consulted by the analysis on at least one case. Any
disagreement or unexercised key exits 1.

torch is imported only by the worker process, never here.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import queue
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

from .markers import parse_markers

NEEDS_TORCH = 'copysafety verify needs torch: pip install "flake8-copysafety[verify]"'
DEFAULT_TIMEOUT = 60.0
OBSERVERS = ("diff", "guard")


# --------------------------------------------------------------------------- cases


# A finding's line: a number, or `file.py:line` in a folder case.
Line = Union[int, str]


@dataclass
class Case:
    """One corpus file and what it declares."""

    path: str
    name: str
    source: str
    expected: List[Tuple[Line, str]] = field(default_factory=list)
    near_miss: List[str] = field(default_factory=list)
    runtime: Dict[str, bool] = field(default_factory=dict)  # device ('*' for all) -> mutated
    folder: Optional[str] = None  # a folder case: its folder (the entry is `case.py`)

    @property
    def expected_codes(self) -> List[str]:
        return [code for _, code in sorted(self.expected)]

    @property
    def codes_under_test(self) -> List[str]:
        if self.expected:
            return sorted(set(self.expected_codes))
        return sorted(set(self.near_miss))

    def expects_mutation(self, device: str) -> bool:
        if device in self.runtime:
            return self.runtime[device]
        if "*" in self.runtime:
            return self.runtime["*"]
        return bool(self.expected)


FOLDER_ENTRY = "case.py"


def parse_case(path: str, name: Optional[str] = None) -> Case:
    if os.path.isdir(path):
        return _parse_folder_case(path, name)
    source = _read(path)
    markers = parse_markers(source)
    return Case(path=path, name=name or path, source=source, expected=list(markers.expected),
                near_miss=markers.near_miss, runtime=markers.runtime)


def _read(path: str) -> str:
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", "replace")


def _parse_folder_case(folder: str, name: Optional[str]) -> Case:
    entry = os.path.join(folder, FOLDER_ENTRY)
    case = Case(path=entry, name=name or folder, source=_read(entry), folder=folder)
    for rel in folder_files(folder):
        markers = parse_markers(_read(os.path.join(folder, rel)))
        case.expected.extend((f"{rel}:{line}", code) for line, code in markers.expected)
        case.near_miss.extend(markers.near_miss)
        case.runtime.update(markers.runtime)
    return case


def folder_files(folder: str) -> List[str]:
    """The `.py` files of a folder case, relative to it, in a stable order."""
    found: List[str] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        found.extend(os.path.relpath(os.path.join(root, n), folder).replace(os.sep, "/")
                     for n in sorted(names) if n.endswith(".py"))
    return found


def is_folder_case(path: str) -> bool:
    """A `pos_`/`neg_` folder with a `case.py` is one case; any other folder is a theme."""
    return os.path.basename(path).startswith(("pos_", "neg_")) and \
        os.path.isfile(os.path.join(path, FOLDER_ENTRY))


def case_paths(path: str) -> List[str]:
    """The cases under a file or folder: `.py` files and folder cases, themes read through,
    in a stable order (a folder's own files, then its folder cases, then its themes)."""
    if os.path.isfile(path) or is_folder_case(path):
        return [path]
    if not os.path.isdir(path):
        raise FileNotFoundError(path)
    found: List[str] = []
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        folders = [d for d in dirs if is_folder_case(os.path.join(root, d))]
        dirs[:] = [d for d in dirs if d not in folders]
        found.extend(os.path.join(root, n) for n in sorted(names)
                     if n.endswith(".py") and not n.startswith("__"))
        found.extend(os.path.join(root, d) for d in folders)
    return found


def collect(paths: Sequence[str]) -> List[Case]:
    """The cases under the given files and folders, each once, in a stable order."""
    files = [file for path in paths for file in case_paths(path)]
    seen: Set[str] = set()
    cases = []
    for file in files:
        real = os.path.realpath(file)
        if real in seen:
            continue
        seen.add(real)
        cases.append(parse_case(file, _display_name(file)))
    return cases


def _display_name(path: str) -> str:
    """Relative to the working directory; outside it, from the `corpus/` folder on (the
    installed corpus reads as in the repository)."""
    rel = os.path.relpath(path).replace(os.sep, "/")
    if not rel.startswith(".."):
        return rel
    absolute = os.path.abspath(path).replace(os.sep, "/")
    _, found, tail = absolute.rpartition("/corpus/")
    return "corpus/" + tail if found else absolute


# --------------------------------------------------------------------------- static side


@dataclass
class StaticResult:
    found: List[Tuple[Line, str]]
    facts: Set[str]
    error: Optional[str] = None


def static_check(case: Case) -> StaticResult:
    """The analysis, run in this process (so the semantics tables can be patched in tests)."""
    from ..engine.pipeline import LintOptions, analyse_source

    facts: Set[str] = set()
    try:
        if case.folder is not None:
            return StaticResult(_folder_findings(case.folder, facts), facts)
        findings = analyse_source(case.source, LintOptions(), facts)
    except Exception as exc:  # noqa: BLE001 - reported as a disagreement, not a traceback
        return StaticResult([], facts, f"{type(exc).__name__}: {exc}")
    return StaticResult(sorted((f.line, f.code) for f in findings), facts)


def _folder_findings(folder: str, facts: Set[str]) -> List[Tuple[Line, str]]:
    """Every file of a folder case linted as a file of that project, from a copy in a
    temporary folder (the corpus itself may sit in an installed package, which the project
    model never indexes; no disk cache is written)."""
    import shutil
    import tempfile

    from ..engine.pipeline import LintOptions, lint_source

    os.environ.setdefault("COPYSAFETY_NO_CACHE", "1")
    found: List[Tuple[Line, str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        project = os.path.join(scratch, os.path.basename(folder))
        shutil.copytree(folder, project, ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(project, "setup.cfg"), "w", encoding="utf-8"):
            pass  # marks the copy as the project's root
        for rel in folder_files(folder):
            path = os.path.join(project, rel)
            for finding in lint_source(_read(path), path, LintOptions(), facts_used=facts):
                found.append((f"{rel}:{finding.line}", finding.code))
    return sorted(found)


# --------------------------------------------------------------------------- runtime side


class WorkerError(RuntimeError):
    pass


class Worker:
    """A process that has imported torch once and forks a child per case."""

    def __init__(self) -> None:
        from .runtime import worker_command

        self.proc = subprocess.Popen(
            worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", bufsize=1,
        )
        self._lines: "queue.Queue[Optional[str]]" = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._next_id = 0
        hello = self._get(120.0)
        if hello is None or not hello.get("ready"):
            self.close()
            raise WorkerError(hello.get("error", "no reply") if hello else "worker died")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _get(self, timeout: float) -> Optional[dict]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        return None if line is None else json.loads(line)

    def submit(self, op: str, timeout: float, **fields) -> int:
        self._next_id += 1
        request = dict(fields, op=op, timeout=timeout, id=self._next_id)
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass
        return self._next_id

    def result(self, timeout: float) -> dict:
        reply = self._get(timeout + 30.0)
        if reply is None:
            return {"verdict": "crashed", "detail": "the verification worker stopped"}
        return reply

    def cuda_available(self) -> bool:
        self.submit("cuda?", 120.0)
        return bool(self.result(120.0).get("cuda"))

    def close(self) -> None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


# --------------------------------------------------------------------------- the report


@dataclass
class Row:
    case: Case
    device: str
    static: StaticResult
    verdict: str
    detail: str

    @property
    def mutated(self) -> bool:
        return self.verdict == "mutated"

    @property
    def static_agrees(self) -> bool:
        return self.static.error is None and Counter(self.static.found) == Counter(
            self.case.expected)

    @property
    def runtime_agrees(self) -> bool:
        if self.verdict not in ("mutated", "unchanged"):
            return False
        return self.mutated == self.case.expects_mutation(self.device)

    @property
    def agree(self) -> bool:
        return self.static_agrees and self.runtime_agrees

    @property
    def found_codes(self) -> List[str]:
        return [code for _, code in sorted(self.static.found)]

    def as_json(self) -> dict:
        return {
            "case": self.case.name,
            "device": self.device,
            "expected": self.case.expected_codes,
            "found": self.found_codes,
            "codes_under_test": self.case.codes_under_test,
            "mutated": self.mutated,
            "agree": self.agree,
        }

    def problems(self) -> List[str]:
        out = []
        if self.static.error:
            out.append(f"analysis failed: {self.static.error}")
        else:
            want, got = Counter(self.case.expected), Counter(self.static.found)
            for line, code in sorted((want - got).elements()):
                out.append(f"line {line}: expected {code}, not found")
            for line, code in sorted((got - want).elements()):
                out.append(f"line {line}: {code} found, not expected")
        if not self.runtime_agrees:
            verdict = "mutated" if self.case.expects_mutation(self.device) else "unchanged"
            out.append(f"runtime: expected {verdict}, observed {self.verdict} ({self.detail})")
        return out


@dataclass
class Report:
    rows: List[Row]
    uncovered: List[str]
    check_coverage: bool = True

    @property
    def ok(self) -> bool:
        return all(r.agree for r in self.rows) and not (self.check_coverage and self.uncovered)


def run(cases: Sequence[Case], devices: Sequence[str], timeout: float,
        worker: Optional[Worker] = None, check_coverage: bool = True,
        observer: str = "diff") -> Report:
    """Both sides for every case on every device."""
    from ..facts.semantics import all_fact_keys
    from ..facts.stores import fact_keys as store_fact_keys

    own = worker is None
    if worker is None:
        worker = Worker()
    try:
        pending = []
        for case in cases:  # queue every run first: the worker runs while we analyse
            for device in devices:
                pending.append((case, device, worker.submit(
                    "case", timeout, path=os.path.abspath(case.path), device=device,
                    observer=observer)))
        statics = {id(case): static_check(case) for case in cases}
        replies: Dict[int, dict] = {}
        rows = []
        for case, device, ident in pending:
            while ident not in replies:
                reply = worker.result(timeout)
                replies[reply.get("id", ident)] = reply
            reply = replies.pop(ident)
            rows.append(Row(case, device, statics[id(case)], reply.get("verdict", "crashed"),
                            reply.get("detail", "")))
    finally:
        if own:
            worker.close()
    used: Set[str] = set()
    for result in statics.values():
        used |= result.facts
    return Report(rows, sorted((all_fact_keys() | store_fact_keys()) - used), check_coverage)


def format_text(report: Report) -> str:
    headers = ("case", "device", "expected", "found", "runtime", "agree")
    table = [headers]
    for row in report.rows:
        table.append((row.case.name, row.device, ",".join(row.case.expected_codes) or "-",
                      ",".join(row.found_codes) or "-", row.verdict,
                      "yes" if row.agree else "NO"))
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
             for line in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    bad = [row for row in report.rows if not row.agree]
    if bad:
        lines.append("")
        lines.append("disagreements:")
        for row in bad:
            lines.append(f"  {row.case.name} [{row.device}]")
            lines.extend(f"    {p}" for p in row.problems())
    lines.append("")
    lines.append(_summary(report))
    if report.uncovered:
        note = "" if report.check_coverage else " (not checked: --no-coverage)"
        lines.append(f"semantics keys no case exercises{note}: " + ", ".join(report.uncovered))
    else:
        lines.append("every semantics key is exercised by a case")
    return "\n".join(lines)


def _summary(report: Report) -> str:
    rows = report.rows
    agree = sum(r.agree for r in rows)
    static_bad = sum(not r.static_agrees for r in rows)
    runtime_bad = sum(not r.runtime_agrees for r in rows)
    cases = len({r.case.name for r in rows})
    devices = sorted({r.device for r in rows})
    return (f"{cases} cases x {'/'.join(devices) or 'no device'}: {agree} of {len(rows)} "
            f"runs agree ({static_bad} static, {runtime_bad} runtime disagreements)")


# --------------------------------------------------------------------------- command line


def _default_corpus() -> str:
    """The corpus this package was installed with (`flake8_copysafety/corpus`, shipped in the
    wheel), else the checkout's `corpus/` beside the package (a source tree, an editable
    install), else `corpus` in the working directory."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(package, "corpus"),
                      os.path.join(os.path.dirname(package), "corpus")):
        if os.path.isdir(candidate):
            return candidate
    return "corpus"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copysafety verify",
        description="Run the runtime verification corpus: every case's static findings and "
                    "its observed runtime behaviour must match what the case declares.")
    parser.add_argument("paths", nargs="*", metavar="PATH", default=None,
                        help="case files or folders (default: the corpus installed with "
                             "the package)")
    parser.add_argument("--device", choices=("cpu", "cuda", "all"), default="cpu",
                        help="where the cases run (default: cpu; all: cpu, and cuda if "
                             "available)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"time limit per case run (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--observer", choices=OBSERVERS, default="diff",
                        help="how a run is judged: diff (deep snapshots before and after, "
                             "the default) or guard (the runtime guards of `copysafety run`)")
    parser.add_argument("--no-coverage", action="store_true",
                        help="do not fail when a semantics key is exercised by no case "
                             "(useful when verifying a few cases)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if importlib.util.find_spec("torch") is None:
        print(NEEDS_TORCH, file=sys.stderr)
        return 2
    paths = args.paths or [_default_corpus()]
    try:
        cases = collect(paths)
    except FileNotFoundError as exc:
        print(f"copysafety verify: no such file or folder: {exc}", file=sys.stderr)
        return 2
    if not cases:
        print("copysafety verify: no case files (*.py) under " + ", ".join(paths),
              file=sys.stderr)
        return 2
    try:
        worker = Worker()
    except (WorkerError, OSError) as exc:
        print(NEEDS_TORCH, file=sys.stderr)
        print(f"(the verification worker could not start: {exc})", file=sys.stderr)
        return 2
    try:
        devices = ["cpu"] if args.device == "cpu" else []
        if args.device in ("cuda", "all"):
            if worker.cuda_available():
                devices.append("cuda")
            elif args.device == "cuda":
                # Asked for CUDA and none is here: an error, so a CI job that meant to
                # prove the rules on a GPU does not pass without running anything.
                print("copysafety verify: error: --device cuda, but CUDA is not available "
                      "here (torch.cuda.is_available() is False); nothing was run. Use "
                      "--device cpu, or --device all to run on CUDA where present",
                      file=sys.stderr)
                return 2
            else:
                print("copysafety verify: CUDA is not available here; running on cpu only",
                      file=sys.stderr)
            if args.device == "all":
                devices.insert(0, "cpu")
            devices = list(dict.fromkeys(devices))
        report = run(cases, devices, args.timeout, worker, not args.no_coverage,
                     args.observer)
    finally:
        worker.close()
    if args.format == "json":
        print(json.dumps([row.as_json() for row in report.rows], indent=2))
        if report.uncovered and report.check_coverage:
            print("semantics keys no case exercises: " + ", ".join(report.uncovered),
                  file=sys.stderr)
    else:
        print(format_text(report))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
