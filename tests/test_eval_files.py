"""Static findings on eval files equal the `# expect:` markers exactly (line and code)."""

from pathlib import Path

import pytest

from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.verify.markers import expected_findings

EVAL_FILES = sorted((Path(__file__).parent / "eval_files").glob("*.py"))


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_findings_match_markers(path):
    source = path.read_text()
    found = sorted((f.line, f.code) for f in lint_source(source, str(path), LintOptions()))
    assert found == sorted(expected_findings(source))
