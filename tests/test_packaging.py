"""What `pip install` gives a user: the built wheel holds the rule pages and the whole runtime
corpus, and `copysafety verify` run from an unrelated folder proves the rules with it.

The wheel is built from a copy of this working tree (tracked and untracked, not ignored
files) without network access (`--no-build-isolation`), then installed with `--no-deps` into
a fresh virtual environment that sees this interpreter's packages (torch, flake8, libcst)
through a `.pth` file: `--system-site-packages` would show the *base* interpreter's, which
lack them when the tests run inside a virtual environment.
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
try:  # setuptools 70.1 and newer build wheels themselves; older ones need `wheel`
    import setuptools.command.bdist_wheel  # noqa: F401
except ImportError:
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


def test_wheel_metadata_says_where_what_and_which_python(wheel):
    archive = zipfile.ZipFile(wheel)
    [meta] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    lines = archive.read(meta).decode("utf-8").splitlines()
    assert "Requires-Python: >=3.9" in lines
    assert any(line.startswith("Project-URL: Source, https://") for line in lines)
    assert any(line.startswith("Project-URL: Changelog, ") for line in lines)
    assert "Classifier: Programming Language :: Python :: 3.9" in lines
    assert "License-File: LICENSE" in lines
    assert any(n.endswith("licenses/LICENSE") or n.endswith("/LICENSE")
               for n in archive.namelist())
    # the extra is bounded, never a bare `torch` that takes any build the index offers
    torch_extra = [line for line in lines
                   if line.startswith("Requires-Dist: torch") and 'extra == "verify"' in line]
    assert torch_extra and "<3" in torch_extra[0], torch_extra


def _venv_seeing_these_packages(env_dir: Path) -> Path:
    """A virtual environment whose own site-packages come first, then the folders this
    interpreter imports its packages from (a plain path list: their own `.pth` files, such
    as this checkout's editable install, are not run)."""
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    own = subprocess.run([str(python), "-c",
                          "import sysconfig; print(sysconfig.get_path('purelib'))"],
                         capture_output=True, text=True, check=True,
                         env=_clean_env()).stdout.strip()
    outer = [p for p in sys.path if p and Path(p).is_dir()
             and p.rstrip("/").endswith(("site-packages", "dist-packages"))]
    import torch

    outer.append(str(Path(torch.__file__).resolve().parent.parent))
    Path(own, "outer_packages.pth").write_text("\n".join(dict.fromkeys(outer)) + "\n")
    return python


def test_nested_venv_sees_torch_but_its_own_copy_of_the_package(tmp_path):
    """The nested environment of the test below, inside a virtual environment too."""
    pytest.importorskip("torch")
    python = _venv_seeing_these_packages(tmp_path / "env")
    found = subprocess.run([str(python), "-c", "import torch, flake8, libcst, sys; "
                            "print(sys.prefix)"], capture_output=True, text=True,
                           env=_clean_env())
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()) == tmp_path / "env"


def test_installed_verify_works_from_any_folder(wheel, tmp_path):
    pytest.importorskip("torch")
    env_dir = tmp_path / "env"
    python = _venv_seeing_these_packages(env_dir)
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
    import torch

    if torch.cuda.is_available():
        assert cuda.returncode == 0, cuda.stderr
    else:
        assert cuda.returncode == 2 and cuda.stdout == ""
        assert "CUDA is not available" in cuda.stderr
