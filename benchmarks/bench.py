"""What the plugin costs on top of plain flake8, measured side by side in one run.

    python benchmarks/bench.py [--reps N] [--quick] [--cases abcdefghijklm] [--profile]

Every case runs both sides as fresh processes, alternating (which side goes first flips every
repetition, after one untimed warm-up run of each), and reports medians of wall-clock and CPU
seconds (user + system, child processes included) and the side-by-side ratio: the median of
the per-repetition ratios (the two runs of a repetition are back to back, so a machine whose
speed drifts with other load shifts both alike), on CPU seconds for (a) and (b), on wall
clock for (c), where parallel jobs are the point. On a shared machine that ratio carries
several percent of noise, so (a) and (b) also report the attributed ratio: in the plugin's
own runs, the seconds spent inside the plugin (its import, option hooks and every `run()`,
analysis included) are timed, and total / (total - inside) is the plugin's cost in the same
process; it cannot see indirect costs (memory, garbage collection), which the side-by-side
ratio can. (a) and (b) pass when the attributed ratio meets the target and the side-by-side
ratio does not exceed it by more than this run's noise:

Torch's sources are copied into a temporary folder as a project of its own (a
`pyproject.toml` beside them), as a user's project is laid out: linted where they are
installed, the project model would skip them and the figures would miss its cost.

  (a) flake8 -j1 on torch's nn/, optim/ and utils/ copied as a project:
      plain flake8 vs flake8 with this plugin; target: at most 1.05x.
  (b) the editor case: `flake8 FILE` on one small torch file that has no candidates (the
      whole process; imports dominate); target: at most 1.05x, and libcst is not imported.
  (c) `copysafety check` on the whole torch package (the copy) vs plain flake8 on it
      (default jobs for both); target: copysafety is faster.
  (d) the editor save of a file that holds a dataset (`flake8 FILE` on a corpus case that
      reports CPS102), the file unchanged since the last lint, so the result cache
      (`.copysafety_cache` in the working directory) answers; target: at most 1.5x.
  (e) the same for a file that keeps a state_dict (a corpus case that reports CPS202);
      target: at most 1.5x.
  (f) the save after an edit of the (d) file: a copy of it, changed before every run (a
      statement added above the dataset class, so every line below moves), so the result
      cache misses; the last analysis of the dataset class is reused, its findings moved
      (`engine/reuse.py`); target: at most 1.5x, and libcst is not imported.
  (g) the save after an edit of a dataset file that the `ast` plan decides alone (a near
      miss: its transform comes from the constructor, and the project binds no callable
      class of its own there); target: at most 1.5x, and libcst is not imported.
  (h) the same for a state_dict file (early stopping done right: `copy.deepcopy` of the
      state_dict); target: at most 1.5x, and libcst is not imported.
  (i) the save after an edit of the (e) file above its function (as (f)); target: at most
      1.5x, and libcst is not imported.
  (j) the save after an edit inside the analysed statement of the (d) file (a statement
      `EDITS = n` added in the dataset class): libcst imported, the class parsed and analysed again;
      reported, no target.
  (k) the same for the (e) file's function; reported, no target.
  (l) (j) with the editor worker on (`COPYSAFETY_WORKER=1`, `worker/`): the analysis runs in
      the worker's forked child, which has libcst imported already; target: at most 1.5x,
      judged on wall clock (the worker is not flake8's child, so flake8's CPU seconds would
      leave its work out), and libcst is not imported in flake8's process. The worker is
      started by the warm-up run and stopped when the case ends.
  (m) the same for the (k) file; target: at most 1.5x on wall clock.
(a), (b) and (c) run with the cache turned off: they measure the analysis. (d) to (m) run at
least 15 pairs and are judged on the side-by-side ratio alone (CPU time; wall clock for (l)
and (m)); in (f) to (m) both
sides lint the same freshly edited copy (in a folder of its own: the project model sees only
that file).

"Plain flake8" is the same installation with only this plugin left out of flake8's plugin
discovery (see flake8_driver.py); the script checks that the CPS codes and the plugin's name
appear on one side and not on the other before it times anything. Both sides run with
`--isolated` in an empty directory, so no configuration file changes the work. No network.

--profile also prints where the plugin's time goes (the gate, the `ast` plan, the libcst
parse and the rules) for the case (a) directories and the whole torch tree.

Exit status: 0 when every case that ran passes, 1 when one fails, 2 when the measurement
itself could not be trusted (the plugin filter did not work, a run crashed).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from _common import (BENCH_SUBDIRS, ROOT, checkout_environment, copy_project, machine_lines,
                     package_line, python_files, torch_dir)

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "flake8_driver.py"
PLUGIN_NAME = "flake8-copysafety"
RUN_TIMEOUT = 1800
EDITOR_PAIRS = 15  # at least this many pairs for the editor cases (d) to (m)

# A file with one CPS101 finding: the plugin filter is proven on it.
PROBE = '''\
import torch
from torch.utils.data import Dataset


class Probe(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        sample = self.data[index]
        sample.mul_(2)
        return sample
'''
ATTRIBUTED = re.compile(r"^copysafety-bench: seconds inside the plugin: ([0-9.]+)$", re.M)
TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.MULTILINE)
CLI_CODE = "import sys; from flake8_copysafety.cli.main import main; sys.exit(main())"
WORKER_CODE = (  # ping: print "up" when the worker answers; stop: ask it to exit
    "import sys; from flake8_copysafety.worker import client; path = client.address(); "
    "ask = client.stop if sys.argv[1] == 'stop' else client.ping; "
    "print('up' if path is not None and ask(path) else 'down')")


class MeasurementError(Exception):
    """The numbers would not mean what the table says."""


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: Optional[float]  # user + system of the process and its children; None: unknown
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Side:
    label: str
    argv: List[str]
    env: Dict[str, str]
    before: Optional[Callable[[], None]] = None  # untimed, before every run (an edit)
    warmed: Optional[Callable[[], None]] = None  # untimed, after the warm-up run
    done: Optional[Callable[[], None]] = None  # untimed, when the case ends
    times: List[float] = field(default_factory=list)
    cpu: List[float] = field(default_factory=list)
    inside: List[float] = field(default_factory=list)  # seconds inside the plugin, per run
    last: Optional[Run] = None


@dataclass
class Result:
    case: str
    left: Side  # the baseline
    right: Side  # what is measured against it
    target: str
    judged_on: str = "cpu"  # "cpu" (user + system seconds) or "wall"
    passed: Optional[bool] = None
    note: str = ""

    def series(self, side: Side) -> List[float]:
        return side.cpu if self.judged_on == "cpu" and side.cpu else side.times

    @property
    def ratio(self) -> float:
        """The median of the per-repetition ratios: each repetition runs both sides back to
        back, so a machine that speeds up or slows down (other load, frequency scaling)
        shifts both sides of a pair alike."""
        left, right = self.series(self.left), self.series(self.right)
        return statistics.median(b / max(a, 1e-9) for a, b in zip(left, right))

    @property
    def attributed(self) -> Optional[float]:
        """Total over total minus the seconds spent inside the plugin, in the plugin's own
        runs: immune to the machine's drift, blind to indirect costs (memory, GC)."""
        totals = self.series(self.right)
        if not self.right.inside or len(self.right.inside) != len(totals):
            return None
        return statistics.median(t / max(t - i, 1e-9) for t, i in zip(totals, self.right.inside))

    @property
    def spread(self) -> float:
        """Half the interquartile range of the per-repetition ratios: this run's noise."""
        left, right = self.series(self.left), self.series(self.right)
        ratios = sorted(b / max(a, 1e-9) for a, b in zip(left, right))
        if len(ratios) < 4:
            return (ratios[-1] - ratios[0]) / 2
        q = statistics.quantiles(ratios, n=4)
        return (q[2] - q[0]) / 2

    @property
    def ratio_of_medians(self) -> float:
        return (statistics.median(self.series(self.right))
                / statistics.median(self.series(self.left)))


