"""The README's promises: its two set-up commands, CI's command, the rule pages' text."""

import re
from pathlib import Path

import pytest

from flake8_copysafety.rules.pages import readme_page
from flake8_copysafety.rules.catalogue import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = ('python3 -m pip install torch==2.13.0 && python3 -m pip install -e ".[test]" '
                "&& python3 -m pytest -q tests")


def test_readme_has_the_two_fresh_machine_commands():
    assert TEST_COMMAND in README
    match = re.search(r"python3 -m pip install \. && python3 -m flake8 --select=CPS (\S+)",
                      README)
    assert match and (ROOT / match.group(1)).is_file()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "pip install -q torch==2.13.0" in ci
    assert 'pip install -q -e ".[test]"' in ci
    assert re.search(r"python3 -m pytest -q\b.* tests", ci)


@pytest.mark.parametrize("code", sorted(RULES))
def test_readme_includes_each_rule_page(code):
    page = readme_page(code)
    assert page is not None and page in README


def test_readme_says_how_to_get_the_cpu_build_of_torch():
    assert "--index-url https://download.pytorch.org/whl/cpu" in README


def test_pre_commit_examples_pin_a_rev_that_exists():
    """A tag named as `rev:` for this repository must exist; until a release is tagged the
    README says to pin a commit, and installs from the repository URL."""
    import subprocess

    tags = subprocess.run(["git", "tag", "--list"], cwd=str(ROOT), capture_output=True,
                          text=True).stdout.split()
    revs = re.findall(r"flake8-copysafety\n\s+rev: (.+)", README)
    assert revs
    for rev in revs:
        assert rev.strip() in tags or rev.strip() == "<full commit hash>", rev
    assert "pin a commit" in README
    assert "git+https://github.com/flake8-copysafety/flake8-copysafety" in README
