"""The text gate (`gate.is_candidate`): cheap to import, a necessary condition for every
finding, the same answer for bytes and text."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_copysafety.engine import pipeline as engine
from flake8_copysafety.plan import gate
from flake8_copysafety.engine.pipeline import LintOptions, lint_source

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "eval_files").glob("*.py")) + sorted(
    (ROOT / "corpus").glob("**/*.py"))


@pytest.mark.parametrize("text", [
    "class D:\n    def __getitem__(self, i):\n        pass\n",
    "class D:\n    async def __getitem__(self, i):\n        pass\n",
    "class D:\n    def\t  __getitem__ (self, i):\n        pass\n",
    "best = model.state_dict()\n",
    "best = model . state_dict ()\n",
    "best = (model\n        .state_dict\n        ())\n",
    "sd = self.optimizer.state_dict(\n)\n",
    "for v in ema.state_dict().values():\n    v.mul_(0.9)\n",
    "from steps import take\nstart = take(model)\nmodel.load_state_dict(start)\n",
    "from .anchors import anchor_of\nanchor = anchor_of(m)\nzip(m.parameters(), anchor)\n",
    "class S(torch.optim.Optimizer):\n    def step(self):\n"
    "        return self.param_groups[0]['params']\ntheta = S(m.parameters()).step()\n",
])
def test_passes(text):
    assert gate.is_candidate(text)
    assert gate.is_candidate(text.encode("utf-8"))
    assert engine.is_candidate(text)  # the gate is never looser than the engine's


@pytest.mark.parametrize("text", [
    "",
    "import torch\n",
    "model.load_state_dict(torch.load(path))\n",
    "import torch\nmodel.load_state_dict(torch.load(path))\n",
    "from steps import take\nprint(take)\n",
    "class M:\n    def state_dict(self):\n        return {}\n",
    "sd = get_model_state_dict(model)\n",
    "value = mapping.__getitem__(key)\n",
    "state_dict = {}\n",
    "class D:\n    def __getitem___(self, i):\n        pass\n",
    "lr = opt.param_groups[0]['lr']\n",
])
def test_rejects(text):
    assert not gate.is_candidate(text)
    assert not gate.is_candidate(text.encode("utf-8"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_with_a_finding_passes(path):
    """No file the analysis finds something in is turned away by the gate."""
    data = path.read_bytes()
    if lint_source(data, str(path), LintOptions()):
        assert gate.is_candidate(data)


def test_imports_nothing_heavy():
    code = ("import sys; before = set(sys.modules); import flake8_copysafety.plan.gate; "
            "print(' '.join(sorted(set(sys.modules) - before)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=str(Path(gate.__file__).resolve().parent.parent))
    added = set(done.stdout.split())
    heavy = {"ast", "dataclasses", "typing", "libcst", "flake8_copysafety.engine.pipeline",
             "flake8_copysafety.rules.catalogue", "flake8_copysafety.core.findings",
             "flake8_copysafety.plan.candidates"}
    assert not added & heavy, sorted(added & heavy)


def test_lone_surrogates_do_not_break_the_gate():
    text = "x = '\ud800'\nclass D:\n    def __getitem__(self, i):\n        pass\n"
    assert gate.is_candidate(text)
    assert not gate.is_candidate("x = '\ud800\udfff'\n")


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test extra
    given = None

if given is not None:
    PIECES = st.sampled_from([
        "def", "async", " ", "\t", "\n", "\r\n", "\x0c", "__getitem__", "_", ".", "state_dict",
        "(", ")", "load_", "x", "\u00e9", "\u2028", "\u00a0", "\udcff", "#", "'",
    ])
    TEXTS = st.lists(PIECES, max_size=12).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(TEXTS)
    def test_bytes_and_text_agree(text):
        data = text.encode("utf-8", "surrogateescape")
        assert gate.is_candidate(text) == gate.is_candidate(data)

    @settings(max_examples=300, deadline=None)
    @given(TEXTS)
    def test_never_looser_than_the_engine(text):
        if gate.is_candidate(text):
            assert engine.is_candidate(text.encode("utf-8", "surrogateescape"))


@pytest.mark.parametrize("text, write", [
    ("x[i] = 1\n", True), ("x[i] += 1\n", True), ("a -= b\n", True), ("a //= 2\n", True),
    ("a >>= 1\n", True), ("del d[k]\n", True), ("t.add_(1)\n", True),
    ("torch.nn.init.zeros_(w)\n", True), ("d.append(v)\n", True), ("d.setdefault(k, [])\n", True),
    ("np.copyto(a, b)\n", True), ("torch.add(a, b, out=a)\n", True),
    ("F.relu(x, inplace=True)\n", True),
    ("x = y\n", False), ("x[i] == y\n", False), ("a <= b\n", False), ("a != b\n", False),
    ("super().__init__(x)\n", False), ("f(out == a)\n", False), ("y = x[i]\n", False),
])
def test_a_write_in_text(text, write):
    """What may hold the line of a change a dataset of another module reaches."""
    assert gate.may_hold_write(text) is write
    assert gate.may_hold_write(text.encode("utf-8")) is write
    assert gate.is_candidate(text) is write


def test_write_lists_match_the_semantics_tables():
    from flake8_copysafety.facts import semantics as sem

    methods = set().union(*sem.MUTATING_METHODS.values()) | sem.CONTAINER_MUTATORS
    assert set(gate.MUTATING_METHODS) == methods
    assert set(gate.MUTATING_FUNCTIONS) == {q.rpartition(".")[2] for q in sem.MUTATING_FUNCTIONS}
    assert set(gate.WRITE_KEYWORDS) == sem.OUTPUT_KEYWORDS | {sem.INPLACE_KEYWORD}


def test_snapshot_consumers_are_the_facts_state_dict_consumers():
    """The calls that let a file keeping a helper's snapshot through are ones the analysis
    counts as using a state_dict's values."""
    from flake8_copysafety.facts.module_changes import STATE_DICT_CONSUMERS

    assert set(gate.CONSUMERS) <= STATE_DICT_CONSUMERS


NEEDLE_TEXTS = [p.read_text("utf-8", "surrogateescape") for p in CASES] + [
    "x = copy.copy(y)\n", "for p in self.named_parameters():\n    pass\n",
    "ps = [p for p in net.parameters()]\n", "from torch_geometric.data import Dataset\n"
    "class D(Dataset):\n    def get(self, i):\n        return 1\n",
    "class S(IterableDataset):\n    def __iter__(self):\n        yield 1\n",
]


@pytest.mark.parametrize("pattern", sorted(gate.NEEDLES))
def test_every_match_holds_a_needle(pattern):
    """The substring test before each search turns away no text the pattern matches."""
    needles = gate.NEEDLES[pattern]
    matched = 0
    for text in NEEDLE_TEXTS:
        for match in re.finditer(pattern, text, re.ASCII):
            matched += 1
            assert any(n in match.group(0) for n in needles), (pattern, match.group(0))
    assert matched, pattern  # each pattern is exercised


def test_answers_follow_the_text_asked_about():
    """The answers remembered for the last text are never given for another one."""
    dataset = "class D:\n    def __getitem__(self, i):\n        return self.x[i]\n"
    plain = "x = 1\n"
    for _ in range(2):
        assert gate.needs_plan(dataset) and gate.is_candidate(dataset)
        assert not gate.needs_plan(plain) and not gate.is_candidate(plain)
        assert gate.needs_plan(dataset.encode()) and not gate.may_hold_write(plain.encode())
