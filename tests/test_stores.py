"""Stores that hand out references: the store table, the caching decorators, and the
`reference-returning` setting, read by flake8 and by `copysafety check` (real processes)."""

import os
import subprocess
import sys
import textwrap

import pytest

from cli_support import codes_in, run_process, write
from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.facts.stores import (CACHING_DECORATORS, REFERENCE_RETURNING,
                                            fact_keys, store_classes, store_method)

STORE = textwrap.dedent("""\
    class Store:
        def __init__(self):
            self._records = {}

        def get(self, key):
            return self._records[key]
""")

DATASET = textwrap.dedent("""\
    from torch.utils.data import Dataset

    from mypkg.store import Store


    class Records(Dataset):
        def __init__(self):
            self.store = Store()

        def __len__(self):
            return 4

        def __getitem__(self, index):
            record = self.store.get(index)
            record["x"].add_(1)
            kept = self.store.get(index).copy()
            kept["y"] = 0
            return record
""")
CHANGED_LINE = 15

NAME = "mypkg.store.Store.get"


def codes(source, options=LintOptions(), path="t.py"):
    return [(f.line, f.code) for f in lint_source(source, path, options)]


def test_table_rows_are_keyed_by_their_qualified_method():
    for key, row in REFERENCE_RETURNING.items():
        assert row.key == key and key.count(".") >= 3, key
    assert "pycocotools.coco.COCO" in store_classes()
    assert store_method(NAME) is None and store_method(NAME, (NAME,)).key == NAME
    assert {f"cache:{d}" for d in CACHING_DECORATORS} <= fact_keys()


def test_configured_store_method_hands_out_its_objects():
    assert codes(DATASET) == []
    options = LintOptions(reference_returning=(NAME,))
    assert codes(DATASET, options) == [(CHANGED_LINE, "CPS101")]
    assert codes(DATASET, LintOptions(reference_returning=("mypkg.store.Store.put",))) == []


def test_configured_store_class_of_the_module_itself(tmp_path):
    path = tmp_path / "mypkg" / "records.py"
    path.parent.mkdir()
    (path.parent / "__init__.py").write_text("")
    source = DATASET.replace("from mypkg.store import Store\n", STORE)
    line = source.splitlines().index('        record["x"].add_(1)') + 1
    options = LintOptions(reference_returning=("mypkg.records.Store.get",))
    assert codes(source, options, str(path)) == [(line, "CPS101")]
    other = LintOptions(reference_returning=("otherpkg.records.Store.get",))
    assert codes(source, other, str(path)) == []


def test_coco_receiver_must_be_built_from_the_imported_class():
    source = textwrap.dedent("""\
        from pycocotools.coco import COCO
        from torch.utils.data import Dataset
        from mylib import load_index


        class Detections(Dataset):
            def __init__(self, ann_file):
                self.coco = load_index(ann_file)
                self.api = COCO(ann_file)

            def __len__(self):
                return 4

            def __getitem__(self, index):
                anns = self.coco.loadAnns(index)
                anns[0]["bbox"] = [0, 0, 1, 1]
                images = self.api.loadImgs(index)
                images[0]["file_name"] = "x"
                return anns
    """)
    assert codes(source) == [(18, "CPS103")]


def test_decorators_named_like_caches_are_not_caches():
    source = textwrap.dedent("""\
        import torch
        from torch.utils.data import Dataset
        from mylib.caching import lru_cache


        class Clips(Dataset):
            def __len__(self):
                return 4

            @lru_cache(maxsize=None)
            def _load(self, index):
                return torch.rand(3)

            def __getitem__(self, index):
                clip = self._load(index)
                clip.add_(1)
                return clip
    """)
    assert codes(source) == []
    assert codes(source.replace("from mylib.caching import", "from functools import")) == [
        (16, "CPS101")]


def _project(tmp_path, config):
    (tmp_path / ".git").mkdir()
    write(tmp_path, {"mypkg/__init__.py": "", "mypkg/store.py": STORE,
                     "mypkg/data.py": DATASET, **config})


