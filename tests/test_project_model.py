"""The project model: classes, bases, re-exports and construction sites across modules, and
its on-disk cache (content-keyed, atomic, ignorable)."""

import json
import textwrap

from flake8_copysafety.project.model import (CACHE_DIR_NAME, ProjectModel, module_name,
                                             project_model_for, project_roots)


def write(root, files):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


PROJECT = {
    "pyproject.toml": "",
    "pkg/__init__.py": "from .models.net import Net\n",
    "pkg/models/__init__.py": "",
    "pkg/models/base.py": """\
        import torch.nn as nn
        class Base(nn.Module):
            def forward(self, x):
                return x
    """,
    "pkg/models/net.py": """\
        from .base import Base
        class Net(Base):
            def __init__(self, width=3):
                super().__init__()
    """,
    "pkg/data.py": """\
        from torch.utils.data import Dataset
        class Plain:
            pass
        class Digits(Dataset):
            def __init__(self, transform=None):
                self.transform = transform
    """,
    "train.py": """\
        import pkg
        from pkg.data import Digits
        from pkg.transforms import Normalize
        model = pkg.Net(width=4)
        ds = Digits(transform=Normalize(0.5))
    """,
}


def test_classes_bases_and_reexports_across_modules(tmp_path):
    write(tmp_path, PROJECT)
    model = ProjectModel([tmp_path], use_cache=False)
    assert model.resolve("train", "pkg.Net") == "pkg.models.net.Net"
    assert model.ancestors("pkg.models.net.Net") == [
        "pkg.models.net.Net", "pkg.models.base.Base", "torch.nn.Module"]
    assert model.derives_from("pkg.models.net.Net", {"torch.nn.Module"})
    assert not model.derives_from("pkg.data.Plain", {"torch.nn.Module"})
    assert sorted(model.subclasses_of({"torch.nn.Module"})) == [
        "pkg.models.base.Base", "pkg.models.net.Net"]
    assert model.method_owner("pkg.models.net.Net", "forward") == "pkg.models.base.Base"


def test_construction_sites_with_their_arguments(tmp_path):
    write(tmp_path, PROJECT)
    model = ProjectModel([tmp_path], use_cache=False)
    [site] = model.constructions("pkg.data.Digits")
    assert (site.module, site.line) == ("train", 5)
    assert site.keywords["transform"] == ("call", "Normalize", [("const", "0.5")], {})
    assert model.resolve(site.module, "Normalize") == "pkg.transforms.Normalize"
    [net] = model.constructions("pkg.models.net.Net")
    assert net.keywords == {"width": ("const", "4")}


def test_roots_found_upwards_from_a_linted_file(tmp_path):
    write(tmp_path, PROJECT)
    assert project_roots(tmp_path / "pkg" / "models" / "net.py") == [tmp_path.resolve()]
    assert module_name((tmp_path / "pkg" / "models" / "net.py")) == "pkg.models.net"
    loose = tmp_path / "loose"
    write(loose, {"a/__init__.py": "", "a/b.py": "", "main.py": "", "notes/x.py": ""})
    (tmp_path / "pyproject.toml").unlink()
    roots = project_roots(loose / "a" / "b.py")
    assert [r.name for r in roots] == ["a", "main.py"]  # what is importable from loose/


def test_cache_is_reused_by_content_and_survives_corruption(tmp_path):
    write(tmp_path, PROJECT)
    first = ProjectModel([tmp_path], use_cache=True)
    folder = tmp_path / CACHE_DIR_NAME
    assert first.resolve("pkg.models.net", "Base") == "pkg.models.base.Base"
    assert not folder.exists()  # entries are made on demand, and stored when asked to
    first.save_entries()
    [cache] = folder.glob("model-*.json")
    assert (folder / ".gitignore").read_text().strip().endswith("*")
    stored = json.loads(cache.read_bytes())["entries"]
    assert 0 < len(stored) < len(first.files)  # only the modules the query read
    every = len(first.entries)  # iterating builds every entry, and stores them
    assert len(json.loads(cache.read_bytes())["entries"]) == every
    again = ProjectModel([tmp_path], use_cache=True)
    assert again.entries == first.entries
    cache.write_bytes(b"not json")
    rebuilt = ProjectModel([tmp_path], use_cache=True)
    assert rebuilt.entries == first.entries
    assert len(json.loads(cache.read_bytes())["entries"]) == len(first.entries)


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    write(tmp_path, PROJECT)
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")
    assert project_model_for(tmp_path / "train.py") is not None
    assert not (tmp_path / CACHE_DIR_NAME).exists()


