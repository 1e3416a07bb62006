"""Helpers imported from other modules of the same project are followed on disk."""

from flake8_copysafety.engine.pipeline import lint_source

DATASET = '''\
import torch
from torch.utils.data import Dataset

from ..transforms import shift
from pkg.transforms import normalize, safe
from torchvision_like.transforms import unknown


class D(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, i):
        a = normalize(self.data[i])
        b = shift(self.data[i])
        c = safe(self.data[i])
        d = unknown(self.data[i])
        return a, b, c, d
'''

TRANSFORMS = '''\
def normalize(im, mean=0.5):
    im -= mean
    return im


def shift(im):
    return normalize(im, 1.0)


def safe(im):
    return im - 0.5
'''


def _project(tmp_path, transforms=TRANSFORMS):
    (tmp_path / "pkg" / "data").mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "data" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "transforms.py").write_text(transforms)
    path = tmp_path / "pkg" / "data" / "ds.py"
    path.write_text(DATASET)
    return path


def test_relative_and_absolute_project_imports_are_followed(tmp_path):
    """The change is reported in the helper's module, on the line that makes it, naming
    the dataset's line the data comes from, and in the dataset's module on the calls that
    hand the data over (directly, and through `shift`), naming the line that changes it."""
    path = _project(tmp_path)
    found = lint_source(path.read_text(), str(path))
    assert [(f.line, f.col, f.code) for f in found] == [(17, 12, "CPS101"), (18, 12, "CPS101")]
    assert "by `normalize()` (transforms.py:2)" in found[0].message
    assert "by `shift()` (transforms.py:2)" in found[1].message
    helper = tmp_path / "pkg" / "transforms.py"
    findings = lint_source(helper.read_text(), str(helper))
    assert [(f.line, f.code) for f in findings] == [(2, "CPS101")]
    assert "`self.data[i]` (stored dataset data, line 17 of ds.py)" in findings[0].message
    assert "by `normalize()` (transforms.py:2)" in findings[0].message


def test_changed_helper_file_is_read_again(tmp_path):
    path = _project(tmp_path)
    helper = tmp_path / "pkg" / "transforms.py"
    assert len(lint_source(helper.read_text(), str(helper))) == 1
    assert len(lint_source(path.read_text(), str(path))) == 2
    fixed = TRANSFORMS.replace("    im -= mean\n", "    im = im - mean\n")
    helper.write_text(fixed)
    assert lint_source(helper.read_text(), str(helper)) == []
    assert lint_source(path.read_text(), str(path)) == []


def test_without_a_file_name_imports_are_not_followed(tmp_path):
    path = _project(tmp_path)
    assert lint_source(path.read_text(), "stdin") == []
