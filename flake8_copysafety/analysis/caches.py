"""Functions whose result a cache keeps: `@functools.lru_cache` / `@functools.cache` (under
any import spelling, with or without arguments) hand every later call with equal arguments
the same object, so the result is stored data: changing it in place, in the caller or
wherever the item is handed out, changes what the next call returns.

A result that cannot change in place (an int, a str, a tuple of such) is not tracked.
"""

from typing import Optional

import libcst as cst

from ..core.names import ImportTable
from ..facts.semantics import Kind
from ..facts.stores import CACHING_DECORATORS
from .stored_types import StoredTypes
from .values import Family, Level, Tracked, VType


def caching_decorator(func: cst.FunctionDef, imports: ImportTable) -> Optional[str]:
    """The qualified caching decorator on `func` (`functools.lru_cache`), if any."""
    for decorator in func.decorators:
        expr = decorator.decorator
        if isinstance(expr, cst.Call):
            expr = expr.func
        qualified = imports.qualify(expr)
        if qualified in CACHING_DECORATORS:
            return qualified
    return None


def cached_result(func: cst.FunctionDef, decorator: str, types: StoredTypes
                  ) -> Optional[Tracked]:
    """What a call of `func`, cached by `decorator`, returns: the object its cache keeps
    (None where what it returns cannot change in place)."""
    if not isinstance(func.body, cst.IndentedBlock):
        return None
    vtype = types.returned_type(func, every_known=True)
    if _immutable(vtype):
        return None
    label = f"@{decorator.rpartition('.')[2]}"
    return Tracked(Family.STORED, "", func.name, vtype, level=Level.ALIAS,
                   kept_by=f"`{label}` on `{func.name.value}`")


def _immutable(vtype: VType) -> bool:
    if vtype.kind is Kind.SCALAR:
        return True
    return vtype.kind is Kind.TUPLE and vtype.items is not None and \
        all(_immutable(item) for item in vtype.items)