def test_syntax_errors_and_stdin_are_silent(tmp_path):
    write(tmp_path, {"pyproject.toml": "", "bad.py": "def (:\n", "ok.py": "class A: pass\n"})
    model = ProjectModel([tmp_path], use_cache=False)
    assert "bad" not in model.entries and "ok" in model.entries
    assert project_model_for("-") is None


def test_scripts_of_the_same_name_in_different_folders(tmp_path):
    write(tmp_path, {
        "pyproject.toml": "",
        "a/dataset.py": "class Digits:\n    pass\n",
        "a/train.py": "from dataset import Digits\nDigits()\n",
        "b/dataset.py": "class Digits:\n    pass\n",
        "b/train.py": "from dataset import Digits\nDigits()\n",
    })
    model = ProjectModel([tmp_path], use_cache=False)
    b_train = model.module_of(tmp_path / "b" / "train.py")
    b_dataset = model.module_of(tmp_path / "b" / "dataset.py")
    assert b_train != "train" and b_dataset != "dataset"  # the second of each name
    assert model.resolve(b_train, "Digits") == f"{b_dataset}.Digits"
    assert model.resolve("train", "Digits") == "dataset.Digits"
    [site] = model.constructions(f"{b_dataset}.Digits")
    assert site.module == b_train


def test_check_with_no_cache_writes_no_cache_folder(tmp_path):
    """`copysafety check --no-cache` on a project whose transform module needs the model."""
    import subprocess
    import sys
    from pathlib import Path

    write(tmp_path, {**PROJECT, "pkg/transforms.py": """\
        class Normalize:
            def __init__(self, mean):
                self.mean = mean
            def __call__(self, x):
                x -= self.mean
                return x
    """})
    root = Path(__file__).resolve().parent.parent
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "flake8_copysafety", "check", "--no-cache",
                           "--isolated", "."], cwd=tmp_path, capture_output=True, text=True,
                          env=env)
    assert done.returncode in (0, 1), done.stderr
    assert not (tmp_path / CACHE_DIR_NAME).exists()
    subprocess.run([sys.executable, "-m", "flake8_copysafety", "check", "--isolated", "."],
                   cwd=tmp_path, capture_output=True, text=True, env=env)
    assert list((tmp_path / CACHE_DIR_NAME).glob("model-*.json"))


def test_modules_near_lists_the_folder_then_the_ones_above(tmp_path):
    write(tmp_path, PROJECT)
    model = ProjectModel([tmp_path], use_cache=False)
    here = tmp_path / "pkg" / "models" / "net.py"
    near = [path.relative_to(tmp_path).as_posix() for _, path in model.modules_near(here)]
    assert near[:4] == ["pkg/models/__init__.py", "pkg/models/base.py", "pkg/__init__.py",
                        "pkg/data.py"]
    assert "pkg/models/net.py" not in near and "train.py" in near
    assert len(list(model.modules_near(here, limit=2))) == 2
    assert [p.name for _, p in model.modules_near(here, levels=1)] == ["__init__.py",
                                                                       "base.py"]


def test_a_module_is_parsed_once_per_model(tmp_path):
    write(tmp_path, PROJECT)
    model = ProjectModel([tmp_path], use_cache=False)
    first = model.tree("pkg.models.base")
    assert first is not None and model.tree("pkg.models.base") is first
    (tmp_path / "broken.py").write_text("def (:\n")
    assert ProjectModel([tmp_path], use_cache=False).tree("broken") is None


SNAPSHOT = textwrap.dedent("""\
    def main(batches):
        model = {ctor}
        start = model.state_dict()
        for x in batches:
            model.fc.weight.data.add_(x)
        model.load_state_dict(start)
""")


