"""Stored data whose kind comes from a method of the dataset (`self.data = self.populate(..)`)
or from the `__init__` of a base class in another module of the project."""

from flake8_copysafety.engine.pipeline import lint_source

BASE = '''\
from torch.utils.data import Dataset


class Clips(Dataset):
    def __init__(self, labels=(0, 1)):
        self.records = [{"label": label} for label in labels]

    def __len__(self):
        return len(self.records)
'''

SUBCLASS = '''\
import torch
from pkg.base import Clips


class Encoded(Clips):
    def __len__(self):
        return len(self.records)

    def __getitem__(self, idx):
        item = {read}
        item["frames"] = torch.zeros(3)
        return item
'''

OWN_METHOD = '''\
import torch
from torch.utils.data import Dataset


class Encodings(Dataset):
    def __init__(self, labels):
        self.data, self.max_len = self.populate(labels)

    def __len__(self):
        return len(self.data)

    def populate(self, labels):
        data = []
        for label in labels:
            data.append({"label": label})
        return data, 8

    def __getitem__(self, idx):
        item = {read}
        item["frames"] = torch.zeros(3)
        return item
'''


def _subclass_project(tmp_path, read):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "base.py").write_text(BASE)
    path = tmp_path / "pkg" / "encoded.py"
    path.write_text(SUBCLASS.replace("{read}", read))
    return path


def _codes(path):
    return [(f.line, f.col, f.code) for f in lint_source(path.read_text(), str(path))]


def test_records_bound_by_a_base_of_another_module(tmp_path):
    """The base's `__init__` keeps a list of dicts: the subclass's write into the record it
    reads is reported; with the record copied first it is not."""
    assert _codes(_subclass_project(tmp_path, "self.records[idx]")) == [(11, 8, "CPS103")]


def test_records_of_a_base_of_another_module_copied_first(tmp_path):
    assert _codes(_subclass_project(tmp_path, "dict(self.records[idx])")) == []


def test_records_built_by_the_datasets_own_method(tmp_path):
    """`self.data, n = self.populate(labels)`: the kind is what the method returns."""
    path = tmp_path / "enc.py"
    path.write_text(OWN_METHOD.replace("{read}", "self.data[idx]"))
    assert _codes(path) == [(20, 8, "CPS103")]
    path.write_text(OWN_METHOD.replace("{read}", "dict(self.data[idx])"))
    assert _codes(path) == []
