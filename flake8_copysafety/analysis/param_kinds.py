"""Parameters a function's own code proves to be arrays (an ndarray or a tensor).

A parameter of unknown kind changed by `p += x` changes the caller's object only if that
object is mutable; where the function also indexes `p` with a tuple holding a slice
(`p[:, [0, 2]]`), unpacks `p.shape` into names (`n, c = p.shape`) or indexes `p.shape`
(`p.shape[0]`), the call runs only for an array: a Python number has no `.shape`, a NumPy
scalar's shape is `()` and takes no such index, a list or dict takes no tuple of slices.
So the `+=` is an in-place change of every argument the function can run with.
"""

from typing import Optional, Set

import libcst as cst


def array_write(node: cst.CSTNode) -> Optional[str]:
    """The name an assignment writes through an index only an array takes (`p[:, 0:3] =
    v`, `p[..., 1:] += v`): the statement runs only if `p` holds an array. None otherwise."""
    targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else \
        [node.target] if isinstance(node, cst.AugAssign) else []
    for target in targets:
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and \
                _array_index(target):
            return target.value.value
    return None


def _array_index(node: cst.Subscript) -> bool:
    """A tuple index holding a slice: a list, a dict or a number takes no such index."""
    return len(node.slice) >= 2 and any(isinstance(e.slice, cst.Slice) for e in node.slice)


def array_params(func: cst.FunctionDef, names: Set[str]) -> Set[str]:
    """The parameters among `names` that `func` proves arrays and never rebinds."""
    uses = _Uses(names)
    func.body.visit(uses)
    return uses.proven - uses.rebound


class _Uses(cst.CSTVisitor):
    def __init__(self, names: Set[str]) -> None:
        self.names = names
        self.proven: Set[str] = set()
        self.rebound: Set[str] = set()

    def _param(self, node: cst.BaseExpression):
        return node.value if isinstance(node, cst.Name) and node.value in self.names else None

    def _shape_of(self, node: cst.BaseExpression):
        if isinstance(node, cst.Attribute) and node.attr.value == "shape":
            return self._param(node.value)
        return None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested function's names are its own

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Subscript(self, node: cst.Subscript) -> None:
        name = self._param(node.value)
        if name is not None and _array_index(node):
            self.proven.add(name)
        name = self._shape_of(node.value)
        if name is not None and len(node.slice) == 1 and \
                isinstance(node.slice[0].slice, cst.Index) and \
                isinstance(node.slice[0].slice.value, cst.Integer):
            self.proven.add(name)

    def visit_Assign(self, node: cst.Assign) -> None:
        name = self._shape_of(node.value)
        for target in node.targets:
            inner = target.target
            if name is not None and isinstance(inner, (cst.Tuple, cst.List)) and \
                    inner.elements and not any(isinstance(e, cst.StarredElement)
                                               for e in inner.elements):
                self.proven.add(name)
            self._binds(inner)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._binds(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._binds(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._binds(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._binds(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._binds(node.target)

    def _binds(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name) and target.value in self.names:
            self.rebound.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._binds(element.value)
        elif isinstance(target, cst.StarredElement):
            self._binds(target.value)
