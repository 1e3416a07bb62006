"""Hostile input: odd line endings and encodings, files CPython refuses, file names that are
not UTF-8, interrupted fixes, a frozen editor worker, and the guard's failures. Each test uses
the input that once broke the front end it names."""

import ast
import glob
import json
import os
import tokenize
from pathlib import Path

import pytest

from cli_support import CANONICAL, CANONICAL_FIXED, run_main
from flake8_copysafety.cli.runner import Settings, check_source
from flake8_copysafety.cli.selection import Selection
from flake8_copysafety.engine.pipeline import LintOptions
from flake8_copysafety.plugin import CopySafetyChecker
from flake8_copysafety.verify.corpus import case_paths
from test_worker import flake8 as worker_flake8
from test_worker import fresh, runtime, wait_for_worker  # noqa: F401 - `runtime`: a fixture

ROOT = Path(__file__).resolve().parent.parent
POSITIVES = sorted(path for code in sorted(glob.glob(str(ROOT / "corpus" / "cps*")))
                   for path in case_paths(code)
                   if os.path.basename(path).startswith("pos_") and path.endswith(".py"))
ENDINGS = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}


def _check(path: str, raw: bytes):
    """What `copysafety check` reports for these bytes (every code selected, no cache)."""
    report = check_source(path, raw, Settings(LintOptions(), Selection(select=["CPS"])))
    return sorted((f.line, f.col, f.code) for f in report.findings)


def _flake8(path: str):
    """What the plugin reports for the file as flake8 reads it (`tokenize.open`: the
    cookie, and universal newlines; Latin-1 when that fails), every code selected."""
    try:
        with tokenize.open(path) as handle:
            lines = handle.readlines()
    except (SyntaxError, UnicodeError):
        with open(path, encoding="latin-1") as handle:
            lines = handle.readlines()
    checker = CopySafetyChecker(ast.parse("".join(lines)), lines, path)
    return sorted((line, col, text.split()[0]) for line, col, text, _ in checker.run())


@pytest.fixture
def no_cache(monkeypatch):
    monkeypatch.setattr(CopySafetyChecker, "use_cache", False)
    monkeypatch.setattr(CopySafetyChecker, "worker", False)
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")


# --- one reader: line endings and encodings (issue: CR-only files lost CPS201/CPS202) -----

def test_every_positive_gives_the_same_findings_in_lf_crlf_and_cr(tmp_path, no_cache):
    """flake8 reads each of the three alike (universal newlines); `check` reads bytes, and
    must read them as Python does. (LF against flake8 is every other test's case.)"""
    assert len(POSITIVES) > 100
    differ = []
    for source in POSITIVES:
        lf = Path(source).read_bytes().replace(b"\r\n", b"\n")
        stem = f"{Path(source).parent.name}_{Path(source).stem}"
        paths = {name: tmp_path / f"{stem}_{name}.py" for name in ("crlf", "cr")}
        for name, path in paths.items():
            path.write_bytes(lf.replace(b"\n", ENDINGS[name]))
        expected = _flake8(str(paths["cr"]))
        assert expected, source  # a positive: flake8 finds it
        got = {name: _check(str(path), path.read_bytes()) for name, path in paths.items()}
        if any(found != expected for found in got.values()):
            differ.append((source, expected, got))
    assert differ == []


def test_a_cookie_and_cr_endings_read_as_python_reads_them(tmp_path, no_cache):
    text = CANONICAL.replace("import torch\n", "# -*- coding: latin-1 -*-\nimport torch\n# é\n")
    raw = text.encode("latin-1").replace(b"\n", b"\r")
    path = tmp_path / "latin.py"
    path.write_bytes(raw)
    assert _check(str(path), raw) == _flake8(str(path)) == [(13, 8, "CPS101")]


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_fix_of_a_cr_or_crlf_file_keeps_its_endings(ending, no_cache):
    raw = CANONICAL.replace("\n", ending).encode()
    report = check_source("ds.py", raw, Settings(LintOptions(), Selection(), mode="fix"))
    assert report.fixed == CANONICAL_FIXED.replace("\n", ending)
    assert report.fixed_count == 1 and report.findings == []


# --- files CPython cannot compile get CPS901, never silence -------------------------------

def _deep_sum(depth: int) -> str:
    """CANONICAL's bug, and in the same function an expression too deep for CPython's
    compiler (its `ast` parses; `python FILE` says RecursionError)."""
    return CANONICAL.replace("        return x\n",
                             "        y = " + "1+" * depth + "1\n        return x\n")


