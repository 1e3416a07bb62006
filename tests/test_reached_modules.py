"""A change of a dataset's stored data made by code of another module (a helper function it
imports, a mixin's method, a transform bound where it is built) is reported in that module,
on the line that makes it, and in the dataset's module, on the statement that hands the data
to it: by flake8 (file by file, in worker processes too) and by `copysafety check` alike, so
linting either file alone shows it."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from cli_support import codes_in, run_process, write
from flake8_copysafety.engine.pipeline import lint_source

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "cps101" / "helpers"
POSITIVE = CORPUS / "pos_helper_in_other_module"
NEGATIVE = CORPUS / "neg_helper_in_other_module_copies"
EXPECTED = [("augment/shift.py", 2, 5, "CPS101"), ("dataset.py", 17, 9, "CPS101"),
            ("dataset.py", 18, 9, "CPS101"), ("mixins.py", 5, 9, "CPS101")]
NO_CACHE = {"COPYSAFETY_NO_CACHE": "1"}


def _copy(folder: Path, tmp_path: Path) -> Path:
    project = tmp_path / folder.name
    shutil.copytree(folder, project, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def _flake8(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select=CPS",
                           *args, "."], cwd=str(cwd), capture_output=True, text=True,
                          encoding="utf-8", timeout=300, env=_env())


def _env():
    import os

    return dict(os.environ, **NO_CACHE)


def _located(report: str):
    return sorted((Path(path).as_posix().lstrip("./"), line, col, code)
                  for path, line, col, code in codes_in(report))


def test_flake8_reports_the_change_in_its_own_module_and_at_the_call(tmp_path):
    project = _copy(POSITIVE, tmp_path)
    for jobs in ("-j1", "-j2"):
        done = _flake8(project, jobs)
        assert _located(done.stdout) == EXPECTED, (jobs, done.stdout, done.stderr)
    message = _flake8(project, "-j1").stdout
    assert "`self.frames[index]` (stored dataset data, line 16 of dataset.py)" in message
    assert "dataset.py:17:9: CPS101 `self.frames[index]` (stored dataset data, line 16) is " \
        "changed in place by `center()` (shift.py:2)" in message


def test_copysafety_check_reports_the_same_lines(tmp_path):
    project = _copy(POSITIVE, tmp_path)
    done = run_process(["check", "--isolated", "--no-cache", "."], project)
    assert done.returncode == 1, done.stderr
    assert _located(done.stdout) == EXPECTED


def test_a_copy_in_getitem_keeps_both_modules_silent(tmp_path):
    project = _copy(NEGATIVE, tmp_path)
    assert _located(_flake8(project, "-j1").stdout) == []
    done = run_process(["check", "--isolated", "--no-cache", "."], project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_fix_copies_at_the_call_and_silences_both_modules(tmp_path):
    """The copy belongs in the dataset's module: `--fix` makes it there, at the read the
    calls hand over, and neither module reports the change afterwards."""
    project = _copy(POSITIVE, tmp_path)
    helper = (project / "augment" / "shift.py").read_text()
    done = run_process(["check", "--isolated", "--no-cache", "--fix", "."], project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "frame = self.frames[index].clone()" in (project / "dataset.py").read_text()
    assert (project / "augment" / "shift.py").read_text() == helper
    assert _located(_flake8(project, "-j1").stdout) == []


DATASET = textwrap.dedent("""\
    import torch
    from torch.utils.data import Dataset

    from helpers.augment import center


    class Frames(Dataset):
        def __init__(self):
            self.frames = torch.rand(4, 3)

        def __len__(self):
            return 4

        def __getitem__(self, index):
            frame = self.frames[index]
            center(frame)
            return frame
""")
HELPER = "def center(frame):\n    frame -= frame.mean()\n    return frame\n"


def test_a_helper_outside_the_dataset_project_is_reported_at_the_call(tmp_path):
    """`helpers/` is found from the dataset's imports but belongs to no project that holds
    the dataset: linting it cannot report the change, so the dataset's module does, at the
    call, naming the helper's line, with the copy's fix."""
    write(tmp_path, {"proj/pyproject.toml": "", "proj/ds.py": DATASET,
                     "helpers/__init__.py": "", "helpers/augment.py": HELPER})
    dataset = tmp_path / "proj" / "ds.py"
    found = lint_source(dataset.read_text(), str(dataset))
    assert [(f.line, f.code) for f in found] == [(16, "CPS101")]
    assert "by `center()` (augment.py:2)" in found[0].message
    assert found[0].fix is not None and found[0].fix.replacement == "self.frames[index].clone()"
    helper = tmp_path / "helpers" / "augment.py"
    assert lint_source(helper.read_text(), str(helper)) == []
