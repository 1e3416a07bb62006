"""`copysafety check --fix` and `--diff`: span rewrites that keep everything else as it was."""

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from flake8_copysafety.engine.pipeline import LintOptions, lint_source
from flake8_copysafety.core.findings import Finding, Fix
from flake8_copysafety.fix.rewrites import add_import_copy, apply_fixes, unified_diff

from cli_support import (
    CANONICAL, CANONICAL_FIXED, CLEAN, MAYBE_NOOP, SNAPSHOT, codes_in, run_main, run_process,
    write,
)

EVAL_FILES = sorted((Path(__file__).parent / "eval_files").glob("*.py"))


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def finding(line, col, start, end, replacement, needs_import_copy=False, code="CPS101"):
    fix = Fix(start, end, replacement, needs_import_copy, f"replace with `{replacement}`")
    return Finding(line, col, code, "message", fix=fix)


# --- the fixer on its own (hand-made fixes: its contract is spans, not the analysis) --------

def test_span_replacement_keeps_everything_else():
    text = "a = self.d[i]   # keep me\nif 1:\n\tb = 1  ;  c = self.d[j]\n"
    out = apply_fixes(text, [
        finding(1, 0, (1, 4), (1, 13), "self.d[i].clone()"),
        finding(3, 0, (3, 15), (3, 24), "self.d[j].clone()"),
    ])
    assert out.text == ("a = self.d[i].clone()   # keep me\nif 1:\n"
                        "\tb = 1  ;  c = self.d[j].clone()\n")
    assert len(out.applied) == 2 and out.error is None


def test_several_fixes_on_one_line_apply_bottom_up():
    text = "x = f(self.a[i], self.b[i])\n"
    out = apply_fixes(text, [
        finding(1, 0, (1, 6), (1, 15), "self.a[i].clone()"),
        finding(1, 0, (1, 17), (1, 26), "self.b[i].clone()"),
    ])
    assert out.text == "x = f(self.a[i].clone(), self.b[i].clone())\n"


def test_identical_fixes_count_once_and_overlapping_ones_are_dropped():
    text = "import copy\nmeta = self.meta[idx]\n"
    shared = [finding(n, 0, (2, 7), (2, 21), "copy.deepcopy(self.meta[idx])") for n in (3, 4)]
    inside = finding(5, 0, (2, 12), (2, 16), "OTHER")
    out = apply_fixes(text, shared + [inside])
    assert out.text == "import copy\nmeta = copy.deepcopy(self.meta[idx])\n"
    assert out.applied == shared
    assert out.skipped == [(inside, "overlaps another fix")]


def test_windows_line_endings_are_kept():
    text = "import torch\r\nx = self.d[i]\r\ny = 1\r\n"
    out = apply_fixes(text, [finding(2, 0, (2, 4), (2, 13), "self.d[i].clone()")])
    assert out.text == "import torch\r\nx = self.d[i].clone()\r\ny = 1\r\n"


def test_span_outside_the_file_is_skipped():
    out = apply_fixes("x = 1\n", [finding(1, 0, (1, 4), (1, 40), "y"),
                                  finding(1, 0, (9, 0), (9, 1), "y")])
    assert out.text == "x = 1\n" and not out.applied and len(out.skipped) == 2


def test_result_that_does_not_compile_changes_nothing():
    out = apply_fixes("x = self.d[i]\n", [finding(1, 0, (1, 4), (1, 13), "self.d[i].clone(")])
    assert out.text == "x = self.d[i]\n" and not out.applied
    assert "compile" in out.error


@pytest.mark.parametrize("before, after", [
    # no standard-library group: a group of its own before the third-party imports
    ('"""Doc."""\nimport torch\n\nx = 1\n',
     '"""Doc."""\nimport copy\n\nimport torch\n\nx = 1\n'),
    # into the standard-library group, in alphabetical place
    ("import argparse\nimport os\n\nimport torch\n",
     "import argparse\nimport copy\nimport os\n\nimport torch\n"),
    ("import abc\nfrom typing import List\n\nimport numpy as np\n",
     "import abc\nimport copy\nfrom typing import List\n\nimport numpy as np\n"),
    ("import numpy as np\n\nimport argparse\n",
     "import numpy as np\n\nimport argparse\nimport copy\n"),
    # after __future__ imports
    ('"""Doc."""\nfrom __future__ import annotations\nimport os\n',
     '"""Doc."""\nfrom __future__ import annotations\nimport copy\nimport os\n'),
    # comments and a shebang above the imports stay above
    ("#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# notes\nimport os\n",
     "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# notes\nimport copy\nimport os\n"),
    # no imports: right after the docstring
    ('"""Doc\n\nmore."""\n\n\nclass A:\n    pass\n',
     '"""Doc\n\nmore."""\nimport copy\n\n\nclass A:\n    pass\n'),
    # no docstring, no imports: before the first statement (decorators included)
    ("# header\n\n@dec\ndef f():\n    pass\n",
     "# header\n\nimport copy\n@dec\ndef f():\n    pass\n"),
    # CRLF files get a CRLF import line
    ('"""Doc."""\r\nimport os\r\n', '"""Doc."""\r\nimport copy\r\nimport os\r\n'),
])
def test_import_copy_placement(before, after):
    assert add_import_copy(before) == after
    compile(after, "t.py", "exec")