@pytest.mark.parametrize("name, raw, why", [
    # UTF-16 cookie, even byte count: decodes to other characters; Python refuses it
    ("utf16.py", b"# coding: utf-16\nimport torch\nclass D:\n    def __getitem__(s, i): pass\n#",
     "cannot decode it in its declared encoding"),
    ("deep_sum.py", _deep_sum(3000).encode(), "RecursionError: maximum recursion depth"),
    ("blocks.py", CANONICAL.replace("        return x\n", "".join(
        "        " + "    " * k + f"for a{k} in b:\n" for k in range(21))
        + "        " + "    " * 21 + "pass\n        return x\n").encode(),
     "SyntaxError: too many statically nested blocks"),
    ("parens.py", CANONICAL.replace("x += 1\n", "x += " + "(" * 250 + "1" + ")" * 250 + "\n")
     .encode(), "SyntaxError: too many nested parentheses"),
    # no dataset or state_dict text at all: the gate alone would skip it
    ("syntax.py", b"def f(:\n    pass\n", "SyntaxError: invalid syntax"),
])
def test_a_file_python_cannot_compile_is_cps901_in_check(
        tmp_path, capsys, no_cache, name, raw, why):
    if len(raw) % 2 and name == "utf16.py":
        raw += b"#"  # an even count: UTF-16 decodes it, to other characters
    (tmp_path / name).write_bytes(raw)
    code, out, _ = run_main(capsys, "check", "--no-cache", str(tmp_path / name))
    assert code == 1, out
    assert f"CPS901 {tmp_path / name} was not checked: " in out
    assert why in out
    assert "All checks passed" not in out


def test_a_file_within_cpythons_limits_keeps_its_finding(tmp_path, capsys, no_cache):
    (tmp_path / "ds.py").write_text(_deep_sum(300))
    code, out, _ = run_main(capsys, "check", "--no-cache", str(tmp_path / "ds.py"))
    assert code == 1 and "ds.py:11:9: CPS101 " in out


