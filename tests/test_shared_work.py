"""Work done once per module for every file that asks (imported producers, the receiver
evidence of the modules beside a file, the file's `ast`): the same answers as when each
asking file made them itself."""

import ast
import textwrap
from pathlib import Path

import pytest

from flake8_copysafety.core.names import ImportTable
from flake8_copysafety.plan import receivers as rc
from flake8_copysafety.plan.snapshot_candidates import (ADOPTION_WORDS, PRODUCER_WORDS,
                                                        producer_links, producers_given,
                                                        producers_of)
from flake8_copysafety.project import model as pm

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "eval_files").glob("*.py")) + sorted(
    (ROOT / "corpus").glob("**/*.py"))

PRODUCING = textwrap.dedent("""\
    def snap(m):
        return m.state_dict()

    def via(m):
        sd = snap(m)
        return sd

    def through_caller(h):
        return h.keep()

    def plain(x):
        return x + 1
""")


def _trees():
    for path in CASES:
        try:
            yield path, path.read_text(encoding="utf-8"), ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, UnicodeDecodeError):
            continue


@pytest.mark.parametrize("known", [frozenset(), frozenset({"keep"}), frozenset({"other"})])
def test_links_finished_per_caller_match_producers_of(known):
    body = ast.parse(PRODUCING).body
    assert producers_given(producer_links(body), known) == producers_of(body, known=known)
    expected = {"snap", "via"} | ({"through_caller"} if "keep" in known else set())
    assert producers_of(body, known=known) == expected


def test_links_match_producers_of_on_every_case():
    for path, _, tree in _trees():
        for known in (frozenset(), frozenset({"update", "step", "keep"})):
            assert producers_given(producer_links(tree.body), known) == \
                producers_of(tree.body, known=known), path


def test_a_module_with_producers_of_its_own_names_a_producer_word():
    """The gate of `_imported_producers`: a module whose text holds none of the words has
    no producer of its own (only callers' `known` can make one)."""
    checked = adopting = 0
    for path, text, tree in _trees():
        own, _, (adopted, _) = producer_links(tree.body)
        if own:
            checked += 1
            assert any(word in text for word in PRODUCER_WORDS), path
        if adopted:
            adopting += 1
            assert any(word in text for word in ADOPTION_WORDS), path
    assert checked > 20 and adopting > 3


def test_mentions_reads_identifiers_as_the_parser_does(tmp_path):
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "plain.py").write_text("def f(m):\n    return m.parameters()\n")
    # NFKC: the parser reads the fullwidth letter as `s`
    (tmp_path / "wide.py").write_text("def f(m):\n    return m.\uff53tate_dict()\n",
                                      encoding="utf-8")
    (tmp_path / "none.py").write_text("def f(x):\n    return x\n")
    model = pm.ProjectModel([tmp_path], use_cache=False)
    assert model.mentions("plain", PRODUCER_WORDS)
    assert model.mentions("wide", PRODUCER_WORDS)
    assert not model.mentions("none", PRODUCER_WORDS)


@pytest.mark.parametrize("data, word, held", [
    (b"from .trainer import Fit\n", "trainer", True),
    (b"x = 'tr\xffainer'\n", "trainer", False),  # an undecodable byte splits the word
    (b"x = '\xff'\ntrainer = 1\n", "trainer", True),
    ("caf\u00e9 = 1\n".encode("utf-8"), "caf\u00e9", True),
    (b"cafe = 1\n", "caf\u00e9", False),
])
def test_holds_agrees_with_the_decoded_text(data, word, held):
    assert rc._holds(data, word) is held
    assert (word in data.decode("utf-8", errors="replace")) is held


NEARBY = {
    "pyproject.toml": "",
    "pkg/__init__.py": "",
    "pkg/keeper.py": textwrap.dedent("""\
        class Keeper:
            def __init__(self, model, opt, *, label=None):
                self.model = model
                self.best = None

            def keep(self):
                self.best = self.model.state_dict()
    """),
    "pkg/train.py": textwrap.dedent("""\
        import torch
        from .keeper import Keeper

        def run(data):
            net = torch.nn.Linear(2, 2)
            opt = torch.optim.SGD(net.parameters(), lr=0.1)
            k = Keeper(net, opt, label="x")
            for batch in data:
                opt.step()
                k.keep()
            return k.best
    """),
}


def test_nearby_facts_give_what_the_neighbours_evidence_gave(tmp_path):
    for name, text in NEARBY.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    model = pm.ProjectModel([tmp_path], use_cache=False)
    tree = model.tree("pkg.train")
    facts = rc.LiveReceivers(tree, ImportTable(tree), str(tmp_path / "pkg/train.py"),
                             nearby=False).nearby_facts()
    made = [c for c in facts.calls if (c.qualified or "").endswith("keeper.Keeper")]
    assert [(c.positional, c.keywords) for c in made] == \
        [((rc.MODULE, rc.OPTIMIZER), (("label", None),))]
    assert any(cls.endswith("keeper.Keeper") and attr == "best" for cls, attr in facts.reads)
    keep = [c for c in facts.calls
            if (c.holder or "").endswith("keeper.Keeper") and c.method == "keep"]
    assert keep and all(c.trains for c in keep)


def test_a_tree_is_shared_only_where_both_parses_agree(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYSAFETY_NO_CACHE", "1")
    (tmp_path / "pyproject.toml").write_text("")
    ascii_text = "import torch\nx = 1\n"
    (tmp_path / "a.py").write_text(ascii_text)
    (tmp_path / "b.py").write_bytes(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n")
    (tmp_path / "c.py").write_bytes(b"x = 1\r\ny = 2\r\n")
    pm.new_run()
    model = pm.project_model_for(tmp_path / "a.py")
    assert model is not None
    tree = ast.parse(ascii_text)
    pm.share_tree(tmp_path / "a.py", ascii_text, tree)
    assert pm.shared_tree(tmp_path / "a.py", ascii_text) is tree
    assert pm.shared_tree(tmp_path / "a.py", ascii_text + "y = 2\n") is None  # not what was read
    for name, text in (("b.py", "# -*- coding: latin-1 -*-\ns = '\u00e9'\n"),
                       ("c.py", "x = 1\ny = 2\n")):
        pm.share_tree(tmp_path / name, text, ast.parse(text))
        assert pm.shared_tree(tmp_path / name, text) is None
    pm.new_run()
