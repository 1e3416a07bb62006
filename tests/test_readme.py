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
