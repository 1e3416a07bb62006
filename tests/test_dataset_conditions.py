"""`__getitem__` branches on whether a transform is bound: decided by what every
construction of the dataset in the project binds (`project.bindings.always_bound`)."""

import pytest

from flake8_copysafety.engine.pipeline import LintOptions, lint_source

_DATASET = '''
import numpy as np
from torch.utils.data import Dataset


{transform_class}


class Points(Dataset):
    def __init__(self, tfm=None):
        self.tfm = tfm
        self.points = np.zeros((8, 3), dtype=np.float32)

    def __len__(self):
        return len(self.points)

    def __getitem__(self, index):
        pts = self.points[index]
        if not self.tfm:
            pts *= 0.5
            return pts
        return self.tfm(pts)


train = Points({argument})
'''

_PLAIN = '''class Jitter:
    def __call__(self, pts):
        return pts + 0.01'''

_FALSY = '''class Jitter:
    def __init__(self, scale=0.0):
        self.scale = scale

    def __bool__(self):
        return self.scale > 0

    def __call__(self, pts):
        return pts + self.scale'''


def _codes(tmp_path, monkeypatch, transform_class, argument):
    """The CPS1xx findings, and the line of the `*=` that changes the stored row."""
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")
    path = tmp_path / "points.py"
    text = _DATASET.format(transform_class=transform_class, argument=argument)
    path.write_text(text)
    line = text.splitlines().index("            pts *= 0.5") + 1
    return [(f.line, f.col, f.code) for f in lint_source(text, str(path), LintOptions())
            if f.code.startswith("CPS1")], line


@pytest.mark.parametrize("transform_class,argument", [
    (_PLAIN, "tfm=Jitter()"),   # a new object defining neither __bool__ nor __len__
    (_PLAIN, "Jitter()"),       # given by position
])
def test_a_transform_bound_by_every_construction_tests_true(
        tmp_path, monkeypatch, transform_class, argument):
    assert _codes(tmp_path, monkeypatch, transform_class, argument)[0] == []


@pytest.mark.parametrize("transform_class,argument", [
    (_PLAIN, ""),               # left out: None tests false
    (_FALSY, "tfm=Jitter()"),   # its class decides its truth (`__bool__`)
    (_PLAIN, "tfm=[]"),         # an empty list tests false
])
def test_a_transform_that_may_test_false_leaves_the_branch_open(
        tmp_path, monkeypatch, transform_class, argument):
    codes, line = _codes(tmp_path, monkeypatch, transform_class, argument)
    assert codes == [(line, 12, "CPS101")]
