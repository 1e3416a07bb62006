"""The package type-checks: mypy (pinned in the `test` extra, configured in setup.cfg) runs
over every module and finds nothing. The seams between layers are typed (protocols, named
tuples, typed dicts), so a change that breaks one fails here, not in a user's editor."""

import configparser
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "flake8_copysafety"


def _mypy_sections() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def test_the_check_covers_the_package_and_switches_nothing_off():
    config = _mypy_sections()
    assert config["mypy"]["files"].strip() == "flake8_copysafety"
    for name in config.sections():
        if name == "mypy" or name.startswith("mypy-"):
            assert "ignore_errors" not in config[name], name
            assert "exclude" not in config[name], name
    # only flake8, which ships no types, is taken on trust
    assert [n for n in config.sections() if n.startswith("mypy-")] == ["mypy-flake8.*"]


def test_mypy_passes_on_every_module():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = re.search(r"Success: no issues found in (\d+) source files", result.stdout)
    assert checked is not None, result.stdout
    assert int(checked.group(1)) == len(list(PACKAGE.rglob("*.py")))
