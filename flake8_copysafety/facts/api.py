"""Measured facts about the numpy and torch APIs: what each function and method returns.

`tools/gen_api_facts.py` calls the installed numpy and torch on sample data and writes
`api_facts.json`; this module only reads it (the linter never imports numpy or torch).
The hand-written tables in `semantics` come first; these rows answer for the rest.
"""

import functools
import json
import os
from typing import Dict, NamedTuple, Optional

from .semantics import CopyFact, Effect, Kind

_TABLE = os.path.join(os.path.dirname(__file__), "api_facts.json")
_KINDS = {"ndarray": Kind.NDARRAY, "tensor": Kind.TENSOR, "tuple": Kind.TUPLE,
          "list": Kind.LIST, "dict": Kind.DICT, "scalar": Kind.SCALAR}


class ApiRow(NamedTuple):
    """One measured call: the kind of its result, and how the result relates to the input."""

    result: Kind
    shares: bool  # the result (or a part of it) shares memory with the input
    same: bool  # the result is the input object itself
    changes_input: bool


@functools.lru_cache(maxsize=1)
def _rows() -> Dict[str, Dict[str, ApiRow]]:
    with open(_TABLE, encoding="utf-8") as handle:
        table = json.load(handle)

    def row(raw: dict) -> ApiRow:
        return ApiRow(_KINDS.get(raw["result"], Kind.UNKNOWN), bool(raw["shares"]),
                      bool(raw["same"]), bool(raw["changes_input"]))

    rows = {"function": {name: row(raw) for name, raw in table["functions"].items()}}
    for kind, methods in table["methods"].items():
        rows[kind] = {name: row(raw) for name, raw in methods.items()}
    return rows


def versions() -> Dict[str, str]:
    """The numpy and torch versions the table was measured with."""
    with open(_TABLE, encoding="utf-8") as handle:
        return json.load(handle)["versions"]


def function_row(qualified: str) -> Optional[ApiRow]:
    return _rows()["function"].get(qualified)


def method_row(kind: Kind, name: str) -> Optional[ApiRow]:
    return _rows().get(kind.value, {}).get(name)


def _fact(key: str, row: ApiRow, input_kind: Optional[Kind]) -> CopyFact:
    """A measured row as a copy fact: the input itself (a conversion with nothing to do),
    a view, or a new value."""
    if row.same:
        effect = Effect.MAYBE_ALIAS
    elif row.shares:
        effect = Effect.ALIAS
    else:
        effect = Effect.FRESH
    result = None if row.result is input_kind else row.result
    return CopyFact(key, effect, result=result, implies=input_kind)


def function_fact(qualified: str) -> Optional[CopyFact]:
    """The measured fact of `numpy.X`/`torch.X`, keyed `api:<name>`."""
    row = function_row(qualified)
    if row is None:
        return None
    input_kind = Kind.NDARRAY if qualified.startswith("numpy.") else Kind.TENSOR
    return _fact(f"api:{qualified}", row, input_kind)


def method_fact(kind: Kind, name: str) -> Optional[CopyFact]:
    """The measured fact of a method of an ndarray or a tensor, keyed `api:<kind>.<name>`."""
    row = method_row(kind, name)
    return None if row is None else _fact(f"api:{kind.value}.{name}", row, kind)
