"""`copysafety check --fix` on before/after file pairs: `tests/fix_cases/<code>_<name>.py` is
fixed into exactly the bytes of `<code>_<name>.fixed.py`, and the fixed file no longer has the
code. Every code the analysis can fix has a pair (the rewrite `--fix` applies is the fix the
message names)."""

from pathlib import Path

import pytest

from cli_support import run_main
from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.rules.catalogue import RULES

CASES = Path(__file__).resolve().parent / "fix_cases"
BEFORE = sorted(p for p in CASES.glob("*.py") if not p.name.endswith(".fixed.py"))
# Every code with a fix title, i.e. every rule but the engine's own notices (CPS9xx).
FIXABLE = sorted(code for code, rule in RULES.items() if rule.fix_title)


def _code(before: Path) -> str:
    return before.name.split("_", 1)[0].upper()


def _after(before: Path) -> Path:
    return before.with_name(before.stem + ".fixed.py")


def test_every_fixable_code_has_a_pair():
    assert FIXABLE and {_code(p) for p in BEFORE} == set(FIXABLE)
    assert all(_after(p).is_file() for p in BEFORE)
    assert sorted(CASES.glob("*.fixed.py")) == sorted(_after(p) for p in BEFORE)


@pytest.mark.parametrize("before", BEFORE, ids=lambda p: p.stem)
def test_fix_gives_the_after_file(before, tmp_path, monkeypatch, capsys):
    code = _code(before)
    source = before.read_bytes()
    found = lint_source(source.decode("utf-8"), before.name, LintOptions())
    assert [f.code for f in found] == [code], found
    assert found[0].fix is not None, found[0]
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")
    (tmp_path / before.name).write_bytes(source)
    status, out, err = run_main(capsys, "check", "--select", "CPS", "--fix", before.name)
    assert (status, out) == (0, "All checks passed\n"), err
    assert err == "copysafety: fixed 1 finding in 1 file; 0 remaining\n"
    fixed = (tmp_path / before.name).read_bytes()
    assert fixed == _after(before).read_bytes()
    assert not [f for f in lint_source(fixed.decode("utf-8"), before.name, LintOptions())
                if f.code == code]
