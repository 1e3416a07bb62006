"""A module's `ast` nodes, from one walk of its tree.

The plan asks one file's tree for its calls and its assignments more than once; every
`ast.walk` of a whole module costs as much as the question asked of its nodes, and more
than filtering a list of them. The walk is made once for the last tree asked about (the
file being planned; nothing here changes a tree), in `ast.walk`'s order; only one is kept,
so the project model's trees carry no list.
"""

import ast
from typing import Any, List, Type, TypeVar, overload

Node = TypeVar("Node", bound=ast.AST)

_last: tuple = (None, [])


@overload
def nodes_of(tree: ast.AST, kind: Type[Node]) -> List[Node]: ...
@overload
def nodes_of(tree: ast.AST, kind: Type[ast.AST], *more: Type[ast.AST]) -> List[ast.AST]: ...


def nodes_of(tree: ast.AST, kind: Type[Any], *more: Type[ast.AST]) -> List[Any]:
    """The nodes of `tree` (itself included) that are instances of `kind` (or `more`), in
    the order `ast.walk(tree)` gives them."""
    global _last
    held = _last  # one read: a thread asking about another tree replaces it whole
    if held[0] is not tree:
        held = _last = (tree, _walk(tree))
    kinds = (kind, *more)
    return [node for node in held[1] if isinstance(node, kinds)]


def _walk(tree: ast.AST) -> List[ast.AST]:
    """`list(ast.walk(tree))`, without a generator per node (`iter_child_nodes`)."""
    nodes = [tree]
    for node in nodes:  # grows while read: breadth first, as `ast.walk`
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                nodes.append(value)
            elif isinstance(value, list):
                nodes.extend([item for item in value if isinstance(item, ast.AST)])
    return nodes