# --- machine formats survive a file name that is not UTF-8 --------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab"])
def test_machine_formats_escape_a_non_utf8_file_name(tmp_path, fmt):
    import subprocess
    import sys

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"ds\xff.py"), "w") as handle:
        handle.write(CANONICAL)
    done = subprocess.run(
        [sys.executable, "-m", "flake8_copysafety", "check", "--no-cache", "--format", fmt,
         "."], cwd=folder, capture_output=True, timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode("utf-8")  # valid UTF-8 throughout
    if fmt == "json":
        (item,) = json.loads(text)
        assert (item["path"], item["line"], item["col"], item["code"]) == \
            ("ds\\xff.py", 11, 9, "CPS101")
    elif fmt == "gitlab":
        (item,) = json.loads(text)
        assert item["location"] == {"path": "ds\\xff.py", "lines": {"begin": 11}}
    elif fmt == "sarif":
        (result,) = json.loads(text)["runs"][0]["results"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "ds%FF.py"
        assert location["region"]["startLine"] == 11
    else:
        assert text.startswith("::warning file=ds\\xff.py,line=11,col=9,"), text


# --- the guard: a failing test keeps its own failure; os._exit leaves no folder ------------

GUARDED_BUG = '''\
import torch
from torch.utils.data import Dataset


class D(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 2)

    def __len__(self):
        return 4

    def __getitem__(self, i):
        x = self.data[i]
        x += 1
        return x
'''


def _guard_env(tmp_path):
    pytest.importorskip("torch")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return scratch, dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(scratch))


def test_pytest_copysafety_keeps_the_tests_own_failure(tmp_path):
    import subprocess
    import sys

    from importlib.metadata import entry_points

    _, env = _guard_env(tmp_path)
    (tmp_path / "test_demo.py").write_text(GUARDED_BUG + '''

def test_fails_on_its_own():
    D()[0]
    assert 1 + 1 == 3, "its own message"
''')
    plugin = [] if any(ep.name == "copysafety" for ep in entry_points(group="pytest11")) \
        else ["-p", "flake8_copysafety.guard.pytest_plugin"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin,
         "--copysafety", "test_demo.py"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=240)
    out = done.stdout
    assert "1 failed" in out, out + done.stderr
    assert "E       AssertionError: its own message" in out, out
    assert "test_demo.py:20: AssertionError" in out, out
    assert "copysafety guards" in out and "test_demo.py:14:9: CPS101" in out, out


def test_copysafety_run_cleans_up_after_os_exit(tmp_path):
    import subprocess
    import sys

    scratch, env = _guard_env(tmp_path)
    (tmp_path / "prog.py").write_text(GUARDED_BUG + '''
import os
D()[0]
print("bye", flush=True)
os._exit(0)
''')
    done = subprocess.run([sys.executable, "-m", "flake8_copysafety", "run", "prog.py"],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=240)
    assert done.stdout == "bye\n"
    assert "prog.py:14:9: CPS101" in done.stderr, done.stderr
    assert done.returncode == 1
    assert list(scratch.iterdir()) == []


# --- a frozen editor worker cannot hang the editor ----------------------------------------

def test_a_stopped_worker_is_replaced_and_the_file_analysed_here(
        tmp_path, runtime):  # noqa: F811 - the fixture imported above
    import signal
    import socket
    import time

    from flake8_copysafety.worker import client

    if not client.supported() or not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("the worker needs fork, Unix sockets and SO_PEERCRED")
    (tmp_path / "ds.py").write_text(CANONICAL)
    worker_flake8(tmp_path, "ds.py")  # starts the worker
    frozen = wait_for_worker()
    os.kill(frozen, signal.SIGSTOP)
    try:
        (tmp_path / "ds.py").write_text(CANONICAL.replace("x += 1", "x += 2"))  # no cached answer
        started = time.monotonic()
        done = worker_flake8(tmp_path, "ds.py", extra_env={"COPYSAFETY_WORKER_TIMEOUT": "1"})
        assert done.stdout == fresh(tmp_path, "ds.py") != ""
        assert "libcst imported: True" in done.stderr  # analysed in flake8's own process
        assert time.monotonic() - started < 60  # not the 600 s a reply was once allowed
        for _ in range(100):  # killed (a zombie until its parent reaps it, then gone)
            try:
                with open(f"/proc/{frozen}/stat") as handle:
                    if handle.read().split(")")[-1].split()[0] == "Z":
                        break
            except FileNotFoundError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the stopped worker still runs")
        assert wait_for_worker() != frozen  # and a fresh one took its place
    finally:  # a failed assertion must not leave the stopped worker behind
        try:
            with open(f"/proc/{frozen}/stat") as handle:
                if handle.read().split(")")[-1].split()[0] == "T":
                    os.kill(frozen, signal.SIGKILL)
        except (FileNotFoundError, ProcessLookupError):
            pass


# --- --fix never leaves a partial file ----------------------------------------------------

SLOW_FIX = """\
import os, sys, time
real_fsync = os.fsync


def slow_fsync(fd):  # a slow disk: the moment between writing and renaming grows
    open(os.environ["FIX_STARTED"], "a").close()
    time.sleep(float(os.environ["SLOW_FSYNC"]))
    real_fsync(fd)


os.fsync = slow_fsync
from flake8_copysafety.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def _gone(group: int, seconds: float = 30.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_fix_writes_with_the_files_mode(tmp_path, capsys, no_cache):
    path = tmp_path / "ds.py"
    path.write_text(CANONICAL)
    path.chmod(0o640)
    code, _, _ = run_main(capsys, "check", "--no-cache", "--fix", str(path))
    assert code == 0 and path.read_text() == CANONICAL_FIXED
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["ds.py"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_fix_leaves_each_file_whole(tmp_path, jobs):
    """Runs killed at random moments (SIGINT, SIGTERM, SIGKILL) while a slow disk makes
    each write last: every file holds its old text or the fixed one, never a part; after
    SIGINT and SIGTERM no temporary file is left; after any signal no process of the run
    lives on (pool workers die with their parent) to change a file later."""
    import random
    import signal
    import subprocess
    import sys
    import time

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    (tmp_path / "slow_fix.py").write_text(SLOW_FIX)
    names = [f"ds{k}.py" for k in range(12)]  # over PARALLEL_MIN_FILES: a pool with -j 2
    env = dict(os.environ, PYTHONPATH=str(ROOT), SLOW_FSYNC="0.3", COPYSAFETY_NO_CACHE="1")
    cut_short = 0
    for round_, sig in enumerate([signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * 2):
        folder = tmp_path / f"run{round_}"
        folder.mkdir()
        for name in names:
            (folder / name).write_text(CANONICAL)
        started = tmp_path / f"started{round_}"
        run = subprocess.Popen(
            [sys.executable, str(tmp_path / "slow_fix.py"), "check", "--fix", "-j", jobs,
             *names], cwd=folder, env=dict(env, FIX_STARTED=str(started)),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 120
        while not started.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # until the first file is being written
        time.sleep(rng.uniform(0.0, 3.0))
        run.send_signal(sig)
        try:
            run.wait(timeout=60)
        finally:
            stderr = run.stderr.read().decode()
            run.stderr.close()
        assert _gone(run.pid), (seed, sig, "a process of the run lives on")
        texts = {name: (folder / name).read_text() for name in names}
        cut_short += set(texts.values()) == {CANONICAL, CANONICAL_FIXED}  # stopped midway
        assert set(texts.values()) <= {CANONICAL, CANONICAL_FIXED}, (seed, sig, texts)
        assert "Traceback" not in stderr, (seed, sig, stderr)
        left = sorted(p.name for p in folder.iterdir() if p.name not in names)
        if sig != signal.SIGKILL:
            assert left == [], (seed, sig, left)
            # 130: interrupted while fixing; the signal's own status: it came after the
            # fixing, while the report was written
            assert run.returncode in (0, 1, 130, -sig), (seed, sig, run.returncode, stderr)
            assert (run.returncode == 130) == ("interrupted" in stderr), (seed, stderr)
    assert cut_short, seed  # the signals came while the runs were fixing


# --- linear cost: an attribute chain is resolved once per node -----------------------------

def _chain(links: int) -> str:
    return ("import torch\n\n\nclass Trainer:\n    def train(self, model):\n"
            "        best = model.state_dict()\n"
            f"        x = self.{'.'.join(['a'] * links)}\n"
            "        model.load_state_dict(best)\n        return x\n")


def test_an_attribute_chain_costs_work_in_proportion_to_its_length(monkeypatch):
    """`x = self.a.a.a…` once took about n³ steps (each node re-walked its prefix, on every
    pass to the fixed point): count the answers the receivers plan computes."""
    from flake8_copysafety.core import names
    from flake8_copysafety.engine.pipeline import lint_source
    from flake8_copysafety.plan import receivers

    work = []
    for method in ("tag", "class_of"):
        real = getattr(receivers.LiveReceivers, method)

        def counted(self, scope, expr, real=real):
            work.append(1)
            return real(self, scope, expr)

        monkeypatch.setattr(receivers.LiveReceivers, method, counted)
    real_dotted = names.dotted_ast
    steps = []

    def dotted(node):
        steps.append(1)
        return real_dotted(node)

    monkeypatch.setattr(receivers, "dotted_ast", dotted)
    counts = {}
    for links in (150, 300, 600):
        work.clear()
        steps.clear()
        assert lint_source(_chain(links), "train.py") == []
        counts[links] = (len(work), len(steps))
    assert counts[150][0] > 150  # the chain was looked at
    for small, large in ((150, 300), (300, 600)):
        assert counts[large][0] <= 2.2 * counts[small][0], counts
        assert counts[large][1] <= 2.2 * counts[small][1], counts


# --- linear cost: a long function is walked in time proportional to its length ---------------

def _adversarial():
    import importlib.util
    spec = importlib.util.spec_from_file_location("adversarial",
                                                  ROOT / "benchmarks" / "adversarial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("shape", ["long_item", "getitem", "stores"])
def test_a_long_function_costs_work_in_proportion_to_its_length(shape):
    """A `__getitem__` of thousands of statements once took time growing with its length
    squared: each branch copied and joined every name bound so far, each rebinding scanned
    them all for its fields, each attribute stored from a local joined every binding of it
    again. Count the calls the analysis makes (its own functions and the
    built-ins they call), not seconds: doubling the function must not more than double them."""
    import sys

    from flake8_copysafety.engine.pipeline import lint_source

    make = getattr(_adversarial(), shape)
    sizes = {"long_item": (50, 100, 200), "getitem": (500, 1000, 2000),
             "stores": (100, 200, 400)}[shape]
    counts = {}
    for size in sizes:
        text, _ = make(size)
        calls = [0]

        def count(frame, event, arg):
            if "flake8_copysafety" in frame.f_code.co_filename:
                calls[0] += 1

        sys.setprofile(count)
        try:
            findings = lint_source(text, "data.py")
        finally:
            sys.setprofile(None)
        counts[size] = calls[0]
        # `stores` changes an element of stored data in place: one CPS101, the same each size
        assert [f.code for f in findings] == (["CPS101"] if shape == "stores" else []), findings
    for small, large in zip(sizes, sizes[1:]):
        assert counts[large] <= 2.1 * counts[small], counts
