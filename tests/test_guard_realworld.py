"""Every real-world case run under `copysafety run` (its main file; a folder case from inside
the folder): a BUG case is reported with a code its `# expect:` header names, a SAFE case is
silent. The cases are small programs rewritten from public bug reports, kept outside this
repository: the test runs on the folder COPYSAFETY_REALWORLD_CASES names, and skips
without it."""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("numpy")
pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parent.parent
FOLDER = os.environ.get("COPYSAFETY_REALWORLD_CASES")
CASES = Path(FOLDER) if FOLDER and Path(FOLDER).is_dir() else None
HEADER = re.compile(r"^# (verdict|expect): (.*)$", re.MULTILINE)
FINDING = re.compile(r"^\S+:\d+:\d+: (CPS\d{3}) ", re.MULTILINE)


def _main_file(case: Path) -> Path:
    if case.is_file():
        return case
    for path in sorted(case.rglob("*.py")):
        if HEADER.search(path.read_text(encoding="utf-8")):
            return path
    raise AssertionError(f"{case}: no file with a `# verdict:` header")


def _cases():
    if CASES is None:
        return []
    return sorted(p for p in CASES.iterdir()
                  if not p.name.startswith(".") and (p.suffix == ".py" or p.is_dir()))


def _run(case: Path):
    main = _main_file(case)
    header = dict(HEADER.findall(main.read_text(encoding="utf-8")))
    done = subprocess.run(
        [sys.executable, "-m", "flake8_copysafety", "run", main.name], cwd=main.parent,
        capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return header, done


@pytest.fixture(scope="module")
def runs():
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(_cases(), pool.map(_run, _cases())))


@pytest.mark.skipif(CASES is None, reason="COPYSAFETY_REALWORLD_CASES names no folder")
@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_realworld_case_under_the_guards(runs, case):
    header, done = runs[case]
    found = FINDING.findall(done.stderr)
    if header["verdict"].strip() == "BUG":
        expected = set(re.findall(r"CPS\d{3}", header["expect"].split(" on ")[0]))
        assert expected & set(found), done.stderr
        assert done.returncode == 1, done.stderr
    else:
        assert found == [], done.stderr
        assert done.returncode == 0, done.stderr
