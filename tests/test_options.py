"""Configuration changes what the analysis knows: extra dataset bases, extra copy functions.
Each option is declared once (`core/options.py`) and reaches every front end."""

import argparse
import json

import pytest

from flake8_copysafety.cli.check import build_options
from flake8_copysafety.cli.config import ConfigError, FileConfig, read_file, read_flake8
from flake8_copysafety.cli.main import build_parser
from flake8_copysafety.core.options import OPTIONS
from flake8_copysafety.engine import cache as result_cache
from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.plugin import CopySafetyChecker
from flake8_copysafety.worker import client

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


# ----- one declaration per option: every row of `OPTIONS` reaches every front end ----------

VALUE = ("pkg.mod.Name", "pkg.other.Thing")
ROWS = pytest.mark.parametrize("row", OPTIONS, ids=lambda row: row.name)


def _only(row) -> LintOptions:
    return LintOptions(**{row.name: VALUE})


def test_every_field_of_lint_options_is_a_row():
    assert [row.name for row in OPTIONS] == list(LintOptions.__dataclass_fields__)
    assert len(OPTIONS) >= 3


@ROWS
def test_flake8_declares_and_reads_the_option(row, monkeypatch):
    declared = {}

    class Manager:
        def extend_default_ignore(self, codes):
            pass

        def add_option(self, flag, **kwargs):
            declared[flag] = kwargs

    CopySafetyChecker.add_options(Manager())
    assert declared[row.flake8_flag]["parse_from_config"] is True
    assert row.example in declared[row.flake8_flag]["help"]
    monkeypatch.setattr(CopySafetyChecker, "lint_options", LintOptions())
    monkeypatch.setattr(CopySafetyChecker, "worker", False)
    CopySafetyChecker.parse_options(argparse.Namespace(**{row.flake8_dest: list(VALUE)}))
    assert CopySafetyChecker.lint_options == _only(row)


@ROWS
def test_the_command_takes_the_flag(row):
    args = build_parser().parse_args(["check", row.flag, ",".join(VALUE)])
    assert build_options(args, FileConfig()) == _only(row)


@ROWS
def test_configuration_files_take_the_key(row, tmp_path):
    args = build_parser().parse_args(["check"])
    own = tmp_path / "setup.cfg"
    own.write_text(f"[copysafety]\n{row.key} = {', '.join(VALUE)}\n")
    assert build_options(args, read_file(own)) == _only(row)
    flake8 = tmp_path / "tox.ini"
    flake8.write_text(f"[flake8]\n{row.flake8_key} = {', '.join(VALUE)}\n")
    assert build_options(args, read_flake8(flake8)) == _only(row)


@ROWS
def test_a_misspelt_key_names_the_option(row, tmp_path):
    own = tmp_path / "setup.cfg"
    own.write_text(f"[copysafety]\n{row.key}s = x\n")
    with pytest.raises(ConfigError, match=f"did you mean '{row.key}'"):
        read_file(own)


@ROWS
def test_the_result_cache_keys_on_the_option(row, tmp_path, monkeypatch):
    asked = []
    real_get = result_cache.ResultCache.get

    def get(self, filename, settings, content):
        asked.append(settings)
        return real_get(self, filename, settings, content)

    monkeypatch.setattr(result_cache.ResultCache, "get", get)
    for options in (LintOptions(), _only(row)):
        lint_source(CUSTOM_BASE, str(tmp_path / "ds.py"), options, cache_dir=str(tmp_path))
    assert len(asked) == 2 and asked[0] != asked[1]
    assert repr(VALUE) in asked[1]


@ROWS
def test_the_worker_request_carries_the_option(row, monkeypatch):
    sent = []
    monkeypatch.setattr(client, "address", lambda: "socket")
    monkeypatch.setattr(client, "exchange", lambda path, request, *_: sent.append(request) or
                        {"findings": []})
    assert client.lint_in_worker("x = 1\n", "a.py", _only(row), None) == []
    received = json.loads(json.dumps(sent[0]))["options"]
    assert LintOptions.from_payload(received) == _only(row)
