"""The cheap `ast` plan leaves code out of the libcst analysis, and never a finding with it.

Every corpus case and eval file is analysed twice: with the narrow plan the linter uses, and
with the wide one (every dataset, every statement that keeps a state_dict). The findings must
be identical. Then pairs of snippets: code the narrow plan leaves out (it changes only what it
made, or an index, or a state_dict's entries), and a twin that it keeps, with the finding
that proves why.
"""

import ast
import textwrap
from pathlib import Path

import pytest

from flake8_copysafety.engine.analyse import analyse_plan
from flake8_copysafety.plan.candidates import plan
from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.core.names import ImportTable
from flake8_copysafety.project.module_paths import project_module, sys_path_module

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "corpus").rglob("*.py")) + sorted(
    (ROOT / "tests" / "eval_files").glob("*.py"))


def findings(text: str, filename: str, narrow: bool):
    tree = ast.parse(text)
    imports = ImportTable(tree)
    chosen = plan(tree, text, imports, (), filename, narrow=narrow)
    if not chosen:
        return chosen, []
    found = analyse_plan(text, tree, imports, chosen, LintOptions(), None, filename)
    return chosen, sorted((f.line, f.col, f.code, f.message) for f in found)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_narrow_plan_keeps_every_finding(path):
    text = path.read_text()
    _, narrow = findings(text, str(path), narrow=True)
    _, wide = findings(text, str(path), narrow=False)
    assert narrow == wide


DATASET = """\
import torch
from torch.utils.data import Dataset


class Rows(Dataset):
    def __init__(self):
        self.data = torch.zeros(10, 3)

    def __len__(self):
        return len(self.data)
"""

# (left out by the narrow plan, its twin that is kept, the code the twin reports)
PAIRS = {
    "own objects": (DATASET + """
    def __getitem__(self, index):
        offset = 0
        batch: list = []
        batch.append(self.data[index])
        offset += len(batch)
        return batch
""", DATASET + """
    def __getitem__(self, index):
        batch = self.data[index]
        batch.mul_(2)
        return batch
""", "CPS101"),
    "a real copy changes": (DATASET + """
    def __getitem__(self, index):
        row = self.data[index].clone()
        row.mul_(2)
        grid = self.data.numpy().astype("float64")
        grid += 1
        return row, grid
""", DATASET + """
    def __getitem__(self, index):
        grid = self.data.numpy().astype("float32", copy=False)
        grid += 1
        return grid
""", "CPS104"),
    "helper changes the index": (DATASET + """
    def _wrap(self, idx):
        idx = int(idx)
        idx %= len(self)
        return idx

    def __getitem__(self, index):
        return self.data[self._wrap(index)]
""", DATASET + """
    def _scale(self, x):
        x *= 2
        return x

    def __getitem__(self, index):
        return self._scale(self.data[index])
""", "CPS101"),
    "state_dict entries replaced": ("""
class Scheduler:
    def state_dict(self):
        state = {k: v for k, v in self.__dict__.items() if k != "inner"}
        state["inner"] = [None] * len(self.inner)
        for i, s in enumerate(self.inner):
            state["inner"][i] = s.state_dict()
        return state


def export(model):
    state = model.state_dict()
    state.pop("head.weight")
    state["version"] = 2
    return state
""", """
def train(model, opt, loader):
    model.train()
    best = model.state_dict()
    for batch in loader:
        opt.step()
    return best
""", "CPS202"),
    "state_dict of an object not shown to be a module": ("""
def restart(loop):
    state = loop.state_dict()
    state["child"]["a"] = 3
    loop.load_state_dict(state)
""", """
def restart(loop):
    loop.eval()
    state = loop.state_dict()
    state["child"][0] = 3
    return state
""", "CPS201"),
    "state_dict tensors changed": ("""
def halve(model):
    state = model.state_dict()
    state["weight"] = state["weight"] * 0.5
    return state
""", """
def halve(model):
    model.eval()
    state = model.state_dict()
    state["weight"][0] = 0.0
    return state
""", "CPS201"),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_left_out_and_kept(name):
    left_out, kept, code = PAIRS[name]
    chosen, found = findings(left_out, "left_out.py", narrow=True)
    assert not chosen, f"the narrow plan should leave this out: {chosen}"
    wide, found = findings(left_out, "left_out.py", narrow=False)
    assert wide, "the wide plan should keep it (else this test proves nothing)"
    assert found == []
    chosen, found = findings(kept, "kept.py", narrow=True)
    assert chosen
    assert code in {f[2] for f in found}, found


def test_standard_library_and_installed_packages_are_not_the_project(tmp_path):
    installed = tmp_path / "lib" / "site-packages" / "pkg"
    installed.mkdir(parents=True)
    (installed / "__init__.py").write_text("")
    (installed / "util.py").write_text("def f(x):\n    x += 1\n")
    project = tmp_path / "work" / "proj"
    (project / "pkg").mkdir(parents=True)
    (project / "pkg" / "__init__.py").write_text("")
    (project / "pkg" / "util.py").write_text("")
    (project / "collections").mkdir()
    (project / "collections" / "__init__.py").write_text("")

    assert project_module(installed, "pkg.util") is None
    assert project_module(project / "pkg", "pkg.util") == project / "pkg" / "util.py"
    assert project_module(project / "pkg", "collections") is None


def test_standard_library_callee_needs_no_parse():
    """`OrderedDict(...)` in `__getitem__` of a file inside a Python installation."""
    import collections

    inside = Path(collections.__file__).parent.parent / "example_module.py"
    source = textwrap.dedent("""\
        from collections import OrderedDict
        from torch.utils.data import Dataset


        class Named(Dataset):
            def __len__(self):
                return 1

            def __getitem__(self, index):
                return OrderedDict(self.items[index])
    """)
    chosen, _ = findings(source, str(inside), narrow=True)
    assert not chosen
    assert lint_source(source, str(inside)) == []


# A dataset that applies whatever transform it is given to its stored images.
BOUND_DATASET = (ROOT / "corpus" / "cps101" / "helpers" / "pos_transform_bound_in_script"
                 / "dataset.py").read_text()
OWN_TRANSFORM = """\
class Normalize:
    def __call__(self, tensor):
        tensor -= 0.5
        return tensor
"""


@pytest.mark.parametrize("script, kept", [
    ("from dataset import Digits\n\nDigits()\n", False),  # nothing bound
    ("import torchvision.transforms as T\nfrom dataset import Digits\n\n"
     "Digits(transform=T.Normalize(0.5, 0.25))\n", False),  # a library's transform: unseen
    ("from dataset import Digits\nfrom transforms import Normalize\n\n"
     "Digits(transform=Normalize())\n", True),  # the project's own callable class
])
def test_transform_kept_from_the_constructor_needs_a_bound_class_of_the_project(
        tmp_path, monkeypatch, script, kept):
    """The plan asks the project model (an `ast` index) what is bound where the dataset is
    built: a dataset whose transform is unknown or absent is decided without libcst."""
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "dataset.py").write_text(BOUND_DATASET)
    (tmp_path / "transforms.py").write_text(OWN_TRANSFORM)
    (tmp_path / "train.py").write_text(script)
    dataset = str(tmp_path / "dataset.py")
    chosen, found = findings(BOUND_DATASET, dataset, narrow=True)
    assert bool(chosen) is kept
    wide, wide_found = findings(BOUND_DATASET, dataset, narrow=False)
    # the change made in transforms.py is reported at the call that hands the image over too
    assert wide and found == wide_found
    assert [(line, col, code) for line, col, code, _ in found] == \
        ([(17, 18, "CPS101")] if kept else [])
    transform = lint_source(OWN_TRANSFORM, str(tmp_path / "transforms.py"))
    assert [f.code for f in transform] == (["CPS101"] if kept else [])


