"""`copysafety verify`: the corpus agrees with the analysis and with what really happens."""

import contextlib
import dataclasses
import importlib.util
import io
import json
import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("numpy")
torch = pytest.importorskip("torch")

from flake8_copysafety.facts import semantics, stores  # noqa: E402
from flake8_copysafety.verify import corpus as verify  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CODES = ("CPS101", "CPS102", "CPS103", "CPS104", "CPS201", "CPS202", "CPS203")


def run_main(argv):
    """`verify.main` in this process, so patched semantics tables reach the static side."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = verify.main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def corpus_cpu():
    return run_main([CORPUS, "--device", "cpu", "--format", "json"])


def test_whole_corpus_agrees_on_cpu(corpus_cpu):
    code, out, err = corpus_cpu
    rows = json.loads(out)
    bad = [row for row in rows if not row["agree"]]
    assert bad == [], json.dumps(bad, indent=2)
    assert "no case exercises" not in err
    assert code == 0, err
    for row in rows:
        assert set(row) == {"case", "device", "expected", "found", "codes_under_test",
                            "mutated", "agree"}
        assert row["device"] == "cpu"


def test_corpus_counts_per_code(corpus_cpu):
    rows = json.loads(corpus_cpu[1])
    counts = Counter()
    for row in rows:
        parts = row["case"].split("/")
        folder, name = parts[parts.index("corpus") + 1], parts[-1]
        kind = "pos" if name.startswith("pos_") else "neg"
        assert name.startswith(("pos_", "neg_")), name
        assert folder.upper() in row["codes_under_test"], row
        if kind == "pos":
            assert row["expected"], row  # a positive expects findings
        else:
            assert row["expected"] == [] and row["codes_under_test"], row
        counts[folder.upper(), kind] += 1
    for code in CODES:
        assert counts[code, "pos"] >= 8, (code, counts)
        assert counts[code, "neg"] >= 5, (code, counts)


def test_every_semantics_key_is_exercised():
    cases = verify.collect([str(CORPUS)])
    used = set()
    for case in cases:
        used |= verify.static_check(case).facts
    assert (semantics.all_fact_keys() | stores.fact_keys()) - used == set()


def test_tensor_inplace_methods_match_torch():
    """The table of in-place tensor methods (taken as changes on values of unknown kind) is
    exactly torch's: every `Tensor` method ending in `_` is in it or changes only a flag."""
    torch = pytest.importorskip("torch")
    in_torch = {m for m in dir(torch.Tensor) if m.endswith("_") and not m.startswith("_")}
    assert semantics.TENSOR_INPLACE_METHODS <= in_torch
    assert in_torch - semantics.TENSOR_INPLACE_METHODS <= semantics.NON_DATA_INPLACE_METHODS


def test_param_group_key_holds_the_module_parameters():
    """The optimizer fact the CPS203 analysis of project optimizers rests on: a param group's
    key holds the very Parameter objects the optimizer was given."""
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(2, 2)
    for optimizer in (torch.optim.SGD(model.parameters(), lr=0.1),
                      torch.optim.Adam(model.parameters())):
        held = optimizer.param_groups[0][semantics.PARAM_GROUP_PARAMS_KEY]
        assert all(a is b for a, b in zip(held, model.parameters()))
        assert len(held) == len(list(model.parameters()))


def test_positives_mutate_and_negatives_do_not_unless_declared(corpus_cpu):
    for row in json.loads(corpus_cpu[1]):
        case = verify.parse_case(row["case"])
        assert row["mutated"] == case.expects_mutation("cpu"), row