def test_import_copy_added_once_and_not_when_present():
    fix = finding(3, 0, (3, 7), (3, 21), "copy.deepcopy(m.state_dict())", True, "CPS202")
    out = apply_fixes("import torch\n\nbest = m.state_dict()\n", [fix])
    assert out.text == "import copy\n\nimport torch\n\nbest = copy.deepcopy(m.state_dict())\n"
    assert out.import_added
    present = "import torch\nimport copy\nbest = m.state_dict()\n"
    fix2 = finding(3, 0, (3, 7), (3, 21), "copy.deepcopy(m.state_dict())", True, "CPS202")
    out = apply_fixes(present, [fix2])
    assert out.text == "import torch\nimport copy\nbest = copy.deepcopy(m.state_dict())\n"
    assert not out.import_added


def test_fix_needing_copy_is_skipped_when_the_name_is_taken():
    text = "from copy import copy\n\nbest = m.state_dict()\n"
    fix = finding(3, 0, (3, 7), (3, 21), "copy.deepcopy(m.state_dict())", True, "CPS202")
    out = apply_fixes(text, [fix])
    assert out.text == text and not out.applied
    assert "bound" in out.skipped[0][1]


def test_unified_diff_applies_with_git_paths():
    diff = unified_diff("pkg/ds.py", "a\nb\n", "a\nc\n")
    assert diff.splitlines()[:2] == ["--- a/pkg/ds.py", "+++ b/pkg/ds.py"]
    assert "-b\n+c\n" in diff
    assert "\\ No newline at end of file" in unified_diff("x.py", "a", "b")


# --- end to end, with the real analysis --------------------------------------------------

def test_fix_canonical_bug(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, out, err = run_main(capsys, "check", "--fix", "ds.py")
    assert (code, out) == (0, "All checks passed\n")
    assert err == "copysafety: fixed 1 finding in 1 file; 0 remaining\n"
    fixed = (project / "ds.py").read_text()
    assert fixed == CANONICAL_FIXED
    compile(fixed, "ds.py", "exec")
    assert lint_source(fixed, "ds.py", LintOptions()) == []
    assert run_main(capsys, "check", "ds.py")[:2] == (0, "All checks passed\n")


def test_fix_is_idempotent(project, capsys):
    write(project, {"ds.py": CANONICAL, "train.py": SNAPSHOT})
    assert run_main(capsys, "check", "--fix", ".")[0] == 0
    once = {p: (project / p).read_text() for p in ("ds.py", "train.py")}
    code, _, err = run_main(capsys, "check", "--fix", ".")
    assert code == 0 and "fixed 0 findings in 0 files" in err
    assert {p: (project / p).read_text() for p in once} == once


def test_fix_adds_import_copy(project, capsys):
    write(project, {"train.py": SNAPSHOT})
    assert run_main(capsys, "check", "--fix", "train.py")[0] == 0
    fixed = (project / "train.py").read_text()
    assert fixed == SNAPSHOT.replace('"""Training loop."""\n',
                                     '"""Training loop."""\nimport copy\n\n').replace(
        "best_state = model.state_dict()", "best_state = copy.deepcopy(model.state_dict())")
    compile(fixed, "train.py", "exec")
    assert lint_source(fixed, "train.py", LintOptions()) == []


def test_fix_keeps_bom_crlf_and_comments(project, capsys):
    source = ("# leading comment\n" + CANONICAL.replace("x += 1\n", "x += 1   # bump\n")
              ).replace("\n", "\r\n")
    (project / "ds.py").write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))
    assert run_main(capsys, "check", "--fix", "ds.py")[0] == 0
    data = (project / "ds.py").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    expected = source.replace("x = self.data[idx]\r\n", "x = self.data[idx].clone()\r\n")
    assert data[3:].decode("utf-8") == expected


