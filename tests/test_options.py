"""Configuration changes what the analysis knows: extra dataset bases, extra copy functions."""

from flake8_copysafety.engine.pipeline import LintOptions, lint_source

CUSTOM_BASE = '''\
import torch
from mypkg.data import BaseDataset


class Frames(BaseDataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __getitem__(self, i):
        x = self.data[i]
        x += 1
        return x
'''

OWN_COPY = '''\
import torch
from torch.utils.data import Dataset
from mypkg.utils import deep_clone


def local_clone(t):
    return t


class Frames(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, i):
        x = deep_clone(self.data[i])
        x += 1
        y = local_clone(self.data[i])
        y += 1
        return x, y
'''


def codes(source, options=LintOptions()):
    return [(f.line, f.code) for f in lint_source(source, "t.py", options)]


def test_configured_dataset_base_makes_a_dataset():
    assert codes(CUSTOM_BASE) == []
    assert codes(CUSTOM_BASE, LintOptions(dataset_bases=("mypkg.data.BaseDataset",))) == [
        (11, "CPS101")]


def test_unconfigured_copy_function_is_unknown_and_local_identity_is_followed():
    assert codes(OWN_COPY) == [(21, "CPS101")]


def test_configured_copy_functions_are_real_copies():
    options = LintOptions(copy_functions=("mypkg.utils.deep_clone", "local_clone"))
    assert codes(OWN_COPY, options) == []


def test_copy_function_by_the_dotted_name_of_the_module_own_function():
    options = LintOptions(copy_functions=("mypkg.utils.deep_clone", "mypkg.frames.local_clone"))
    found = [(f.line, f.code) for f in lint_source(OWN_COPY, "/src/mypkg/frames.py", options)]
    assert found == []
    elsewhere = [(f.line, f.code) for f in lint_source(OWN_COPY, "/src/other/frames.py", options)]
    assert elsewhere == [(21, "CPS101")]  # another module's `local_clone` is not meant