def test_wrong_semantics_make_verify_disagree(monkeypatch):
    """Pretend `copy.copy` of a tensor were a real copy: the static side then misses the
    CPS102 cases while the runtime still sees them mutate, and verify fails."""
    real = semantics.FUNCTION_FACTS["copy.copy"]
    effects = dict(real.effects)
    effects[semantics.Kind.TENSOR] = semantics.Effect.COPY
    wrong = dataclasses.replace(real, effects=effects)
    monkeypatch.setitem(semantics.FUNCTION_FACTS, "copy.copy", wrong)
    code, out, _ = run_main([CORPUS / "cps102", "--format", "json", "--no-coverage"])
    assert code == 1
    rows = {row["case"].split("/")[-1]: row for row in json.loads(out)}
    for name in ("pos_copy_copy_tensor.py", "pos_seed_copy_copy_tensor.py",
                 "pos_shallow_import_alias.py"):
        row = rows[name]
        assert row["mutated"] is True
        assert "CPS102" not in row["found"]
        assert row["agree"] is False


CASES = {
    "pos_mutating.py": '''
        """Mutates its stored data."""
        import torch
        from torch.utils.data import Dataset

        class D(Dataset):
            def __init__(self):
                self.data = torch.zeros(4, 3)
            def __len__(self):
                return 4
            def __getitem__(self, i):
                x = self.data[i]
                x += 1  # expect: CPS101
                return x
        ''',
    "neg_copying.py": '''
        """Copies before changing."""
        # near-miss: CPS101
        import torch
        from torch.utils.data import Dataset

        class D(Dataset):
            def __init__(self):
                self.data = torch.zeros(4, 3)
            def __len__(self):
                return 4
            def __getitem__(self, i):
                x = self.data[i].clone()
                x += 1
                return x
        ''',
    "neg_hangs.py": '''
        """Never returns."""
        import time

        def main():
            while True:
                time.sleep(0.05)
        ''',
    "neg_crashes.py": '''
        """Raises."""
        def main():
            raise ValueError("boom")
        ''',
    "neg_segfaults.py": '''
        """Dies by a signal."""
        import os
        import signal

        def main():
            os.kill(os.getpid(), signal.SIGKILL)
        ''',
    "pos_live_snapshot.py": '''
        """Keeps a live state_dict across an optimizer step."""
        import torch

        def main():
            m = torch.nn.Linear(2, 2)
            opt = torch.optim.SGD(m.parameters(), lr=1.0)
            best = m.state_dict()  # expect: CPS202
            m(torch.ones(1, 2)).sum().backward()
            opt.step()
            m.load_state_dict(best)
            return m
        ''',
    "neg_ema.py": '''
        """Writes through state_dict() on purpose."""
        # near-miss: CPS201
        # runtime: mutated
        import torch

        def main():
            ema, model = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
            for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
                e.copy_(m)
            return ema
        ''',
}


@pytest.fixture(scope="module")
def tmp_cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    for name, text in CASES.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip())
    rows = verify.run(verify.collect([str(folder)]), ["cpu"], timeout=3.0).rows
    return folder, {Path(row.case.path).name: row for row in rows}


@pytest.mark.parametrize("name, verdict", [
    ("pos_mutating.py", "mutated"),
    ("neg_copying.py", "unchanged"),
    ("neg_hangs.py", "timeout"),
    ("neg_crashes.py", "crashed"),
    ("neg_segfaults.py", "crashed"),
    ("pos_live_snapshot.py", "mutated"),
    ("neg_ema.py", "mutated"),
])
def test_runtime_observer(tmp_cases, name, verdict):
    row = tmp_cases[1][name]
    assert row.verdict == verdict, row.detail
    assert row.agree is (verdict in ("mutated", "unchanged")), row.problems()


def test_crash_detail_names_the_error(tmp_cases):
    assert "ValueError: boom" in tmp_cases[1]["neg_crashes.py"].detail
    assert "signal" in tmp_cases[1]["neg_segfaults.py"].detail


def test_text_report_marks_timeouts_and_crashes(tmp_cases):
    report = verify.Report(list(tmp_cases[1].values()), [], check_coverage=False)
    text = verify.format_text(report)
    assert "timeout" in text and "crashed" in text and "disagreements:" in text
    assert "runs agree" in text


