"""The measured numpy/torch API table agrees with the installed libraries, and the analysis
uses it where the hand-written semantics say nothing."""

import importlib.util
import json
import os
import sys

import pytest

from flake8_copysafety.facts import api
from flake8_copysafety.facts.semantics import Effect, Kind

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _generator():
    path = os.path.join(ROOT, "tools", "gen_api_facts.py")
    spec = importlib.util.spec_from_file_location("gen_api_facts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured():
    pytest.importorskip("numpy")
    pytest.importorskip("torch")
    return _generator().measure_all()


def test_table_was_measured_with_the_installed_versions(measured):
    assert api.versions() == measured["versions"], (
        "the installed numpy/torch differ from the table's: run tools/gen_api_facts.py")


def test_every_row_agrees_with_the_installed_libraries(measured):
    with open(os.path.join(ROOT, "flake8_copysafety", "facts", "api_facts.json")) as handle:
        stored = json.load(handle)
    assert stored["functions"] == measured["functions"]
    assert stored["methods"] == measured["methods"]


def test_table_is_large_and_covers_both_libraries():
    functions = json.load(open(api._TABLE))["functions"]
    assert sum(name.startswith("numpy.") for name in functions) > 200
    assert sum(name.startswith("torch.") for name in functions) > 400


@pytest.mark.parametrize("qualified, effect, result", [
    ("numpy.fliplr", Effect.ALIAS, None),  # a view
    ("numpy.roll", Effect.FRESH, None),  # a new array
    ("torch.chunk", Effect.ALIAS, Kind.TUPLE),  # a tuple of views
    ("torch.nn.functional.alpha_dropout", Effect.MAYBE_ALIAS, None),  # eval mode: the input
])
def test_function_facts_from_measurement(qualified, effect, result):
    fact = api.function_fact(qualified)
    assert fact.key == f"api:{qualified}"
    assert (fact.default, fact.result) == (effect, result)


def test_method_facts_depend_on_the_receiver_kind():
    assert api.method_fact(Kind.TENSOR, "movedim").default is Effect.ALIAS
    assert api.method_fact(Kind.NDARRAY, "movedim") is None  # ndarrays have no movedim
    assert api.method_fact(Kind.LIST, "view") is None


def test_generator_never_touches_files(tmp_path, monkeypatch, measured):
    """No measured name saves, loads or prints: the generator calls only pure functions."""
    names = list(measured["functions"]) + [
        m for rows in measured["methods"].values() for m in rows]
    assert not [n for n in names if any(w in n.lower() for w in ("save", "load", "print"))]
    assert sys.modules.get("flake8_copysafety.facts.api") is api


def test_differentiation_inputs_match_the_installed_signatures():
    """`DIFFERENTIATION_INPUTS` names the parameter the gradients are taken with respect to, at
    its position in the installed torch's signature."""
    import inspect

    torch = pytest.importorskip("torch")
    from flake8_copysafety.facts.module_changes import DIFFERENTIATION_INPUTS

    assert set(DIFFERENTIATION_INPUTS) == {"torch.autograd.grad", "torch.autograd.backward"}
    for qualified, (position, keyword) in DIFFERENTIATION_INPUTS.items():
        function = getattr(torch.autograd, qualified.rpartition(".")[2])
        names = list(inspect.signature(function).parameters)
        assert names[position] == keyword, qualified
