"""The guards place findings in the user's code when that code is installed: a project
installed with pip (not editable) into a virtual environment and run as `copysafety run -m
pkg.train`, and the corpus shipped inside an installed wheel (`verify --observer guard`)."""

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from test_packaging import _clean_env, wheel  # noqa: F401 - the fixture

pytest.importorskip("numpy")
pytest.importorskip("torch")

TRAIN = '''\
import torch
from torch.utils.data import DataLoader, Dataset


class Images(Dataset):
    def __init__(self):
        self.images = torch.rand(8, 3)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        image = self.images[index]
        image.sub_(0.5)
        return image


for batch in DataLoader(Images(), batch_size=4):
    pass
'''

PYPROJECT = '''\
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "tinytrain"
version = "0.1"

[tool.setuptools.packages.find]
where = ["src"]
'''


def _pip(python: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", "--no-build-isolation", *args],
                   check=True, capture_output=True, env=_clean_env(), timeout=600)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):  # noqa: F811 - the fixture
    """A virtual environment with this package (from its wheel) and a user's project."""
    root = tmp_path_factory.mktemp("installed")
    project = root / "project"
    (project / "src" / "tinytrain").mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT)
    (project / "src" / "tinytrain" / "__init__.py").write_text("")
    (project / "src" / "tinytrain" / "train.py").write_text(TRAIN)
    env_dir = root / "env"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _pip(bin_dir / "python", str(wheel), str(project))
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return bin_dir, elsewhere


def test_an_installed_project_run_as_a_module_is_user_code(installed):
    bin_dir, elsewhere = installed
    done = subprocess.run([str(bin_dir / "copysafety"), "run", "-m", "tinytrain.train"],
                          cwd=str(elsewhere), capture_output=True, text=True,
                          env=_clean_env(), timeout=300)
    lines = [line for line in done.stderr.splitlines() if ": CPS" in line]
    assert len(lines) == 1, done.stderr
    path, line, column, rest = lines[0].split(":", 3)
    assert Path(path).parts[-3:] == ("site-packages", "tinytrain", "train.py"), lines
    assert (line, column, rest.split()[0]) == ("14", "9", "CPS101"), lines
    assert done.returncode == 1


@pytest.mark.parametrize("case", [
    "cps101/caches_and_loaders/pos_cache_getitem_item_changed_in_collate_fn.py",
    "cps101/caches_and_loaders/pos_collate_fn_normalises_items.py",
    "cps101/caches_and_loaders/pos_lru_cache_helper_item_changed_in_loop.py",
    "cps103/pos_lru_cache_getitem_item_changed_in_loop.py",
    "cps103/pos_collate_fn_changes_items.py",
    "cps103/neg_collate_fn_changes_its_copy.py"])
def test_installed_guard_observer_agrees_on_cache_and_collate_cases(installed, case):
    bin_dir, elsewhere = installed
    code = ("import json, sys\n"
            "from flake8_copysafety.verify.runtime import run_case\n"
            "from importlib.resources import files\n"
            f"path = str(files('flake8_copysafety') / 'corpus' / {case!r})\n"
            "print(json.dumps(run_case(path, 'cpu', 'guard')))\n")
    done = subprocess.run([str(bin_dir / "python"), "-c", code], cwd=str(elsewhere),
                          capture_output=True, text=True, env=_clean_env(), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    verdict, detail = json.loads(done.stdout.splitlines()[-1])
    assert verdict == ("mutated" if "/pos_" in case else "unchanged"), detail
