"""Messages name what changes and where the alias was taken; fixes copy by kind of value."""

from pathlib import Path

import pytest

from flake8_copysafety.engine.pipeline import lint_source

EVAL = Path(__file__).parent / "eval_files"


def findings(name):
    path = EVAL / name
    return {(f.line, f.code): f for f in lint_source(path.read_text(), str(path))}


@pytest.mark.parametrize("line, code, replacement", [
    (25, "CPS101", "onp.asarray(self.arr[i]).copy()"),        # ndarray: .copy()
    (27, "CPS102", "self.data[i].clone()"),                    # copy.copy(tensor) replaced
    (31, "CPS101", "copy.deepcopy(self.lists[i])"),            # a list: deepcopy
    (33, "CPS102", "copy.deepcopy(self.samples[i])"),          # dict(...) replaced
    (56, "CPS104", "self.x[i].float().clone()"),               # clone after converting
])
def test_dataset_fixes_copy_by_kind(line, code, replacement):
    assert findings("dataset_spellings.py")[(line, code)].fix.replacement == replacement


def test_fix_spells_copy_as_the_module_imports_it():
    found = findings("more_spellings.py")
    assert found[(68, "CPS103")].fix.replacement == "cp.deepcopy(self.meta[idx])"
    assert found[(45, "CPS104")].fix.replacement.endswith(".astype(np.float64, copy=False).copy()")
    assert not found[(68, "CPS103")].fix.needs_import_copy


def test_fix_adds_import_copy_only_when_missing():
    source = (
        "import torch\n\n"
        "def f(model, opt):\n"
        "    best = model.state_dict()\n"
        "    opt.step()\n"
        "    model.load_state_dict(best)\n"
        "    return model.eval()\n"
    )
    (finding,) = lint_source(source, "t.py")
    assert finding.code == "CPS202" and finding.line == 4
    assert finding.fix.replacement == "copy.deepcopy(model.state_dict())"
    assert finding.fix.needs_import_copy


def test_unknown_kind_has_no_fix():
    assert findings("dataset_spellings.py")[(46, "CPS101")].fix is None


def test_messages_name_origin_alias_line_and_callee_line():
    message = findings("dataset_spellings.py")[(29, "CPS101")].message
    assert "`self.tvec[i]`" in message and "line 29" in message and "`.clone()`" in message
    message = findings("interprocedural.py")[(69, "CPS101")].message
    assert "by `normalize()` (line 11)" in message
    message = findings("state_dict_spellings.py")[(17, "CPS202")].message
    # reported at line 17; the read it names is elsewhere, so it is not "here"
    assert "`best_state`" in message and "loaded back into `model` at line 19" in message
    assert "the restore restores nothing" in message and "here" not in message


@pytest.mark.parametrize("name, line, code, origin, fix", [
    ("dataset_spellings.py", 29, "CPS101", "`self.tvec[i]`", "`.clone()` it"),
    ("dataset_spellings.py", 27, "CPS102", "`self.data[i]`", "`.clone()` it instead"),
    ("dataset_spellings.py", 56, "CPS104", "`self.x[i]`", "`.clone()` after converting"),
    ("state_dict_spellings.py", 17, "CPS202", "`model.state_dict()`", "`copy.deepcopy(...)`"),
])
def test_first_sentence_fits_a_problem_list(name, line, code, origin, fix):
    """What changes and where it came from in a first sentence of about 100 characters,
    then the fix; no URL, no explanation (the rule page has it)."""
    message = findings(name)[(line, code)].message
    first, _, rest = message.partition(". ")
    assert origin in first and "line " in first, message
    assert rest.startswith("Fix: ") and fix in rest, message
    assert len(first) <= 120, first
    assert len(message) <= 200, message
    assert "http" not in message


def test_read_line_is_the_line_that_uses_the_values():
    """`if best is not None:` compares identities; the line named is the load."""
    source = (
        'import torch\n'
        '\n'
        '\n'
        'def fit(model, optimizer, batches, epochs):\n'
        '    best, best_state = float("inf"), None\n'
        '    for _ in range(epochs):\n'
        '        for x, y in batches:\n'
        '            optimizer.zero_grad()\n'
        '            torch.nn.functional.mse_loss(model(x), y).backward()\n'
        '            optimizer.step()\n'
        '        loss = sum(float(torch.nn.functional.mse_loss(model(x), y))\n'
        '                   for x, y in batches)\n'
        '        if loss < best:\n'
        '            best, best_state = loss, model.state_dict()\n'
        '    if best_state is not None:\n'
        '        model.load_state_dict(best_state)\n'
        '    return model\n'
        '\n'
    )
    (finding,) = lint_source(source, "t.py")
    assert (finding.line, finding.code) == (14, "CPS202")
    assert "at line 16 " in finding.message and "line 15" not in finding.message


def test_an_item_of_unknown_kind_is_not_reported():
    """Items of a container passed in from outside may be fresh objects (a wrapped dataset's
    items): nothing proves that writing into one changes stored data."""
    found = lint_source(
        "from torch.utils.data import Dataset\n\n"
        "class D(Dataset):\n"
        "    def __init__(self, items):\n"
        "        self.items = items\n"
        "    def __len__(self):\n"
        "        return 3\n"
        "    def __getitem__(self, i):\n"
        "        sample = self.items[i]\n"
        "        sample['x'] = 1\n"
        "        return sample\n", "t.py")
    assert [(f.line, f.code) for f in found] == []


def test_fix_of_a_list_of_dict_view_keeps_the_list():
    """`copy.deepcopy` cannot copy a dict view: the fix deep-copies the list built from it."""
    source = (
        "import torch\n\n"
        "class Holder:\n"
        "    def __init__(self, model):\n"
        "        self.model = model\n"
        "        self.opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        "        self.params = list(model.state_dict().values())\n\n"
        "    def step(self):\n"
        "        self.opt.step()\n\n"
        "    def restore(self):\n"
        "        for p, v in zip(self.model.parameters(), self.params):\n"
        "            p.data.copy_(v)\n"
    )
    found = [f for f in lint_source(source, "holder.py") if f.code == "CPS202"]
    assert [(f.line, f.fix.replacement) for f in found] == [
        (7, "copy.deepcopy(list(model.state_dict().values()))")]


@pytest.mark.parametrize("view", ["keys", "values", "items"])
def test_dict_views_cannot_be_deep_copied(view):
    """The fact the fix relies on (`facts.semantics.DICT_VIEW_METHODS`), on this Python."""
    import collections
    import copy

    from flake8_copysafety.facts.semantics import DICT_VIEW_METHODS

    assert view in DICT_VIEW_METHODS
    for mapping in ({"w": [1.0]}, collections.OrderedDict(w=[1.0])):
        with pytest.raises(TypeError):
            copy.deepcopy(getattr(mapping, view)())
    assert copy.deepcopy(list({"w": [1.0]}.values())) == [[1.0]]
