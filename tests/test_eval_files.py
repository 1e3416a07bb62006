"""Static findings on eval files equal the `# expect:` markers exactly (line and code), and
start at the column a marker names (`# expect: CPS101:9`, 1-based as flake8 prints it)."""

from pathlib import Path

import pytest

from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.verify.markers import expected_columns, expected_findings

EVAL_FILES = sorted((Path(__file__).parent / "eval_files").glob("*.py"))


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_findings_match_markers(path):
    source = path.read_text()
    findings = lint_source(source, str(path), LintOptions())
    found = sorted((f.line, f.code) for f in findings)
    assert found == sorted(expected_findings(source))
    columns = expected_columns(source)
    at = {(f.line, f.code): f.col + 1 for f in findings if (f.line, f.code) in columns}
    assert at == columns


def test_a_marker_may_name_the_column():
    source = "x = 1  # expect: CPS101:9, CPS104\ny = 2  # expect: CPS202:1\n"
    assert expected_findings(source) == [(1, "CPS101"), (1, "CPS104"), (2, "CPS202")]
    assert expected_columns(source) == {(1, "CPS101"): 9, (2, "CPS202"): 1}


def test_some_eval_markers_name_their_column():
    """The column check is not vacuous: eval files use it."""
    assert sum(len(expected_columns(p.read_text())) for p in EVAL_FILES) >= 5
