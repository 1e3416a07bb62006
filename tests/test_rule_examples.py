"""Every rule page's examples are programs that behave as the page says: pasted into a file,
each "Example" gets the rule's finding on exactly the lines marked `# CPSnnn`, and each
"Use instead" is silent."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "flake8_copysafety" / "docs"
MARK = re.compile(r"#\s*(CPS\d{3})\b")


def _section(page: str, heading: str) -> str:
    found = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^### |\Z)", page, re.S | re.M)
    return found.group(1) if found else ""


def _examples():
    found = []
    for path in sorted(PAGES.glob("CPS*.md")):
        code, page = path.stem, path.read_text(encoding="utf-8")
        for heading, fires in (("Example", True), ("Use instead", False)):
            blocks = re.findall(r"^```python\n(.*?)^```", _section(page, heading), re.S | re.M)
            found += [(code, heading, n, block, fires) for n, block in enumerate(blocks)]
    return found


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    """(folder name, line, code) of one flake8 run over every example, each in a project of
    its own."""
    root = tmp_path_factory.mktemp("examples")
    for code, heading, n, block, _ in EXAMPLES:
        folder = root / _name(code, heading, n)
        folder.mkdir()
        (folder / "pyproject.toml").write_text("")
        (folder / "example.py").write_text(block)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("COPYSAFETY_WORKER", None)
    run = subprocess.run([sys.executable, "-m", "flake8", "--select=CPS", "--extend-select=CPS104",
                          "--copysafety-no-cache", "--format=%(path)s:%(row)d:%(code)s", "."],
                         cwd=str(root), capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode in (0, 1) and not run.stderr, run.stderr
    found = set()
    for line in run.stdout.splitlines():
        path, row, code = line.rsplit(":", 2)
        found.add((Path(path).parent.name, int(row), code))
    return found


def _name(code, heading, n):
    return f"{code}_{heading.replace(' ', '_')}_{n}"


def test_every_dataset_and_state_dict_rule_has_a_firing_example_and_a_fix():
    for code in ("CPS101", "CPS102", "CPS103", "CPS104", "CPS201", "CPS202"):
        kinds = {fires for c, _, _, _, fires in EXAMPLES if c == code}
        assert kinds == {True, False}, code


@pytest.mark.parametrize("code,heading,n,block,fires", EXAMPLES,
                         ids=[_name(*e[:3]) for e in EXAMPLES])
def test_page_example(findings, code, heading, n, block, fires):
    compile(block, f"{code} {heading}", "exec")  # a whole program, not a fragment
    name = _name(code, heading, n)
    got = sorted((line, c) for folder, line, c in findings if folder == name)
    marked = sorted((number, c) for number, text in enumerate(block.splitlines(), 1)
                    for c in MARK.findall(text[text.find("#"):] if "#" in text else ""))
    if fires:
        assert marked and all(c == code for _, c in marked), marked
        assert got == marked
    else:
        assert got == [] and marked == []
