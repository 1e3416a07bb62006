"""The README's promises: short, its commands run, its links (and docs/'s) lead somewhere,
CI runs its test command."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_copysafety.rules.catalogue import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_COMMAND = ("python3 -m venv .venv && . .venv/bin/activate && python -m pip install . "
                   "&& python -m flake8 --select=CPS ")
TEST_COMMAND = ("python3 -m venv .venv && . .venv/bin/activate && "
                "python -m pip install torch==2.13.0 && python -m pip install -e \".[test]\" "
                "&& python -m pytest -q tests")
DOCUMENTS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "flake8_copysafety" / "docs").glob("*.md"))]
SECTIONS = ("What it finds", "Install", "Quick start", "Rules", "Configuration", "pre-commit",
            "CI", "Editors", "Runtime guard", "Limitations", "FAQ", "Python versions",
            "Licence")


def _blocks(text, *languages):
    return re.findall(r"^```(?:%s)\n(.*?)^```" % "|".join(languages), text, re.S | re.M)


def test_readme_is_short_and_has_its_sections_once():
    assert len(README.splitlines()) <= 400
    headings = re.findall(r"^## (.+)$", README, re.M)
    for section in SECTIONS:
        assert headings.count(section) == 1, section
    assert "### Known problems" not in README  # one Limitations section, not one per rule


def test_install_command_makes_a_venv_and_lints_a_real_example():
    match = re.search(re.escape(INSTALL_COMMAND) + r"(\S+)", README)
    assert match, "the install command"
    example = ROOT / match.group(1)
    assert example.is_file()
    run = subprocess.run([sys.executable, "-m", "flake8", "--select=CPS", "--copysafety-no-cache",
                          match.group(1)], cwd=str(ROOT), capture_output=True, text=True,
                         env=_env())
    assert run.returncode == 1 and " CPS102 " in run.stdout, run.stdout + run.stderr


def test_ci_runs_the_readme_test_command():
    assert TEST_COMMAND in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert TEST_COMMAND in ci


def test_readme_says_how_to_get_the_cpu_build_of_torch():
    assert "--index-url https://download.pytorch.org/whl/cpu" in README


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading)
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    found = {_slug(h) for h in re.findall(r"^#+\s+(.+?)\s*$", text, re.M)}
    return found | set(re.findall(r'<a id="([^"]+)"', text))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_lead_somewhere(document):
    text = re.sub(r"^```.*?^```", "", document.read_text(encoding="utf-8"), flags=re.S | re.M)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (document.parent / path).resolve() if path else document
        assert resolved.exists(), (document.name, target)
        if anchor and resolved.suffix == ".md":
            assert anchor in _anchors(resolved), (document.name, target)


def test_rules_table_links_every_rule_page():
    for code in RULES:
        assert f"[{code}](flake8_copysafety/docs/{code}.md)" in README, code


def _env():
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("COPYSAFETY_WORKER", None)
    return env


def _readme_commands():
    """`flake8` and `copysafety` command lines of the README's shell and CI blocks."""
    found = []
    for block in _blocks(README, "sh", "yaml"):
        for line in block.splitlines():
            line = re.sub(r"^\s*(- )?(run: )?", "", line).split("  #")[0].strip()
            if line.startswith(("flake8 ", "copysafety ")) and "<" not in line:
                found.append(line)
    return found


BUGGY = '''import torch
from torch.utils.data import Dataset


class Rows(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        x += 1
        return x
'''


def test_readme_has_commands_to_run():
    commands = _readme_commands()
    assert any(c.startswith("copysafety check") for c in commands)
    assert any("--output-format sarif" in c for c in commands)
    assert any("--output-format gitlab" in c for c in commands)


@pytest.mark.parametrize("command", _readme_commands())
def test_readme_command_runs(command, tmp_path):
    """Each command, on a small project with one finding: no usage error, and what it
    promises (a finding, a diff, a page, an output file) is there."""
    args = shlex.split(command)
    if args[0] == "copysafety" and args[1] in ("run", "verify"):
        pytest.skip("runs a program under torch: covered by tests/test_guard*.py, test_verify.py")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "data.py").write_text(BUGGY)
    if args[0] == "flake8":
        args = [sys.executable, "-m", "flake8", "--copysafety-no-cache"] + args[1:]
    else:
        args = [sys.executable, "-m", "flake8_copysafety"] + args[1:] + (
            ["--no-cache"] if args[1] == "check" else [])
    run = subprocess.run(args, cwd=str(tmp_path), capture_output=True, text=True, env=_env(),
                         timeout=300)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "error:" not in run.stderr, run.stderr
    if "-o" in args:
        assert (tmp_path / args[args.index("-o") + 1]).stat().st_size > 0
    elif "rule" in args[:4]:
        assert "CPS202" in run.stdout
    elif "--diff" in args:
        assert ".clone()" in run.stdout
    elif "--fix" in args:
        assert ".clone()" in (tmp_path / "src" / "data.py").read_text()
    else:
        assert "CPS101" in run.stdout or "::" in run.stdout, run.stdout


def test_pre_commit_examples_pin_a_rev_that_exists():
    """A tag named as `rev:` for this repository must exist; until a release is tagged the
    README says to pin a commit, and installs from the repository URL."""
    tags = subprocess.run(["git", "tag", "--list"], cwd=str(ROOT), capture_output=True,
                          text=True).stdout.split()
    revs = re.findall(r"flake8-copysafety\n\s+rev: (.+)", README)
    assert revs
    for rev in revs:
        assert rev.strip() in tags or rev.strip() == "<full commit hash>", rev
    assert "pin a commit" in README
    assert "git+https://github.com/flake8-copysafety/flake8-copysafety" in README


def test_licence_and_changelog_exist():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "## 0.1.0" in (ROOT / "CHANGELOG.md").read_text()