def _flake8(cwd, *args):
    return subprocess.run([sys.executable, "-m", "flake8", "--select=CPS", *args],
                          cwd=str(cwd), capture_output=True, text=True, encoding="utf-8",
                          timeout=300, env=dict(os.environ, COPYSAFETY_NO_CACHE="1"))


def _found(report):
    return [(path.replace("\\", "/").lstrip("./"), line, code)
            for path, line, _, code in codes_in(report) if code.startswith("CPS")]


@pytest.mark.parametrize("how", ["config", "flag"])
def test_flake8_reads_reference_returning(tmp_path, how):
    config = {"setup.cfg": f"[flake8]\ncopysafety-reference-returning = {NAME}\n"}
    _project(tmp_path, config if how == "config" else {})
    flags = () if how == "config" else (f"--copysafety-reference-returning={NAME}",)
    done = _flake8(tmp_path, *flags, "mypkg/data.py")
    assert _found(done.stdout) == [("mypkg/data.py", CHANGED_LINE, "CPS101")], done.stderr


def test_flake8_without_the_setting_is_silent(tmp_path):
    _project(tmp_path, {})
    assert _found(_flake8(tmp_path, "mypkg/data.py").stdout) == []
    other = _flake8(tmp_path, "--copysafety-reference-returning=mypkg.store.Store.put",
                    "mypkg/data.py")
    assert _found(other.stdout) == [], other.stderr


@pytest.mark.parametrize("config", [
    {"pyproject.toml": f'[tool.copysafety]\nreference-returning = ["{NAME}"]\n'},
    {"setup.cfg": f"[copysafety]\nreference-returning = {NAME}\n"},
    {"tox.ini": f"[flake8]\ncopysafety-reference-returning = {NAME}\n"},
    {},
], ids=["pyproject", "setup.cfg", "flake8-section", "flag"])
def test_copysafety_check_reads_reference_returning(tmp_path, config):
    _project(tmp_path, config)
    flags = () if config else ("--reference-returning", NAME)
    done = run_process(["check", "--no-cache", *flags, "mypkg/data.py"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert _found(done.stdout) == [("mypkg/data.py", CHANGED_LINE, "CPS101")]


def test_copysafety_check_without_the_setting_is_silent(tmp_path):
    _project(tmp_path, {})
    done = run_process(["check", "--no-cache", "mypkg/data.py"], tmp_path)
    assert done.returncode == 0 and _found(done.stdout) == [], done.stdout


def test_misspelt_key_names_the_setting(tmp_path):
    _project(tmp_path, {"pyproject.toml": f'[tool.copysafety]\nreference-returns = ["{NAME}"]\n'})
    done = run_process(["check", "--no-cache", "mypkg/data.py"], tmp_path)
    assert done.returncode == 2 and "reference-returning" in done.stderr, done.stderr


def test_cached_function_of_another_project_module(tmp_path):
    write(tmp_path, {
        "setup.cfg": "",
        "pkg/__init__.py": "",
        "pkg/io.py": textwrap.dedent("""\
            from functools import lru_cache

            import numpy as np


            @lru_cache(maxsize=None)
            def read(path):
                return np.load(path)


            def read_fresh(path):
                return np.load(path)
        """),
        "pkg/data.py": textwrap.dedent("""\
            from torch.utils.data import Dataset

            from .io import read, read_fresh


            class Frames(Dataset):
                def __init__(self, paths):
                    self.paths = paths

                def __len__(self):
                    return len(self.paths)

                def __getitem__(self, i):
                    frame = read(self.paths[i])
                    frame -= 1
                    fresh = read_fresh(self.paths[i])
                    fresh -= 1
                    return frame, fresh
        """),
    })
    path = tmp_path / "pkg" / "data.py"
    assert codes(path.read_text(), path=str(path)) == [(15, "CPS101")]


def test_the_setting_is_part_of_the_result_cache_key(tmp_path):
    store = str(tmp_path / "store")
    found = [f.line for f in lint_source(DATASET, "t.py", cache_dir=store)]
    assert found == []
    options = LintOptions(reference_returning=(NAME,))
    found = [f.line for f in lint_source(DATASET, "t.py", options, cache_dir=store)]
    assert found == [CHANGED_LINE]
    assert [f.line for f in lint_source(DATASET, "t.py", cache_dir=store)] == []