def _children_cpu() -> Optional[float]:
    """CPU seconds of all waited-for child processes so far (their own children included)."""
    try:
        import resource
    except ImportError:  # not POSIX: wall clock only
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(argv: Sequence[str], env: Dict[str, str], cwd: str) -> Run:
    cpu_before = _children_cpu()
    start = time.perf_counter()
    try:
        done = subprocess.run(list(argv), cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise MeasurementError(f"timed out after {RUN_TIMEOUT}s: {' '.join(argv)}") from None
    seconds = time.perf_counter() - start
    cpu_after = _children_cpu()
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    run = Run(seconds, cpu, done.returncode, done.stdout.decode("utf-8", "replace"),
              done.stderr.decode("utf-8", "replace"))
    crashed = TRACEBACK.search(run.stdout) or TRACEBACK.search(run.stderr)
    if crashed or run.returncode not in (0, 1):
        tail = (run.stderr or run.stdout)[-2000:]
        raise MeasurementError(f"run failed (exit {run.returncode}): {' '.join(argv)}\n{tail}")
    return run


def _environment(plugin: bool, report_imports: bool = False,
                 attribute: bool = False, cache: bool = False) -> Dict[str, str]:
    env = checkout_environment(os.environ)
    for name in ("COPYSAFETY_BENCH_PLUGIN", "COPYSAFETY_BENCH_REPORT_IMPORTS",
                 "COPYSAFETY_BENCH_ATTRIBUTE", "COPYSAFETY_NO_CACHE", "COPYSAFETY_CACHE_DIR",
                 "COPYSAFETY_WORKER", "COPYSAFETY_WORKER_IDLE"):
        env.pop(name, None)
    if not cache:
        env["COPYSAFETY_NO_CACHE"] = "1"
    if not plugin:
        env["COPYSAFETY_BENCH_PLUGIN"] = "off"
    if report_imports:
        env["COPYSAFETY_BENCH_REPORT_IMPORTS"] = "1"
    if attribute:
        env["COPYSAFETY_BENCH_ATTRIBUTE"] = "1"
    return env


def _flake8(args: Sequence[str]) -> List[str]:
    return [sys.executable, str(DRIVER), "--isolated", *args]


def _probe(workdir: str) -> Path:
    """The probe file, placed as torch is: under a site-packages directory, outside the
    working directory of the runs."""
    probe = Path(workdir).parent / "lib" / "site-packages" / "probe_pkg" / "probe_dataset.py"
    if not probe.exists():
        probe.parent.mkdir(parents=True)
        probe.write_text(PROBE, encoding="utf-8")
    return probe


def check_plugin_filter(workdir: str) -> str:
    """Prove that the 'plain' side runs without the plugin and the other side with it."""
    probe = _probe(workdir)
    on_version = _run(_flake8(["--version"]), _environment(True), workdir).stdout
    off_version = _run(_flake8(["--version"]), _environment(False), workdir).stdout
    if PLUGIN_NAME not in on_version:
        raise MeasurementError(f"{PLUGIN_NAME} is not installed for flake8 "
                               "(pip install -e .): nothing to compare")
    where = _run([sys.executable, "-c", "import flake8_copysafety as p; print(p.__file__)"],
                 _environment(True), workdir).stdout.strip()
    if not Path(where).resolve().is_relative_to(ROOT):
        raise MeasurementError(f"the runs would import {where}, not this checkout's package")
    if PLUGIN_NAME in off_version:
        raise MeasurementError("the plugin filter did not leave the plugin out:\n" + off_version)
    on = _run(_flake8([str(probe)]), _environment(True), workdir).stdout
    off = _run(_flake8([str(probe)]), _environment(False), workdir).stdout
    if "CPS" in off:
        raise MeasurementError("plain flake8 reported CPS codes:\n" + off)
    if "CPS101" not in on:
        return ("plugin filter: the plugin is listed by `flake8 --version` only with it on; "
                "WARNING: it reported no CPS101 on the probe file (is the analysis a stub?)")
    return ("plugin filter verified: `flake8 --version` lists the plugin and CPS101 is "
            "reported on the probe file only with the plugin on")


def measure(result: Result, reps: int, workdir: str) -> None:
    sides = [result.left, result.right]
    try:
        _measure(sides, reps, workdir)
    finally:
        for side in sides:
            if side.done is not None:
                side.done()


def _measure(sides: List[Side], reps: int, workdir: str) -> None:
    for side in sides:  # warm-up: file cache, .pyc files
        if side.before is not None:
            side.before()
        side.last = _run(side.argv, side.env, workdir)
        if side.warmed is not None:
            side.warmed()
    for rep in range(reps):
        for side in (sides if rep % 2 == 0 else sides[::-1]):
            if side.before is not None:
                side.before()
            side.last = _run(side.argv, side.env, workdir)
            side.times.append(side.last.seconds)
            if side.last.cpu is not None:
                side.cpu.append(side.last.cpu)
            inside = ATTRIBUTED.search(side.last.stderr)
            if inside:
                side.inside.append(float(inside.group(1)))


def _small_file_without_candidates(torch: Path) -> Path:
    """A small real file of torch's nn/modules that the gate rejects (the editor case)."""
    from flake8_copysafety.engine.pipeline import is_candidate

    preferred = torch / "nn" / "modules" / "flatten.py"
    choices = [preferred] + python_files([torch / "nn" / "modules"])
    for path in choices:
        if path.is_file() and 1_000 <= path.stat().st_size <= 8_000 \
                and not is_candidate(path.read_bytes()):
            return path
    raise MeasurementError("no small file without candidates found in torch/nn/modules")


def _cli_problem(workdir: str) -> Optional[str]:
    """Why `copysafety check` cannot run here, or None when it can."""
    import importlib.util

    try:
        found = importlib.util.find_spec("flake8_copysafety.cli") is not None
    except ImportError:
        found = False
    if not found:
        return "flake8_copysafety.cli does not exist yet"
    probe = _probe(workdir)
    try:
        run = _run([sys.executable, "-c", CLI_CODE, "check", str(probe.parent)],
                   _environment(True), workdir)
    except MeasurementError as exc:
        return f"`copysafety check` does not work yet: {str(exc)[-400:]}"
    if "CPS101" not in run.stdout:
        return ("`copysafety check` did not report the probe file's CPS101 when it lies where "
                "torch does (under site-packages, outside the working directory): it would "
                "not check the same files as flake8")
    return None


def case_a(torch: Path) -> Result:
    """`torch`: the copy of nn/, optim/ and utils/ (BENCH_SUBDIRS) as a project."""
    dirs = [str(torch / d) for d in BENCH_SUBDIRS]
    files = len(python_files(map(Path, dirs)))
    return Result(
        f"(a) flake8 -j1 torch/{{{','.join(d.replace(os.sep, '/') for d in BENCH_SUBDIRS)}}}"
        f" copied as a project ({files} files)",
        Side("flake8", _flake8(["-j1", *dirs]), _environment(False)),
        Side("flake8+CPS", _flake8(["-j1", *dirs]), _environment(True, attribute=True)),
        "<= 1.05x")


def case_b(torch: Path) -> Result:
    small = _small_file_without_candidates(torch)
    name = small.relative_to(torch).as_posix()
    return Result(
        f"(b) flake8 torch/{name} ({small.stat().st_size} bytes, no candidates)",
        Side("flake8", _flake8([str(small)]), _environment(False, report_imports=True)),
        Side("flake8+CPS", _flake8([str(small)]),
             _environment(True, report_imports=True, attribute=True)),
        "<= 1.05x")


def case_c(torch: Path) -> Result:
    files = len(python_files([torch]))
    return Result(
        f"(c) whole torch package ({files} files), default jobs",
        Side("flake8", _flake8([str(torch)]), _environment(False)),
        Side("copysafety", [sys.executable, "-c", CLI_CODE, "check", str(torch)],
             _environment(True)),
        "copysafety faster (< 1.0x)", judged_on="wall")


EDITOR_FILES = {"d": ("cps102/pos_seed_copy_copy_tensor.py", "CPS102", "a dataset"),
                "e": ("cps202/pos_early_stopping.py", "CPS202", "a state_dict"),
                "f": ("cps102/pos_seed_copy_copy_tensor.py", "CPS102", "a dataset"),
                "g": ("cps101/helpers/neg_transform_passed_in.py", None, "a dataset"),
                "h": ("cps202/neg_deepcopy_snapshot.py", None, "a state_dict"),
                "i": ("cps202/pos_early_stopping.py", "CPS202", "a state_dict"),
                "j": ("cps102/pos_seed_copy_copy_tensor.py", "CPS102", "a dataset"),
                "k": ("cps202/pos_early_stopping.py", "CPS202", "a state_dict"),
                "l": ("cps102/pos_seed_copy_copy_tensor.py", "CPS102", "a dataset"),
                "m": ("cps202/pos_early_stopping.py", "CPS202", "a state_dict")}
EDITED_CASES = "fghijklm"
# libcst not imported in flake8's process: decided by the `ast` plan, the last analysis
# reused, or the analysis run by the worker
NO_LIBCST = "fghilm"
EDITED_INSIDE = "jklm"  # the analysed statement itself changes: analysed again
REPORT_ONLY = "jk"
WORKER_CASES = "lm"
WORKER_START_SECONDS = 60
_TOP_DEFINITION = re.compile(r"^(class|def) ", re.M)


class Editor:
    """A copy of a corpus file in a folder of its own, changed before every run: the save
    after an edit, which the whole-file result cache cannot answer. The edit is a statement
    `EDITS = n` added above the file's first class or function (every line below it moves),
    or, `inside`, the same statement added inside that class or function."""

    def __init__(self, source: Path, folder: Path, inside: bool) -> None:
        folder.mkdir(parents=True)
        self.path = folder / source.name
        self.text = source.read_text(encoding="utf-8")
        self.at = _TOP_DEFINITION.search(self.text).start()
        self.inside = inside
        self.edits = 0

    def edit(self) -> None:
        self.edits += 1
        head, tail = self.text[:self.at], self.text[self.at:]
        if self.inside:
            first, _, rest = tail.partition("\n")
            edited = f"{head}{first}\n    EDITS = {self.edits}\n{rest}"
        else:
            edited = f"{head}EDITS = {self.edits}\n\n\n{tail}"
        self.path.write_text(edited, encoding="utf-8")


def case_editor(letter: str, workdir: str) -> Result:
    """The editor save: one file, plain flake8 vs flake8 with the plugin."""
    rel, code, holds = EDITOR_FILES[letter]
    path = ROOT / "corpus" / rel
    before = None
    if letter in EDITED_CASES:
        editor = Editor(path, Path(workdir).parent / "edited" / letter,
                        inside=letter in EDITED_INSIDE)
        path, before = editor.path, editor.edit
        if letter in "gh":
            how = "after an edit, decided by the ast plan"
        elif letter in WORKER_CASES:
            how = "after an edit of the analysed statement, analysed by the worker"
        elif letter in EDITED_INSIDE:
            how = "after an edit of the analysed statement, analysed"
        else:
            how = "after an edit elsewhere, the last analysis reused"
    else:
        how = "unchanged, cache warm"
    reported = f"reports {code}" if code else "no finding"
    measured = Side("flake8+CPS", _flake8([str(path)]),
                    _environment(True, report_imports=True, cache=True), before)
    if letter in WORKER_CASES:
        _with_worker(measured, Path(workdir).parent / "run" / letter)
    return Result(
        f"({letter}) flake8 corpus/{rel} (holds {holds}, {reported}; {how})",
        Side("flake8", _flake8([str(path)]), _environment(False), before), measured,
        "report only" if letter in REPORT_ONLY else "<= 1.5x",
        judged_on="wall" if letter in WORKER_CASES else "cpu")


def _with_worker(side: Side, runtime: Path) -> None:
    """The worker on for `side`, with its socket in a private folder of this run: ready
    (listening) after the warm-up run, stopped when the case ends."""
    runtime.mkdir(parents=True, mode=0o700)
    side.env["COPYSAFETY_WORKER"] = "1"
    side.env["XDG_RUNTIME_DIR"] = str(runtime)
    for name in ("CI", "PRE_COMMIT"):  # the plugin leaves the worker off under them
        side.env.pop(name, None)
    ask = [sys.executable, "-c", WORKER_CODE]

    def ready() -> None:
        deadline = time.monotonic() + WORKER_START_SECONDS
        while _run(ask + ["ping"], side.env, str(runtime)).stdout.strip() != "up":
            if time.monotonic() > deadline:
                raise MeasurementError("the worker did not start")
            time.sleep(0.2)

    side.warmed = ready
    side.done = lambda: _run(ask + ["stop"], side.env, str(runtime))


def judge(result: Result) -> None:
    """(c): copysafety faster, side by side. (a), (b): the plugin's own time (attributed)
    within the target, and the side-by-side ratio not above the target by more than this
    run's noise (a quiet machine makes that a tight check, a busy one a loose one)."""
    notes = []
    letter = result.case[1]
    if letter in EDITOR_FILES:
        code = EDITOR_FILES[letter][1]
        out = result.right.last.stdout or ""
        right = code in out if code else "CPS" not in out
        imported = "copysafety-bench: libcst imported: True" in (result.right.last.stderr or "")
        result.passed = right and (letter in REPORT_ONLY or result.ratio <= 1.5) and \
            not (imported and letter in NO_LIBCST)
        result.note = (f"{code or 'no finding'} reported: {right}; libcst imported in the "
                       f"last run: {imported}")
        return
    if result.case.startswith("(c)"):
        result.passed = result.ratio < 1.0
    else:
        attributed = result.attributed
        side_by_side_ok = result.ratio <= 1.05 + result.spread
        result.passed = side_by_side_ok and (attributed is None or attributed <= 1.05)
        if not side_by_side_ok:
            notes.append("side by side above target beyond noise")
    if result.case.startswith("(b)"):
        if "copysafety-bench: libcst imported: True" in (result.right.last.stderr or ""):
            result.passed = False
            notes.append("libcst was imported for a file without candidates")
        else:
            notes.append("libcst not imported")
    elif result.case.startswith("(a)"):
        out = result.right.last.stdout
        cps = sum(1 for line in out.splitlines() if ": CPS" in line)
        plain = len(result.left.last.stdout.splitlines())
        notes.append(f"{plain} flake8 results, +{cps} CPS")
    result.note = "; ".join(notes)


def _median(times: List[float]) -> str:
    return f"{statistics.median(times):.2f}s" if times else "-"


def _runs(times: List[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


def print_table(results: List[Result], skipped: List[str], errors: List[str]) -> None:
    """Per case: both sides' medians (wall clock; CPU = user + system, children included),
    the side-by-side ratio (median of the per-repetition ratios, +- half their interquartile
    range), the attributed ratio, the verdict; then every run."""
    for r in results:
        measure = "cpu" if r.series(r.left) is r.left.cpu else "wall"
        inside = (f"   inside the plugin {_median(r.right.inside)}" if r.right.inside else "")
        print(r.case)
        print(f"    {r.left.label:<11} wall {_median(r.left.times):>8}  cpu "
              f"{_median(r.left.cpu):>8}")
        print(f"    {r.right.label:<11} wall {_median(r.right.times):>8}  cpu "
              f"{_median(r.right.cpu):>8}{inside}")
        print(f"    side by side ({measure}, {len(r.left.times)} pairs): {r.ratio:.3f}x "
              f"+- {r.spread:.3f} (ratio of medians {r.ratio_of_medians:.3f}x)")
        if r.attributed is not None:
            print(f"    attributed (total / (total - inside the plugin)): {r.attributed:.3f}x")
        print(f"    target {r.target}: {'PASS' if r.passed else 'FAIL'}"
              + (f"  ({r.note})" if r.note else ""))
        print(f"    runs {r.left.label}: wall {_runs(r.left.times)}"
              + (f" | cpu {_runs(r.left.cpu)}" if r.left.cpu else ""))
        print(f"    runs {r.right.label}: wall {_runs(r.right.times)}"
              + (f" | cpu {_runs(r.right.cpu)}" if r.right.cpu else "")
              + (f" | inside {_runs(r.right.inside)}" if r.right.inside else ""))
        print()
    width = max([len(r.case) for r in results] + [len(s) for s in skipped + errors] + [4])
    header = (f"{'case':<{width}}  {'baseline':>8}  {'measured':>8}  {'side by side':>15}  "
              f"{'attributed':>10}  {'target':<26} verdict")
    print(header)
    print("-" * len(header))
    for r in results:
        series_left, series_right = r.series(r.left), r.series(r.right)
        attributed = f"{r.attributed:.3f}x" if r.attributed is not None else "-"
        print(f"{r.case:<{width}}  {_median(series_left):>8}  {_median(series_right):>8}  "
              f"{r.ratio:6.3f}x +-{r.spread:.3f}  {attributed:>10}  {r.target:<26} "
              f"{'PASS' if r.passed else 'FAIL'}")
    for line in skipped:
        print(f"{line:<{width}}  SKIPPED")
    for line in errors:
        print(f"{line:<{width}}  ERROR")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=None,
                        help="timed repetitions per side (default 5; case b runs 4x as many)")
    parser.add_argument("--quick", action="store_true",
                        help="2 repetitions unless --reps is given")
    parser.add_argument("--cases", default="abcdefghijklm", help="which cases to run, e.g. 'ab'")
    parser.add_argument("--profile", action="store_true",
                        help="also print where the plugin's time goes (where_time_goes.py)")
    args = parser.parse_args(argv)
    reps = args.reps if args.reps is not None else (2 if args.quick else 5)
    if reps < 1:
        parser.error("--reps must be at least 1")

    installed = torch_dir()
    for line in machine_lines():
        print(line)
    print(package_line() + " (the checkout; subprocesses get it through PYTHONPATH)")
    print(f"torch sources copied as a project from: {installed}")
    print(f"repetitions: {reps} per side (case b: {4 * reps}; d to m: "
          f"{max(EDITOR_PAIRS, 4 * reps)}), alternating, medians\n")

    results: List[Result] = []
    skipped: List[str] = []
    errors: List[str] = []
    plan = []
    with tempfile.TemporaryDirectory(prefix="copysafety-bench-") as tmp:
        workdir = os.path.join(tmp, "cwd")  # an empty directory: no configuration files
        os.mkdir(workdir)
        torch = Path(tmp) / "project" / "torch"
        copy_project(installed, torch.parent)
        subset = Path(tmp) / "subset" / "torch"
        copy_project(installed, subset.parent, subdirs=BENCH_SUBDIRS)
        try:
            print(check_plugin_filter(workdir))
            if "a" in args.cases:
                plan.append((case_a(subset), reps))
            if "b" in args.cases:
                plan.append((case_b(torch), 4 * reps))
            if "c" in args.cases:
                problem = _cli_problem(workdir)
                if problem is None:
                    plan.append((case_c(torch), reps))
                else:
                    skipped.append(f"(c) copysafety check vs flake8: {problem}")
                    print(f"case (c) skipped: {problem}")
            for letter in EDITOR_FILES:
                if letter in args.cases:
                    plan.append((case_editor(letter, workdir), max(EDITOR_PAIRS, 4 * reps)))
        except MeasurementError as exc:
            print(f"\nMEASUREMENT ERROR: {exc}")
            return 2
        for result, count in plan:
            print(f"timing {result.case} ...", flush=True)
            try:
                measure(result, count, workdir)
            except MeasurementError as exc:
                print(f"MEASUREMENT ERROR: {exc}")
                errors.append(f"{result.case}: measurement error (see above)")
                continue
            judge(result)
            results.append(result)
    print()
    print_table(results, skipped, errors)
    if args.profile:
        import where_time_goes

        print()
        where_time_goes.main([])
    if errors:
        return 2
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
