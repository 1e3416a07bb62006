"""The runtime guards (`copysafety run`): each program in `guard_programs/` run under them
reports exactly its `# expect:` codes on their lines; programs without markers are silent."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")
pytest.importorskip("torch")

from flake8_copysafety.cli.run import main as run_main  # noqa: E402
from flake8_copysafety.guard.session import GuardSession  # noqa: E402
from flake8_copysafety.verify.markers import expected_findings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "guard_programs"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "flake8_copysafety", "run", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=ENV, timeout=240)


def _guarded(path: Path):
    """Run a program in this process under a guard session: [(line, code)]."""
    session = GuardSession().start()
    try:
        code = compile(path.read_text(), str(path), "exec")
        exec(code, {"__name__": "__main__", "__file__": str(path)})  # noqa: S102
    finally:
        session.stop()
    return session, sorted((f.line, f.code) for f in session.findings)


@pytest.mark.parametrize("name", sorted(p.name for p in PROGRAMS.glob("*.py")
                                        if p.name != "bug_workers.py"))
def test_program_reports_its_expected_codes(name):
    path = PROGRAMS / name
    session, found = _guarded(path)
    assert found == sorted(expected_findings(path.read_text())), \
        [f.text() for f in session.findings]
    assert all(f.path == str(path) for f in session.findings)


def test_guards_are_taken_out_again():
    import torch
    from torch.utils.data import Dataset

    real = (torch.nn.Module.state_dict, torch.save, Dataset.__dict__.get("__init_subclass__"))
    _guarded(PROGRAMS / "bug_best_state.py")
    assert (torch.nn.Module.state_dict, torch.save,
            Dataset.__dict__.get("__init_subclass__")) == real
    # what watches Parameters that adopt a tensor and project optimizers' results
    assert "data" not in torch.nn.Parameter.__dict__ and "set_" not in torch.nn.Parameter.__dict__
    assert "__init_subclass__" not in torch.optim.Optimizer.__dict__
    assert torch._C._len_torch_function_stack() == 0
    _guarded(PROGRAMS / "bug_training_loop_pops.py")  # traced line by line for a while
    assert sys.gettrace() is None


def test_a_copy_onto_itself_is_no_write():
    """Not reported, and not even seen as a write-through (what `verify --observer guard`
    counts); a `copy_` from other memory is both."""
    session, found = _guarded(PROGRAMS / "safe_copy_onto_itself.py")
    assert found == [] and session.events == []
    session, found = _guarded(PROGRAMS / "bug_copy_from_elsewhere.py")
    assert {code for code, _ in session.events} == {"CPS101", "CPS201"}


def test_the_program_behaves_the_same():
    """Guards observe: the bug still happens (the restore still restores nothing)."""
    namespace = {"__name__": "__main__"}
    session = GuardSession().start()
    try:
        exec(compile((PROGRAMS / "bug_best_state.py").read_text(), "p.py", "exec"), namespace)
    finally:
        session.stop()
    model, best = namespace["model"], namespace["best"]
    assert best["weight"].data_ptr() == model.weight.data_ptr()


def test_command_line_text_json_and_exit_status(tmp_path):
    """One guarded run with worker processes (they report to the parent), as text, then the
    same findings as JSON; a failing program keeps its own exit status."""
    program = PROGRAMS / "bug_workers.py"
    [(line, code)] = expected_findings(program.read_text())
    done = _run(program)
    assert done.returncode == 1, done.stderr
    lines = [text for text in done.stderr.splitlines() if ": CPS" in text]
    assert len(lines) == 1 and f":{line}:9: {code} " in lines[0], done.stderr  # `x.add_(1.0)`
    assert "bug_workers.py" in lines[0] and "Noisy" in lines[0]

    out = tmp_path / "report.json"
    failing = tmp_path / "fails.py"
    failing.write_text((PROGRAMS / "bug_copy_copy_tensor.py").read_text()
                       + "\nraise SystemExit(3)\n")
    done = _run("--format", "json", "-o", out, failing)
    assert done.returncode == 3, done.stderr
    items = json.loads(out.read_text())
    assert [(i["line"], i["code"]) for i in items] == expected_findings(failing.read_text())
    assert items[0]["path"].endswith("fails.py")


def test_module_mode_and_verbose(tmp_path):
    (tmp_path / "pkg_prog.py").write_text((PROGRAMS / "bug_best_state.py").read_text())
    done = _run("--verbose", "-m", "pkg_prog", cwd=tmp_path)
    assert done.returncode == 1
    reported = [line for line in done.stderr.splitlines() if "CPS202" in line]
    assert len(reported) == 2 and reported[0] == reported[1]  # as it happened, and at exit


def test_clean_program_exits_0_and_sarif(tmp_path):
    out = tmp_path / "report.sarif"
    done = _run("--format", "sarif", "-o", out, PROGRAMS / "safe_ema.py")
    assert done.returncode == 0, done.stderr
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []


def test_without_torch_says_what_to_install(monkeypatch, capsys, tmp_path):
    program = tmp_path / "p.py"
    program.write_text("print('never runs')\n")
    monkeypatch.setitem(sys.modules, "torch", None)
    assert run_main([str(program)]) == 2
    err = capsys.readouterr().err
    assert "needs torch" in err and "pip install" in err


def test_usage_errors(capsys):
    assert run_main([]) == 2
    assert run_main(["no/such/file.py"]) == 2
    assert "no such file" in capsys.readouterr().err


PYTEST_DEMO = '''
import torch
from torch.utils.data import Dataset


class Drifting(Dataset):
    def __init__(self):
        self.data = torch.zeros(4)

    def __len__(self):
        return 4

    def __getitem__(self, i):
        x = self.data[i]
        x += 1
        return x


def test_changes_stored_data():
    Drifting()[0]


def test_restores_a_live_snapshot():
    model = torch.nn.Linear(2, 2)
    best = model.state_dict()
    with torch.no_grad():
        model.weight.mul_(2)
    model.load_state_dict(best)


def test_fine():
    data = Drifting()
    assert data.data.clone().add_(1).sum() == 4
'''


def _plugin_args():
    """`-p` only where the `pytest11` entry point is not installed."""
    from importlib.metadata import entry_points

    installed = any(ep.name == "copysafety" for ep in entry_points(group="pytest11"))
    return [] if installed else ["-p", "flake8_copysafety.guard.pytest_plugin"]


def test_pytest_option_fails_the_tests_that_change_data(tmp_path):
    (tmp_path / "test_demo.py").write_text(PYTEST_DEMO)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *_plugin_args(),
         "--copysafety", "test_demo.py"],
        capture_output=True, text=True, cwd=tmp_path, env=ENV, timeout=240)
    assert "2 failed, 1 passed" in done.stdout, done.stdout + done.stderr
    assert "FAILED test_demo.py::test_changes_stored_data" in done.stdout
    assert "FAILED test_demo.py::test_restores_a_live_snapshot" in done.stdout
    assert "test_demo.py:15:9: CPS101" in done.stdout and "CPS202" in done.stdout


def test_pytest_plugin_is_inert_without_the_option():
    code = ("import sys, flake8_copysafety.guard.pytest_plugin; "
            "assert 'torch' not in sys.modules")
    assert subprocess.run([sys.executable, "-c", code], env=ENV).returncode == 0


def test_parameters_taken_by_a_loop_or_an_optimizer_keep_the_mode_off():
    """Only a collection built from `parameters()` may be kept (CPS203): a freeze loop and an
    optimizer leave the guard's mode off the stack, so training runs at full speed."""
    import torch

    session = GuardSession().start()
    try:
        model = torch.nn.Linear(3, 2)
        for p in model.parameters():
            p.requires_grad_(True)
        torch.optim.SGD(model.parameters(), lr=0.1)
        assert session.snapshots.handed == {}
        assert torch._C._len_torch_function_stack() == 0
        kept = [p for p in model.parameters()]
        assert set(session.snapshots.handed) == {id(p) for p in kept}
        assert torch._C._len_torch_function_stack() == 1
    finally:
        session.stop()
    assert torch._C._len_torch_function_stack() == 0
