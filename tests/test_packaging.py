"""What `pip install` gives a user: the built wheel holds the rule pages and the whole runtime
corpus, and `copysafety verify` run from an unrelated folder proves the rules with it.

The wheel is built from a copy of this working tree (tracked and untracked, not ignored
files) without network access (`--no-build-isolation`), then installed with `--no-deps` into
a virtual environment that sees the installed torch (`--system-site-packages`).
"""

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from test_precommit import _project_files

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p.relative_to(ROOT / "corpus").as_posix() for p in (ROOT / "corpus").rglob("*.py"))


def _case_of(rel: str) -> str:
    """A folder case (`pos_NAME/case.py` and its modules, packages included) is one case,
    named by its folder."""
    corpus = ROOT / "corpus"
    for folder in (corpus / rel).parents:
        if folder == corpus:
            return rel
        if (folder / "case.py").is_file():
            return folder.relative_to(corpus).as_posix()
    return rel


CASES = sorted({_case_of(f) for f in FILES})

pytest.importorskip("setuptools")
pytest.importorskip("wheel")


def _clean_env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the installed copy, not this checkout, must answer
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    for name in _project_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation",
                    "--no-deps", "--no-index", str(source), "-w", str(out)],
                   check=True, capture_output=True, env=_clean_env(), timeout=600)
    [built] = out.glob("flake8_copysafety-*.whl")
    return built


def test_wheel_ships_the_corpus_and_the_rule_pages(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = sorted(n[len("flake8_copysafety/corpus/"):] for n in names
                     if n.startswith("flake8_copysafety/corpus/") and n.endswith(".py"))
    assert shipped == FILES
    pages = sorted(p.name for p in (ROOT / "flake8_copysafety" / "docs").glob("*.md"))
    assert pages and all(f"flake8_copysafety/docs/{page}" in names for page in pages)
    assert not any(n.startswith("corpus/") for n in names)  # no top-level `corpus` package
    # setup.cfg lists the subpackages by name: a new one left out would be missing here
    modules = sorted(n for n in map(str, _project_files())
                     if n.startswith("flake8_copysafety/") and n.endswith(".py"))
    assert modules and [m for m in modules if m not in names] == []


def test_installed_verify_works_from_any_folder(wheel, tmp_path):
    pytest.importorskip("torch")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, env=_clean_env(), timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(python), "-c", "import flake8_copysafety; "
                            "print(flake8_copysafety.__file__)"], cwd=str(elsewhere),
                           capture_output=True, text=True, env=_clean_env(), check=True)
    assert Path(where.stdout.strip()).is_relative_to(env_dir)
    done = subprocess.run([str(python), "-m", "flake8_copysafety", "verify", "--format", "json"],
                          cwd=str(elsewhere), capture_output=True, text=True, env=_clean_env(),
                          timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = json.loads(done.stdout)
    assert sorted(r["case"] for r in rows) == [f"corpus/{case}" for case in CASES]
    assert all(r["agree"] for r in rows)
    cuda = subprocess.run([str(python), "-m", "flake8_copysafety", "verify", "--device", "cuda",
                           "--format", "json"], cwd=str(elsewhere), capture_output=True,
                          text=True, env=_clean_env(), timeout=900)
    assert cuda.returncode == 0, cuda.stderr
    import torch

    if not torch.cuda.is_available():
        assert json.loads(cuda.stdout) == [] and "CUDA is not available" in cuda.stderr
