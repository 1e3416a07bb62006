"""One walk over a piece of the `ast` tree flake8 already parsed, kept for many questions.

The plan asks several things of the same code (does it keep a state_dict, what flows where,
what changes in place); walking it once and filtering the list is what keeps the plan cheap
on large modules.
"""

import ast
from typing import Dict, Iterator, List, Type, TypeVar

Node = TypeVar("Node", bound=ast.AST)


class Walked:
    """Every node under `root` (`root` included), with each node's parent."""

    def __init__(self, root: ast.AST) -> None:
        self.root = root
        self.nodes: List[ast.AST] = [root]
        self.parent: Dict[int, ast.AST] = {}
        index = 0
        while index < len(self.nodes):
            node = self.nodes[index]
            index += 1
            for child in ast.iter_child_nodes(node):
                self.parent[id(child)] = node
                self.nodes.append(child)

    def of(self, kind: Type[Node]) -> List[Node]:
        return [n for n in self.nodes if isinstance(n, kind)]


def called_name(call: ast.Call) -> str:
    """`f` for `f(...)` and `obj.f(...)`; "" for anything else."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def inner_blocks(stmt: ast.stmt) -> Iterator[List[ast.stmt]]:
    """The statement lists directly inside `stmt`: bodies, `else`, `finally`, handlers and
    `case` blocks (never expressions)."""
    for name in ("body", "orelse", "finalbody"):
        inner = getattr(stmt, name, None)
        if isinstance(inner, list):
            yield inner
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body
    for case in getattr(stmt, "cases", ()):
        yield case.body
