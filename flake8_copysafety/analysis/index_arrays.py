"""Which index expressions are integer (or boolean) arrays: indexing with them copies.

`data[np.random.choice(n, 3)]`, `data[np.where(mask)[0]]`, `data[torch.randperm(n)[:k]]` and
`data[keep]` after `keep = np.argsort(scores)` are advanced indexing: NumPy and torch return
a new array, so writing into the result leaves the stored data alone — exactly as a boolean
mask or a list of indices does. The calls that make such arrays are facts
(`semantics.INDEX_ARRAY_*`); a local name counts when every binding of it in the function is
such an expression (a name also bound otherwise may be a plain integer, whose index views).
"""

from typing import Dict, FrozenSet, List, Optional, Set

import libcst as cst

from ..core.names import ImportTable
from ..facts import semantics as sem
from .syntax import all_nodes


# Methods that turn an index array into an index array (or a list of ints): views, copies,
# integer conversions.
_KEEPS_INDEX_ARRAY = frozenset(
    set(sem.METHOD_FACTS) | set(sem.DTYPE_CONVERSIONS) | {"tolist"}
) - {"items", "values"}


class IndexArrays:
    """Decides, for one function body, which expressions are index arrays.

    `keys(node)` gives the semantics keys that prove it (empty: not an index array)."""

    def __init__(self, imports: ImportTable, body: List[cst.CSTNode]) -> None:
        self.imports = imports
        self._bindings: Dict[str, List[Optional[cst.BaseExpression]]] = {}
        collector = _Bindings(self._bindings)
        for node in all_nodes(body, into_tokens=False):  # bindings are not tokens
            visit = getattr(collector, f"visit_{type(node).__name__}", None)
            if visit is not None:
                visit(node)
        self._names: Dict[str, FrozenSet[str]] = {}
        self._busy: Set[str] = set()

    def keys(self, node: cst.BaseExpression) -> FrozenSet[str]:
        if isinstance(node, (cst.List, cst.ListComp, cst.Comparison)):
            return frozenset({sem.INDEX_ADVANCED_COPIES})  # a list of indices, a mask
        if isinstance(node, cst.Name):
            return self._name(node.value)
        if isinstance(node, cst.Call):
            return self._call(node)
        if isinstance(node, cst.Subscript) and any(isinstance(e.slice, cst.Slice)
                                                   for e in node.slice):
            return self.keys(node.value)  # `perm[:k]`, `coords[:, 0]`: still index arrays
        if isinstance(node, cst.Subscript) and len(node.slice) == 1:
            inner = node.slice[0].slice
            if isinstance(inner, cst.Index) and isinstance(inner.value, cst.Integer) and \
                    isinstance(node.value, cst.Call):
                return self._tuple_of_arrays(node.value)  # `np.where(mask)[0]`
        return frozenset()

    def _call(self, call: cst.Call) -> FrozenSet[str]:
        qualified = self.imports.qualify(call.func)
        if qualified in sem.INDEX_ARRAY_FUNCTIONS:
            needs = sem.INDEX_ARRAY_FUNCTIONS[qualified]
            if needs is not None and not _has_argument(call, *needs):
                return frozenset()  # one integer: a basic index
            return frozenset({f"index-array:{qualified}"})
        func = call.func
        if qualified is None and isinstance(func, cst.Attribute) and \
                func.attr.value in sem.INDEX_ARRAY_METHODS:
            return frozenset({f"index-array:.{func.attr.value}"})  # `scores.argsort()`
        if qualified is None and isinstance(func, cst.Attribute) and \
                func.attr.value in _KEEPS_INDEX_ARRAY:
            return self.keys(func.value)  # `np.argwhere(m).flatten()`, `.long()`, `.tolist()`
        return self._tuple_of_arrays(call)  # `data[np.where(mask)]`: a tuple of arrays

    def _tuple_of_arrays(self, call: cst.Call) -> FrozenSet[str]:
        """Calls whose result, indexed by a position, is still an index array."""
        qualified = self.imports.qualify(call.func)
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if qualified in sem.INDEX_ARRAY_WHERE and len(call.args) == 1 and positional:
            return frozenset({f"index-array:{qualified}"})
        if qualified in ("numpy.nonzero", "torch.nonzero"):
            return frozenset({f"index-array:{qualified}"})
        func = call.func
        if qualified is None and isinstance(func, cst.Attribute) and \
                func.attr.value in ("nonzero", "argwhere"):
            return frozenset({f"index-array:.{func.attr.value}"})
        return frozenset()

    def _name(self, name: str) -> FrozenSet[str]:
        if name in self._names:
            return self._names[name]
        values = self._bindings.get(name)
        known = [v for v in values or () if v is not None]
        if not values or name in self._busy or len(known) != len(values):
            return frozenset()
        self._busy.add(name)
        try:
            found: Set[str] = set()
            for value in known:
                keys = self.keys(value)
                if not keys:
                    found = set()
                    break
                found |= keys
        finally:
            self._busy.discard(name)
        self._names[name] = frozenset(found)
        return self._names[name]


def _has_argument(call: cst.Call, keyword: str, position: int) -> bool:
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return len(positional) > position or any(
        a.keyword is not None and a.keyword.value == keyword for a in call.args)


class _Bindings:
    """Every binding of each local name: the value assigned, or None for any other binding
    (a loop target, `+=`, an unpacked tuple, `with ... as`, a parameter of a nested def)."""

    def __init__(self, into: Dict[str, List[Optional[cst.BaseExpression]]]) -> None:
        self.into = into

    def _bind(self, target: cst.BaseExpression, value: Optional[cst.BaseExpression]) -> None:
        if isinstance(target, cst.Name):
            self.into.setdefault(target.value, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, None)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value, None)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, None)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind(node.target, None)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind(node.name, None)

    def visit_Param(self, node: cst.Param) -> None:
        self._bind(node.name, None)
