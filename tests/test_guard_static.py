"""The runtime guards and the static analysis name a bug alike: for each program the guards
run (tests/guard_programs, and the real-world cases in the folder COPYSAFETY_REALWORLD_CASES
names) that both report on, every guard finding has a static finding with the same code on
the same line, at the same column: the line that changed the data, not the `def` of
`__getitem__`."""

import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("numpy")
pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "guard_programs"
FOLDER = os.environ.get("COPYSAFETY_REALWORLD_CASES")
CASES = Path(FOLDER) if FOLDER and Path(FOLDER).is_dir() else None
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
HEADER = re.compile(r"^# verdict: ", re.MULTILINE)

# Where the two differ by design (the reason is the test's answer to "why not the same"):
PLACED_ELSEWHERE = {
    "bug_cache_filled_then_popped.py":
        "static: at the call of the helper in __getitem__; guards: in the helper, at the "
        "line that changed the cached list",
    "bug_cache_filled_array_normalised.py":
        "static: at the call of the helper in __getitem__; guards: in the helper, at the "
        "line that changed the cached ndarray",
    "bug_one_late_inplace_write.py":
        "static: at the line that changes the stored tensor; guards: at the `def` of "
        "__getitem__, where a change made once by an item read without the torch function "
        "mode (after 64 items that left the stored memory alone) is found",
}


def _programs():
    found = sorted(PROGRAMS.glob("bug_*.py"))
    if CASES is not None:
        for case in sorted(CASES.iterdir()):
            if case.suffix == ".py":
                found.append(case)
            elif case.is_dir() and not case.name.startswith("."):
                found.extend(p for p in sorted(case.glob("*.py"))
                             if HEADER.search(p.read_text(encoding="utf-8")))
    return found


def _static(program: Path):
    """(path, line, column, code) of the linter on the program (its folder, for a folder
    case), paths relative to the program's folder."""
    folder_case = CASES is not None and program.parent.parent == CASES
    target = "." if folder_case else program.name
    done = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "CPS",
         "--format", "%(path)s|%(row)d|%(col)d|%(code)s", target],
        cwd=program.parent, capture_output=True, text=True, env=ENV, timeout=300)
    rows = set()
    for line in done.stdout.splitlines():
        path, row, col, code = line.split("|")
        rows.add((os.path.normpath(path), int(row), int(col), code))
    return rows


def _guarded(program: Path):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "flake8_copysafety", "run", "--format", "json", "-o",
             str(report), program.name],
            cwd=program.parent, capture_output=True, text=True, env=ENV, timeout=300)
        items = json.loads(report.read_text()) if report.exists() else []
    return {(os.path.normpath(i["path"]), i["line"], i["col"], i["code"]) for i in items}


@pytest.fixture(scope="module")
def both():
    programs = _programs()
    with ThreadPoolExecutor(max_workers=2) as pool:
        statics = list(pool.map(_static, programs))
        guards = list(pool.map(_guarded, programs))
    return {p: (s, g) for p, s, g in zip(programs, statics, guards)}


@pytest.mark.parametrize("program", _programs(), ids=lambda p: p.name)
def test_guard_finding_is_the_static_finding(both, program):
    static, guarded = both[program]
    if not static or not guarded:
        pytest.skip("only one side reports on this program")
    if program.name in PLACED_ELSEWHERE:
        assert {code for *_, code in guarded} <= {code for *_, code in static}
        pytest.skip(PLACED_ELSEWHERE[program.name])
    for finding in sorted(guarded):
        assert finding in static, (finding, sorted(static))


