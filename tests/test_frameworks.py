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
        iterable = entry.key.rpartition(".")[2] == "IterableDataset"
        assert entry.entry[0] == ("__iter__" if iterable else "__getitem__")


def test_an_iterable_dataset_passes_the_gate_beside_its_base():
    body = "class Stream(IterableDataset):\n    def __iter__(self):\n        yield 1\n"
    assert gate.is_candidate("from torch.utils.data import IterableDataset\n" + body)
    assert gate.needs_plan(body.encode())
    assert not gate.is_candidate("class Stream:\n    def __iter__(self):\n        yield 1\n")


def test_framework_of_takes_the_first_table_base():
    found = frameworks.framework_of(["pkg.Base", "torch_geometric.data.InMemoryDataset"])
    assert found is not None and found.entry == ("__getitem__", "get")
    assert frameworks.framework_of(["pkg.Base", None]) is None


def test_gate_opens_a_registered_transform_only_when_it_writes():
    writing = ("@TRANSFORMS.register_module()\nclass Flip(BaseTransform):\n"
               "    def transform(self, results):\n        results['img'] *= -1\n"
               "        return results\n")
    assert gate.is_candidate(writing) and gate.is_candidate(writing.encode())
    assert not gate.needs_plan(writing)
    reading = writing.replace("results['img'] *= -1", "print(results)")
    assert not gate.is_candidate(reading) and not gate.is_candidate(reading.encode())


def test_config_composers_and_copying_hooks_are_in_the_table():
    assert frameworks.CONFIG_COMPOSERS <= frameworks.COMPOSERS
    for entry in frameworks.DATASET_FRAMEWORKS.values():
        assert set(entry.copies) <= set(entry.entry[1:])
        assert not entry.builds_configs or entry.transforms