def test_fix_keeps_a_declared_encoding(project, capsys):
    source = "# -*- coding: latin-1 -*-\n# caf\xe9\n" + CANONICAL
    (project / "ds.py").write_bytes(source.encode("latin-1"))
    assert run_main(capsys, "check", "--fix", "ds.py")[0] == 0
    fixed = (project / "ds.py").read_bytes().decode("latin-1")
    assert "# caf\xe9\n" in fixed and "x = self.data[idx].clone()" in fixed


def test_noqa_line_is_never_rewritten(project, capsys):
    suppressed = CANONICAL.replace("x += 1\n", "x += 1  # noqa: CPS101\n")
    copy_site_marked = CANONICAL.replace("x = self.data[idx]\n",
                                         "x = self.data[idx]  # noqa: CPS1\n")
    write(project, {"a.py": suppressed, "b.py": copy_site_marked})
    code, out, _ = run_main(capsys, "check", "--fix", ".")
    assert (project / "a.py").read_text() == suppressed
    assert (project / "b.py").read_text() == copy_site_marked
    # b.py's finding (line 11) is still reported; only its fix site is marked
    assert code == 1 and codes_in(out) == [("b.py", 11, 9, "CPS101")]


def test_fix_only_selected_codes(project, capsys):
    write(project, {"a.py": CANONICAL, "b.py": MAYBE_NOOP})
    code, out, _ = run_main(capsys, "check", "--fix", "--ignore", "CPS101", ".")
    assert (project / "a.py").read_text() == CANONICAL
    assert (project / "b.py").read_text() == MAYBE_NOOP  # CPS104 is off by default
    code, out, _ = run_main(capsys, "check", "--fix", "--select", "CPS104", ".")
    assert (project / "a.py").read_text() == CANONICAL
    assert "y = self.x[i].float().clone()" in (project / "b.py").read_text()


def test_diff_writes_nothing(project, capsys):
    write(project, {"ds.py": CANONICAL, "ok.py": CLEAN})
    code, out, err = run_main(capsys, "check", "--diff", ".")
    assert code == 1
    assert (project / "ds.py").read_text() == CANONICAL
    assert out == unified_diff("ds.py", CANONICAL, CANONICAL_FIXED)
    assert "-        x = self.data[idx]\n+        x = self.data[idx].clone()\n" in out
    assert run_main(capsys, "check", "--diff", "ok.py") == (0, "", "")


def test_diff_output_applies_with_git(project, capsys):
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    import subprocess

    write(project, {"pkg/ds.py": CANONICAL, "train.py": SNAPSHOT})
    code, out, _ = run_main(capsys, "check", "--diff", ".")
    (project / "fix.patch").write_text(out)
    subprocess.run([git, "apply", "fix.patch"], cwd=project, check=True)
    assert (project / "pkg" / "ds.py").read_text() == CANONICAL_FIXED
    assert run_main(capsys, "check", ".")[:2] == (0, "All checks passed\n")


def test_fix_and_diff_exclude_each_other(project, capsys):
    assert run_main(capsys, "check", "--fix", "--diff", ".")[0] == 2