def test_timeout_option_on_the_command_line(tmp_cases):
    code, out, _ = run_main([tmp_cases[0] / "neg_hangs.py", "--timeout", "1", "--no-coverage"])
    assert code == 1
    row = [line for line in out.splitlines() if "neg_hangs.py" in line][0]
    assert row.split()[-2:] == ["timeout", "NO"]
    assert "still running after 1 s" in out


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available here")
def test_cuda_without_cuda_is_a_clear_error(tmp_cases):
    code, out, err = run_main([tmp_cases[0] / "pos_mutating.py", "--device", "cuda"])
    assert code == 2
    assert "CUDA is not available" in err
    assert len(err.strip().splitlines()) == 1
    assert "pos_mutating" not in out


def test_without_torch_exits_2(monkeypatch):
    real = importlib.util.find_spec

    def find_spec(name, *args, **kwargs):
        return None if name == "torch" else real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    code, out, err = run_main([CORPUS])
    assert code == 2
    assert err.strip() == verify.NEEDS_TORCH


def test_markers_are_parsed(tmp_path):
    case = tmp_path / "pos_markers.py"
    case.write_text(textwrap.dedent('''
        """Markers."""
        # near-miss: CPS104
        # runtime[cuda]: unchanged
        x = 1  # expect: CPS102, CPS104
        y = 2  # expect: CPS101
        s = "# expect: CPS201"
        ''').lstrip())
    parsed = verify.parse_case(str(case))
    assert sorted(parsed.expected) == [(4, "CPS102"), (4, "CPS104"), (5, "CPS101")]
    assert parsed.near_miss == ["CPS104"]
    assert parsed.codes_under_test == ["CPS101", "CPS102", "CPS104"]
    assert parsed.expects_mutation("cpu") is True
    assert parsed.expects_mutation("cuda") is False


