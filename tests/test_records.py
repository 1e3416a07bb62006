"""Records holding views of stored data: dicts made here (`dict(k=v)` and `{k: v}` alike)
handed to helpers and transforms that change an entry by a string key, and tuples returned
by helper methods."""

import pytest

from flake8_copysafety.engine.pipeline import lint_source

DATASET = '''\
import torch
from torch.utils.data import Dataset


def bump(sample):
    sample["img"].add_(1)
    return sample


def get_img(sample):
    return sample["img"]


def scaled(data):
    d = dict(data)
    d["img"] *= 2
    return d


class Rebind:
    def __call__(self, d):
        d["img"] = d["img"] + 1
        d["new"] = 0
        return d


class D(Dataset):
    def __init__(self):
        self.imgs = torch.zeros(4, 3)
        self.rebind = Rebind()

    def __len__(self):
        return 4

    def __getitem__(self, i):
        a = bump(RECORD)
        g = get_img(RECORD)
        g.mul_(2)
        s = scaled(RECORD)
        r = self.rebind(RECORD)
        return a, s, r
'''


@pytest.mark.parametrize("record", ['dict(img=self.imgs[i], label=i)',
                                    '{"img": self.imgs[i], "label": i}'])
def test_both_dict_spellings_hand_their_entries_to_helpers(record):
    found = lint_source(DATASET.replace("RECORD", record), "records.py")
    assert [(f.line, f.code) for f in found] == [(36, "CPS101"), (38, "CPS101"),
                                                 (39, "CPS102")]


@pytest.mark.parametrize("record", ['dict(img=self.imgs[i].clone())',
                                    '{"img": self.imgs[i].clone()}', 'dict(other=self.imgs[i])'])
def test_copies_and_other_entries_are_silent(record):
    assert lint_source(DATASET.replace("RECORD", record), "records.py") == []
