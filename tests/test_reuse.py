"""The last analysis of a file, reused after an edit that cannot change its findings: the
reused findings are those a fresh analysis gives (lines moved with their statements), and
libcst is not imported; an edit of what the analysis reads is analysed again."""

import ast
from pathlib import Path

import pytest

from flake8_copysafety.core.names import ImportTable
from flake8_copysafety.engine import analyse, cache
from flake8_copysafety.engine.pipeline import lint_source
from flake8_copysafety.plan.candidates import plan, region_spans
from flake8_copysafety.project.module_paths import recording_modules

from cli_support import CANONICAL, write
from test_cache import flake8
from test_project_imports import DATASET, TRANSFORMS, _project

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SINGLE_FILE_CASES = sorted(p for p in CORPUS.glob("cps*/*.py"))


def _chosen_spans(text: str, path: Path):
    tree = ast.parse(text)
    chosen = plan(tree, text, ImportTable(tree), (), str(path))
    return chosen, region_spans(tree, chosen) if chosen else []


def _insert(text: str, line: int, new: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(lines[:line - 1] + [new] + lines[line - 1:])


class _Analyses:
    """Counts the libcst analyses run (a reuse runs none) and the project files they read."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        self.consulted = set()
        real = analyse.analyse_plan_placed

        def counting(*args, **kwargs):
            self.count += 1
            with recording_modules() as consulted:
                found = real(*args, **kwargs)
            self.consulted |= {path.resolve() for path in consulted}
            return found

        monkeypatch.setattr(analyse, "analyse_plan_placed", counting)


def test_a_save_after_an_edit_elsewhere_imports_no_libcst(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    first = flake8(tmp_path, "ds.py")
    assert first.stdout.startswith("ds.py:11:9: CPS101 ")
    # lines added above the dataset: the finding moves with it, no analysis runs
    write(tmp_path, {"ds.py": CANONICAL.replace("\nclass D", "\nSEED = 0\nSTEPS = 3\n\nclass D")})
    moved = flake8(tmp_path, "ds.py")
    assert moved.stdout.startswith("ds.py:14:9: CPS101 ")
    assert "libcst imported: False" in moved.stderr
    assert "(stored dataset data, line 13)" in moved.stdout  # the line it names moved too
    assert moved.stdout.replace("line 13", "line 10")[len("ds.py:14:9"):] == \
        first.stdout[len("ds.py:11:9"):]
    # an edit inside the analysed statement: analysed again
    write(tmp_path, {"ds.py": CANONICAL.replace("x += 1", "x += 2")})
    again = flake8(tmp_path, "ds.py")
    assert again.stdout.startswith("ds.py:11:9: CPS101 ")
    assert "libcst imported: True" in again.stderr


@pytest.mark.parametrize("case", SINGLE_FILE_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reused_findings_are_those_of_a_fresh_analysis(case, tmp_path, monkeypatch):
    text = case.read_text(encoding="utf-8")
    path = tmp_path / case.name
    chosen, spans = _chosen_spans(text, path)
    if not chosen or chosen.whole_module:
        pytest.skip("the libcst analysis is not run, or reads the whole module")
    path.write_text(text, encoding="utf-8")
    folder = str(tmp_path / cache.DIR_NAME)
    analyses = _Analyses(monkeypatch)
    lint_source(text, str(path), cache_dir=folder)
    # an analysis that read the file itself through the project model depends on all of it
    reads_itself, analyses.count = path.resolve() in analyses.consulted, 0
    # a statement added above the first analysed one, and another at the end of the file
    edited = _insert(text, spans[0][0], "EDITED = 1\n") + "\nEDITED = 2\n"
    path.write_text(edited, encoding="utf-8")
    reused = lint_source(edited, str(path), cache_dir=folder)
    assert analyses.count == (1 if reads_itself else 0)
    fresh = lint_source(edited, str(path))
    assert [(f, f.fix) for f in reused] == [(f, f.fix) for f in fresh]


def test_an_edit_inside_an_analysed_statement_is_analysed_again(tmp_path, monkeypatch):
    path = tmp_path / "ds.py"
    write(tmp_path, {"ds.py": CANONICAL})
    folder = str(tmp_path / cache.DIR_NAME)
    assert [f.line for f in lint_source(CANONICAL, str(path), cache_dir=folder)] == [11]
    analyses = _Analyses(monkeypatch)
    copied = CANONICAL.replace("x += 1", "x = x.clone()\n        x += 1")
    write(tmp_path, {"ds.py": copied})
    assert lint_source(copied, str(path), cache_dir=folder) == []
    assert analyses.count == 1


def test_an_edit_of_an_unanalysed_class_that_changes_the_evidence_is_seen(tmp_path):
    source = (
        "import torch\n\n\n"
        "class Net(torch.nn.Module):\n"
        "    def __init__(self):\n"
        "        super().__init__()\n"
        "        self.fc = torch.nn.Linear(2, 1)\n\n\n"
        "def main(batches):\n"
        "    model = Net()\n"
        "    start = model.state_dict()\n"
        "    for x in batches:\n"
        "        model.fc.weight.data.add_(x)\n"
        "    model.load_state_dict(start)\n")
    path = tmp_path / "train.py"
    folder = str(tmp_path / cache.DIR_NAME)
    write(tmp_path, {"train.py": source})
    assert [(f.line, f.code) for f in lint_source(source, str(path), cache_dir=folder)] == \
        [(12, "CPS202")]
    # `Net` is no longer shown to be a module: no evidence that `model` is one
    unknown = source.replace("class Net(torch.nn.Module):", "class Net(Base):")
    write(tmp_path, {"train.py": unknown})
    assert lint_source(unknown, str(path), cache_dir=folder) == \
        lint_source(unknown, str(path)) == []


# The helper hands its argument back: `__getitem__`'s own `a += 1` changes stored data.
RETURNS_ITS_ARGUMENT = TRANSFORMS.replace("    im -= mean\n", "")


def test_a_changed_project_module_is_analysed_again(tmp_path, monkeypatch):
    path = _project(tmp_path, RETURNS_ITS_ARGUMENT)
    path.write_text(DATASET.replace("        return a, b, c, d\n",
                                    "        a += 1\n        return a, b, c, d\n"))
    folder = str(tmp_path / cache.DIR_NAME)
    first = lint_source(path.read_text(), str(path), cache_dir=folder)
    assert [(f.line, f.code) for f in first] == [(21, "CPS101")]
    fixed = RETURNS_ITS_ARGUMENT.replace("    return im\n", "    return im - mean\n", 1)
    (tmp_path / "pkg" / "transforms.py").write_text(fixed)
    edited = path.read_text() + "\nEDITED = 1\n"
    path.write_text(edited)
    analyses = _Analyses(monkeypatch)
    assert lint_source(edited, str(path), cache_dir=folder) == []
    assert analyses.count == 1