def test_importing_verify_does_not_import_torch():
    code = ("import sys, flake8_copysafety.verify, flake8_copysafety.verify.runtime; "
            "sys.exit('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_module_entry_point():
    done = subprocess.run([sys.executable, "-m", "flake8_copysafety.verify.corpus", "--help"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "--device" in done.stdout


def test_snapshot_patch_copies_only_the_outermost_state_dict():
    from flake8_copysafety.verify import runtime

    runtime._remember_real_state_dicts()
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    with runtime._SnapshotStateDicts():
        sd = model.state_dict()  # children are collected through state_dict() too
        assert list(sd) == list(runtime._REAL_MODULE_STATE_DICT(model))
        sd["0.weight"].zero_()  # noqa: CPS201 - a deep copy under the patch
        assert not torch.equal(model[0].weight.detach(), sd["0.weight"])
        model.load_state_dict(sd)  # load_state_dict does not go through state_dict()
        assert torch.equal(model[0].weight.detach(), torch.zeros(2, 2))
    assert torch.nn.Module.state_dict is runtime._REAL_MODULE_STATE_DICT
    assert torch.optim.Optimizer.state_dict is runtime._REAL_OPTIMIZER_STATE_DICT


def test_snapshot_patch_gives_adopting_parameters_a_clone():
    """`p.data = t` and `p.set_(t)` share `t` as written; under the patch the Parameter
    adopts a clone (what a user keeping `t` as a snapshot believed), and afterwards the
    real behaviour is back."""
    from flake8_copysafety.verify import runtime

    runtime._remember_real_state_dicts()
    model = torch.nn.Linear(2, 1)
    kept = {"bias": torch.zeros(1), "weight": torch.zeros(1, 2)}
    with runtime._SnapshotStateDicts():
        model.bias.data = kept["bias"]
        with torch.no_grad():
            model.weight.set_(kept["weight"])
        assert model.bias.data_ptr() != kept["bias"].data_ptr()
        assert model.weight.data_ptr() != kept["weight"].data_ptr()
    assert "data" not in torch.nn.Parameter.__dict__
    assert "set_" not in torch.nn.Parameter.__dict__
    model.bias.data = kept["bias"]
    assert model.bias.data_ptr() == kept["bias"].data_ptr()


def test_rule_pages_have_their_sections_and_link_the_corpus_list():
    docs = ROOT / "flake8_copysafety" / "docs"
    for code in CODES:
        page = (docs / f"{code}.md").read_text()
        assert page.startswith(f"## {code} — "), code
        for heading in ("What it does", "Why is this bad?", "Known problems", "Example",
                        "Use instead", "Options", "Fix safety", "Runtime evidence"):
            assert f"### {heading}" in page, (code, heading)
        assert f"(../../docs/corpus.md#{code.lower()})" in page, code
        for target in re.findall(r"\]\((\.\./\.\./corpus/[^)]+)\)", page):
            assert (docs / target).resolve().is_file(), (code, target)
    assert (docs / "CPS900.md").read_text().startswith("## CPS900 — ")


def test_corpus_list_is_generated_from_the_cases_and_current():
    """docs/corpus.md is written by `python -m flake8_copysafety.verify.evidence`: every case
    is listed, under its rule, with its docstring; a new or changed case needs a rerun."""
    from flake8_copysafety.verify import evidence

    text = (ROOT / "docs" / "corpus.md").read_text(encoding="utf-8")
    assert text == evidence.render(str(CORPUS)), "run python -m flake8_copysafety.verify.evidence"
    for code in CODES:
        for case in verify.case_paths(str(CORPUS / code.lower())):
            rel = Path(case).relative_to(CORPUS).as_posix()
            target = f"{rel}/case.py" if Path(case).is_dir() else rel
            assert f"(../corpus/{target})" in text, case
    assert evidence.main(["--check", str(CORPUS), str(ROOT / "docs" / "corpus.md")]) == 0


def test_theme_folders_are_read_through_and_folder_cases_stay_whole(tmp_path, monkeypatch):
    """A `pos_`/`neg_` folder with `case.py` is one case (its subpackages included); any other
    folder is a theme read through; a file straight in the code's folder is a case too."""
    from flake8_copysafety.verify import evidence

    case = '"""{}."""\nx = 1  # expect: CPS101\n'
    files = {"pos_dropped_in.py": case.format("Dropped in"),
             "views/pos_view.py": case.format("A view"),
             "views/README.md": "Views of the stored data.\n\nMore.\n",
             "frameworks/pos_project/case.py": case.format("A project"),
             "frameworks/pos_project/lib/__init__.py": "",
             "frameworks/pos_project/lib/pos_not_a_case.py": "y = 2\n",
             "frameworks/neg_no_entry/neg_inside.py": '"""Inside."""\n'}
    for rel, text in files.items():
        path = tmp_path / "corpus" / "cps101" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    monkeypatch.chdir(tmp_path)
    cases = verify.collect(["corpus"])
    assert [c.name for c in cases] == [
        "corpus/cps101/pos_dropped_in.py", "corpus/cps101/frameworks/pos_project",
        "corpus/cps101/frameworks/neg_no_entry/neg_inside.py", "corpus/cps101/views/pos_view.py"]
    assert cases[1].folder == "corpus/cps101/frameworks/pos_project"
    assert cases[1].expected == [("case.py:2", "CPS101")]
    text = evidence.render("corpus")
    assert "- [`views/`](../corpus/cps101/views/) (1) — Views of the stored data.\n" in text
    assert "- [`frameworks/`](../corpus/cps101/frameworks/) (2) — (no README.md)\n" in text
    assert ("- [`corpus/cps101/pos_dropped_in.py`](../corpus/cps101/pos_dropped_in.py) — "
            "Dropped in.\n") in text
    assert ("- [`corpus/cps101/frameworks/pos_project/`]"
            "(../corpus/cps101/frameworks/pos_project/case.py) — A project.\n") in text
