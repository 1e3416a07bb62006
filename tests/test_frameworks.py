"""The framework table (`facts/frameworks.py`) and what reads it without importing it."""

from flake8_copysafety.facts import frameworks
from flake8_copysafety.plan import gate


def test_gate_hooks_and_packages_follow_the_table():
    assert set(gate.HOOKS) == frameworks.HOOK_METHODS
    assert set(gate.PACKAGES) == frameworks.HOOK_PACKAGES


def test_a_hook_passes_the_gate_only_beside_its_framework():
    hook = "class Points(Dataset):\n    def get(self, idx):\n        return self.pos[idx]\n"
    assert gate.is_candidate("from torch_geometric.data import Dataset\n" + hook)
    assert gate.needs_plan(b"from torch_geometric.data import Dataset\n" + hook.encode())
    assert not gate.is_candidate("from mylib import Dataset\n" + hook)


def test_transformed_after_names_a_hook_of_the_entry():
    for entry in frameworks.DATASET_FRAMEWORKS.values():
        assert entry.transformed_after is None or entry.transformed_after in entry.entry[1:]
        assert entry.entry[0] == "__getitem__"


def test_framework_of_takes_the_first_table_base():
    found = frameworks.framework_of(["pkg.Base", "torch_geometric.data.InMemoryDataset"])
    assert found is not None and found.entry == ("__getitem__", "get")
    assert frameworks.framework_of(["pkg.Base", None]) is None