CORPUS = ROOT / "corpus"
# Corpus cases written as `main()` whose guard finding sits elsewhere by design, or that the
# guards cannot report (README, "Limitations"):
HELPER_LINE = {
    "pos_instance_method_changes_entries.py": "CPS201 at the method's line that changed the "
                                              "entries; static: at the call of the method",
    "pos_helper_changes_entry.py": "CPS201 at the helper's line that wrote through the "
                                   "state_dict; static: at the call of the helper",
    "pos_client_results_across_clients.py": "CPS202 in the method that took the state_dict; "
                                            "static: where the caller keeps its result",
    "pos_helper_scales_optimizer_moment.py": "CPS201 at the helper's line that scaled the "
                                             "state tensor; static: at the call of the helper",
    "pos_record_field_to_changing_helper.py": "CPS201 at the helper's line that wrote through "
                                              "the state_dict; static: at the call of the helper",
    "pos_instance_helper_keeps_on_self.py": "CPS202 where the helper given the instance took "
                                            "the state_dict; static: at the call of the helper",
    "pos_self_behind_loop_variable.py": "CPS203 where the helper given the instance put the "
                                        "parameters into a list; static: at its call",
    "pos_nested_helper_zeroes_optimizer_moment.py": "CPS201 at the line two helpers down "
                                                    "that zeroed the state tensor; static: "
                                                    "at the call of the outer helper",
    "pos_instance_helper_keeps_dict_copy.py": "CPS202 where the helper given the instance "
                                              "took the state_dict; static: at its call",
    "pos_nested_helper_keeps_on_instance.py": "CPS203 two helpers down, where the parameters "
                                              "were put into a list; static: at the call of "
                                              "the outer helper",
    "pos_helper_local_holder_returns_state.py": "CPS202 in the holder's method that kept the "
                                                "state_dict; static: where the caller keeps "
                                                "what the helper returns",
}
OUT_OF_REACH = {
    "pos_seed_deepcopy_too_late.py": "a copy made after the module changed reads the "
                                     "changed values; whether the earlier or the current "
                                     "ones were meant does not show at run time",
    "pos_helper_appends_result_dict.py": "the state_dict is handed straight to a helper that "
                                         "puts it into a new dict appended to a list; the "
                                         "guards do not follow it there",
    "pos_record_field_result_list.py": "the state_dict is handed straight to a helper that "
                                       "puts it into a new dict appended to a list; the "
                                       "guards do not follow it there",
    "pos_instance_helper_keeps_optimizer_result.py": "the Parameters a project optimizer's "
                                                     "method returns are handed out where "
                                                     "kept, but read back only as clones "
                                                     "(`t.detach().clone()`): nothing compares "
                                                     "a parameter with its own memory",
    "pos_optimizer_subclass_state_after_init.py": "a write through a state_dict that is never "
                                                  "read again looks, at run time, like a "
                                                  "deliberate write-through of the module's "
                                                  "own weights",
    "pos_optimizer_step_returns_params.py": "the Parameters a project optimizer's method "
                                            "returns are handed out where kept, but loaded "
                                            "back only through `p.data = "
                                            "theta.data.clone()`: nothing compares a "
                                            "parameter with its own memory",
}


def _main_cases():
    return [path for code in ("cps201", "cps202", "cps203")
            for path in sorted((CORPUS / code).glob("pos_*.py"))
            if "def main(" in path.read_text(encoding="utf-8")]


def _guard_main(path: Path):
    """(line, column, code) of the guards' findings on a case whose `main()` runs under them,
    what it returns handed back to them as `verify --observer guard` does."""
    from flake8_copysafety.guard.session import GuardSession
    from flake8_copysafety.verify import runtime

    runtime._remember_real_state_dicts()
    runtime._seed_all()
    session = GuardSession().start()
    try:
        module = runtime._load_case(str(path))
        returned = module.main()
        session.guarded(lambda: session.snapshots.returned(returned))
    finally:
        session.stop()
    return {(f.line, f.column, f.code) for f in session.findings
            if Path(f.path).resolve() == path.resolve()}


@pytest.fixture(scope="module")
def corpus_static():
    done = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "CPS",
         "--format", "%(path)s|%(row)d|%(col)d|%(code)s", *map(str, _main_cases())],
        capture_output=True, text=True, env=ENV, timeout=600)
    rows = {}
    for line in done.stdout.splitlines():
        path, row, col, code = line.split("|")
        rows.setdefault(Path(path).name, set()).add((int(row), int(col), code))
    return rows


@pytest.mark.parametrize("case", _main_cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_main_case_is_reported_with_the_static_finding(corpus_static, case):
    """Each snapshot bug the static analysis finds in a case's `main()` the guards report
    too: the same code, on the same line and column (one finding per snapshot)."""
    static = corpus_static.get(case.name, set())
    assert static, case
    guarded = _guard_main(case)
    if case.name in OUT_OF_REACH:
        assert not guarded - static
        pytest.skip(OUT_OF_REACH[case.name])
    assert guarded, (case, sorted(static))
    if case.name in HELPER_LINE:
        assert {code for *_, code in guarded} <= {code for *_, code in static}
        pytest.skip(HELPER_LINE[case.name])
    assert guarded <= static, (sorted(guarded), sorted(static))