def test_fix_in_parallel_writes_every_file(project):
    write(project, {f"m{i:02d}.py": CANONICAL for i in range(16)})
    done = run_process(["check", "--fix", "--jobs", "4", "."], project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fixed 16 findings in 16 files; 0 remaining" in done.stderr
    assert all((project / f"m{i:02d}.py").read_text() == CANONICAL_FIXED for i in range(16))


@pytest.mark.parametrize("path", EVAL_FILES, ids=lambda p: p.name)
def test_fixing_eval_files(project, capsys, path):
    """Every fix applies, the result compiles, and only findings without a fix remain."""
    shutil.copy(path, project / path.name)
    before = lint_source(path.read_text(), path.name, LintOptions())
    unfixable = [f for f in before if f.fix is None]
    code, out, err = run_main(capsys, "check", "--fix", "--extend-select", "CPS104", path.name)
    fixed = (project / path.name).read_text()
    compile(fixed, path.name, "exec")
    after = lint_source(fixed, path.name, LintOptions())
    assert [f for f in after if f.fix is not None] == []
    assert not any(f.code == "CPS900" for f in after)
    assert len(after) <= len(unfixable)
    assert len(codes_in(out)) == len(after)
    if any(f.fix is not None for f in before):
        assert fixed != path.read_text()


def test_fixed_text_keeps_other_lines_of_eval_files(project, capsys):
    """Lines without a fix site stay byte for byte (apart from one added `import copy`)."""
    for path in EVAL_FILES:
        shutil.copy(path, project / path.name)
    run_main(capsys, "check", "--fix", ".")
    for path in EVAL_FILES:
        original = path.read_text()
        sites = {f.fix.start[0] for f in lint_source(original, path.name, LintOptions())
                 if f.fix is not None}
        old = original.splitlines()
        new = (project / path.name).read_text().splitlines()
        if len(new) in (len(old) + 1, len(old) + 2):
            added = next(i for i, (a, b) in enumerate(zip(old + [None], new)) if a != b)
            assert new.pop(added) == "import copy"
            if len(new) == len(old) + 1:  # a group of its own, before the other imports
                assert new.pop(added) == ""
        assert len(new) == len(old)
        for number, (a, b) in enumerate(zip(old, new), start=1):
            if number not in sites:
                assert a == b, (path.name, number)


def test_readme_style_example(tmp_path):
    """What a user sees: the report, then `--fix`, then a clean run."""
    write(tmp_path, {"ds.py": CANONICAL})
    first = run_process(["check", "."], tmp_path)
    assert first.returncode == 1 and "ds.py:11:9: CPS101" in first.stdout
    fixing = run_process(["check", "--fix", "."], tmp_path)
    assert fixing.returncode == 0 and fixing.stdout == "All checks passed\n"
    assert run_process(["check", "."], tmp_path).returncode == 0
    assert textwrap.dedent(CANONICAL_FIXED) == (tmp_path / "ds.py").read_text()


def test_fixed_corpus_cases_no_longer_change_their_data(tmp_path):
    """Run time agrees: after `--fix`, no fixed positive corpus case changes its original."""
    pytest.importorskip("torch")
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    if not corpus.is_dir():
        pytest.skip("no corpus in this checkout")
    shutil.copytree(corpus, tmp_path / "corpus")
    fixing = run_process(["check", "--isolated", "--fix", "--extend-select", "CPS104",
                          "corpus"], tmp_path)
    assert fixing.returncode in (0, 1), fixing.stderr
    unfixed = {Path(path).relative_to("corpus").as_posix()
               for path, *_ in codes_in(fixing.stdout)}
    for case in (tmp_path / "corpus").rglob("*.py"):
        compile(case.read_text(encoding="utf-8"), str(case), "exec")

    done = run_process(["verify", "--no-coverage", "--device", "cpu", "--format", "json",
                        "corpus"], tmp_path)
    results = json.loads(done.stdout)

    def name(result):
        return Path(result["case"]).as_posix().split("corpus/", 1)[-1]

    def left_unfixed(result):  # a folder case is unfixed when any of its files is
        return name(result) in unfixed or any(
            u.startswith(name(result) + "/") for u in unfixed)

    fixed = [r for r in results if r["expected"] and not left_unfixed(r)]
    assert len(fixed) >= 10
    assert [name(r) for r in fixed if r["mutated"]] == []


LIVE_PARAMETERS = '''\
"""FedProx client."""
import copy

import torch


def local_train(model: torch.nn.Module, loader, mu):
    anchor = list(model.parameters())
    start = dict(model.named_parameters())
    ref = [p.data for p in model.parameters()]
    teacher = copy.copy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        prox = sum(((w - a) ** 2).sum() for w, a in zip(model.parameters(), anchor))
        (model(x) - teacher(x) + prox + sum(r.sum() for r in ref)).sum().backward()
        opt.step()
    return {n: p - start[n] for n, p in model.named_parameters()}
'''


def test_fix_copies_kept_parameters(project, capsys):
    write(project, {"client.py": LIVE_PARAMETERS})
    found = [(f.line, f.code) for f in lint_source(LIVE_PARAMETERS, "client.py", LintOptions())]
    assert found == [(8, "CPS203"), (9, "CPS203"), (10, "CPS203"), (11, "CPS203")]
    assert run_main(capsys, "check", "--fix", "client.py")[0] == 0
    fixed = (project / "client.py").read_text()
    assert fixed == LIVE_PARAMETERS.replace(
        "anchor = list(model.parameters())",
        "anchor = [p.detach().clone() for p in model.parameters()]").replace(
        "start = dict(model.named_parameters())",
        "start = {n: p.detach().clone() for n, p in model.named_parameters()}").replace(
        "ref = [p.data for p in model.parameters()]",
        "ref = [p.data.detach().clone() for p in model.parameters()]").replace(
        "teacher = copy.copy(model)", "teacher = copy.deepcopy(model)")
    assert lint_source(fixed, "client.py", LintOptions()) == []
