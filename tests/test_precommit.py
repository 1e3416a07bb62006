"""The pre-commit hook, run by the real `pre-commit` from a repository holding this project.

The hook repository is a fresh git repository made from this working tree (tracked and
untracked, not ignored files), so the test sees uncommitted changes too. pre-commit builds
the hook's virtualenv once per test session (pip installs the project; about 15 s with a
warm pip cache).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import CANONICAL, CLEAN, MAYBE_NOOP, run_process, write

pre_commit = pytest.importorskip("pre_commit")
GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = ["-c", "user.name=copysafety tests", "-c", "user.email=tests@example.invalid",
            "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def git(cwd, *args):
    return subprocess.run([GIT, *IDENTITY, *args], cwd=str(cwd), check=True,
                          capture_output=True, text=True)


def _project_files():
    try:
        listed = subprocess.run(
            [GIT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=str(ROOT), check=True, capture_output=True).stdout.decode().split("\0")
        return [name for name in listed if name and (ROOT / name).is_file()]
    except (subprocess.CalledProcessError, OSError):
        keep = ("flake8_copysafety/", "corpus/", "setup.cfg", "pyproject.toml", "README.md",
                ".pre-commit-hooks.yaml")
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                if p.is_file() and str(p.relative_to(ROOT)).startswith(keep)]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory):
    """A committed copy of this project, and the revision pre-commit should use."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in _project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    rev = git(repo, "rev-parse", "HEAD").stdout.strip()
    return repo, rev


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


def user_repo(path, hook_repo, files, args=None):
    repo, rev = hook_repo
    config = f"repos:\n- repo: {repo.as_posix()}\n  rev: {rev}\n  hooks:\n  - id: copysafety\n"
    if args:
        config += f"    args: {args}\n"
    write(path, dict(files, **{".pre-commit-config.yaml": config}))
    git(path, "init", "-q")
    git(path, "add", "-A")
    return path


def pre_commit_run(repo, home):
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("PRE_COMMIT", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=str(repo), env=env, capture_output=True, text=True, timeout=600)


def test_manifest():
    from pre_commit.clientlib import load_manifest

    [hook] = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "copysafety"
    assert hook["entry"] == "copysafety check"
    assert hook["language"] == "python"
    assert hook["types"] == ["python"]
    # one run over every staged file: one summary, never "Found ..." then "All checks passed"
    assert hook["require_serial"] is True
    assert hook["pass_filenames"] is True


def test_hook_fails_on_a_bug_and_passes_once_fixed(tmp_path, hook_repo, pre_commit_home):
    repo = user_repo(tmp_path / "user", hook_repo, {
        "data/ds.py": CANONICAL, "ok.py": CLEAN, "build/generated.py": CANONICAL,
        "README.md": "# demo\n", **{f"more/ok{n}.py": CLEAN for n in range(8)},
    })
    failing = pre_commit_run(repo, pre_commit_home)
    assert failing.returncode != 0, failing.stdout + failing.stderr
    assert "data/ds.py:11:9: CPS101" in failing.stdout
    assert failing.stdout.count("Found 1 finding") == 1
    assert "All checks passed" not in failing.stdout
    assert "build/generated.py" not in failing.stdout  # excluded even when named

    fixing = run_process(["check", "--fix", "data/ds.py"], repo)
    assert fixing.returncode == 0, fixing.stdout + fixing.stderr
    git(repo, "add", "-A")
    passing = pre_commit_run(repo, pre_commit_home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_no_python_files_is_a_pass(tmp_path, hook_repo, pre_commit_home):
    files = {"README.md": "# nothing to check\n", "data.txt": CANONICAL}
    repo = user_repo(tmp_path / "user", hook_repo, files)
    done = pre_commit_run(repo, pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "(no files to check)Skipped" in done.stdout


def test_hook_args_reach_the_command(tmp_path, hook_repo, pre_commit_home):
    repo = user_repo(tmp_path / "user", hook_repo, {"b.py": MAYBE_NOOP})
    assert pre_commit_run(repo, pre_commit_home).returncode == 0  # CPS104 is off by default
    repo2 = user_repo(tmp_path / "user2", hook_repo, {"b.py": MAYBE_NOOP},
                      args="[--extend-select, CPS104]")
    done = pre_commit_run(repo2, pre_commit_home)
    assert done.returncode == 1 and "b.py:11:9: CPS104" in done.stdout