def test_a_module_class_of_another_module_is_known_through_the_model(tmp_path):
    """A class whose module base is two modules away, imported relatively or through a
    package's re-export, is a torch module: its `state_dict()` snapshot is CPS202; a class
    whose bases end outside torch is not, and stays silent."""
    from flake8_copysafety.engine.pipeline import lint_source

    write(tmp_path, {**PROJECT, "pkg/models/plain.py": "class Plain:\n    pass\n"})
    cases = {"pkg/models/train.py": ("from .net import Net\n", "Net()", [(4, "CPS202")]),
             "train_all.py": ("import pkg\n", "pkg.Net()", [(4, "CPS202")]),
             "pkg/models/other.py": ("from .plain import Plain\n", "Plain()", [])}
    write(tmp_path, {rel: imports + SNAPSHOT.format(ctor=ctor)
                     for rel, (imports, ctor, _) in cases.items()})
    for rel, (_, _, expected) in cases.items():
        path = tmp_path / rel
        found = lint_source(path.read_text(), str(path))
        assert [(f.line, f.code) for f in found] == expected, rel


def test_a_relative_path_is_looked_up_from_the_working_directory(tmp_path, monkeypatch):
    """The same relative name in two projects, one process (`copysafety check` run from
    each folder in turn, a library caller): each file gets its own project."""
    from cli_support import write
    from test_worker import HELPED, HELPER

    from flake8_copysafety.engine.pipeline import lint_source

    copying, sharing = tmp_path / "copying", tmp_path / "sharing"
    write(copying, {"helpers.py": HELPER,
                    "ds.py": HELPED.replace("self.data[idx])", "self.data[idx].clone())")})
    write(sharing, {"helpers.py": HELPER, "ds.py": HELPED})
    for folder, expected in ((copying, []), (sharing, [(2, "CPS101")]), (copying, [])):
        monkeypatch.chdir(folder)
        found = lint_source(HELPER, "helpers.py")
        assert [(f.line, f.code) for f in found] == expected, folder.name


def test_the_model_keeps_only_the_trees_asked_for_last(tmp_path, monkeypatch):
    from flake8_copysafety.project import model as project_model

    monkeypatch.setattr(project_model, "TREES_KEPT", 3)
    for n in range(5):
        (tmp_path / f"m{n}.py").write_text(f"VALUE = {n}\n")
    model = ProjectModel([tmp_path], use_cache=False)
    for n in (0, 1, 2, 0, 3, 4):
        assert model.tree(f"m{n}").body[0].value.value == n
    assert list(model._trees) == ["m0", "m3", "m4"]  # m0 was asked for again: kept
    assert model.tree("m1").body[0].value.value == 1  # parsed again


DATASETS = {
    "pyproject.toml": "",
    "pkg/__init__.py": "",
    "pkg/base.py": """\
        class Frames:
            def __getitem__(self, index):
                return self.frames[index]
            def __len__(self):
                return len(self.frames)
    """,
    "pkg/uses.py": """\
        from .base import Frames
        def build():
            return Frames()
    """,
    "pkg/renames.py": "from .base import Frames as Clips\n",
    "pkg/derived.py": """\
        from . import renames
        class Shots(
            renames.Clips,
        ):
            pass
    """,
    "pkg/odd.py": """\
        from .base import Frames
        class Odd(Frames  # a comment in the bases
                  ):
            pass
    """,
}


def test_the_dataset_search_reads_only_the_modules_that_may_derive_or_rename(tmp_path):
    """A module that only calls a dataset (`uses.py`) is not read; one deriving from it
    through an import's rename, over several lines, or with a header that cannot be
    delimited (a comment in it) is."""
    from flake8_copysafety.project.reach import dataset_classes, dataset_modules

    write(tmp_path, DATASETS)
    model = ProjectModel([tmp_path], use_cache=False)
    assert model.modules_deriving(["Frames"]) == ["pkg.odd", "pkg.renames"]
    assert model.modules_deriving(["__getitem__"]) == ["pkg.base"]
    assert dataset_modules(model) == ["pkg.base", "pkg.derived", "pkg.odd"]
    assert dataset_classes(model, "pkg.derived") == ["Shots"]
    assert "pkg.uses" not in model._made