def test_module_of_a_folder_put_on_sys_path(tmp_path):
    """`import pc_utils` of `utils/pc_utils.py` from `datasets/`: one file of that name in a
    folder beside the importer's folder or a parent's; none when two share the name."""
    (tmp_path / "datasets").mkdir()
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "pc_utils.py").write_text("")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "ops.py").write_text("")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "ops.py").write_text("")
    here = (tmp_path / "datasets").resolve()
    assert sys_path_module(here, "pc_utils") == (tmp_path / "utils" / "pc_utils.py").resolve()
    assert sys_path_module(here, "ops") is None  # two candidates: cannot tell
    assert sys_path_module(here, "json") is None  # the standard library's
    assert sys_path_module(here, "absent") is None


AUGMENT = """\
def jitter(pc):
    pc += 0.01
    return pc
"""
POINTS = """\
import os
import sys

import numpy as np
from torch.utils.data import Dataset

sys.path.append(os.path.join(os.path.dirname(__file__), "..", "utils"))
import augment


class Points(Dataset):
    def __init__(self, chunks):
        self.points = np.concatenate(chunks)

    def __len__(self):
        return len(self.points)

    def __getitem__(self, index):
        cloud = self.points[index][:100]
        cloud = augment.jitter(cloud)
        return cloud
"""


@pytest.mark.parametrize("source, expected", [
    (POINTS, [(20, 16, "CPS101")]),
    # without `sys`, nothing puts `utils/` on the path: `augment` is not the project's
    (POINTS.replace("import sys\n", "").replace("sys.path.append(", "print("), []),
    # a copy before the helper: the stored points stay as they are
    (POINTS.replace("[:100]\n", "[:100].copy()\n"), []),
])
def test_helper_of_a_module_the_program_puts_on_sys_path(
        tmp_path, monkeypatch, source, expected):
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "utils").mkdir()
    (tmp_path / "utils" / "augment.py").write_text(AUGMENT)
    (tmp_path / "datasets").mkdir()
    dataset = str(tmp_path / "datasets" / "points.py")
    (tmp_path / "datasets" / "points.py").write_text(source)
    _, narrow = findings(source, dataset, narrow=True)
    _, wide = findings(source, dataset, narrow=False)
    assert narrow == wide
    assert [(line, col, code) for line, col, code, _ in narrow] == expected
