"""Resolve names as Python does, from the module's own imports (no scope metadata needed).

`import numpy as onp` makes `onp.asarray` mean `numpy.asarray`; `from copy import copy as
shallow` makes `shallow` mean `copy.copy`. One pass over the module's import statements is
enough for the rules, and far cheaper than libcst's QualifiedNameProvider.
"""

import ast
import builtins
from collections import deque
from typing import (TYPE_CHECKING, Callable, Dict, Iterable, Iterator, List, Mapping,
                    Optional, Set, Tuple, TypeVar, cast)

if TYPE_CHECKING:  # libcst is imported only once a file is worth a parse
    import libcst as cst

_BUILTINS = frozenset(dir(builtins))

ClassNode = TypeVar("ClassNode")


def class_ancestors(cls: ClassNode, base_names: Callable[[ClassNode], Iterable[Optional[str]]],
                    by_name: Mapping[str, ClassNode]) -> List[ClassNode]:
    """The class and its bases defined in this module, nearest first, each once.

    One walk for both trees: `base_names` reads a class's bases as dotted names (from `ast`
    for the cheap plan, from libcst for the rules)."""
    seen: List[ClassNode] = []
    queue = [cls]
    while queue:
        current = queue.pop(0)
        if any(current is s for s in seen):
            continue
        seen.append(current)
        queue.extend(by_name[name] for name in base_names(current)
                     if name is not None and name in by_name)
    return seen


Method = TypeVar("Method")


def dataset_entry(chain: List[ClassNode],
                  method_named: Callable[[ClassNode, str], Optional[Method]],
                  entry: Iterable[str]) -> Optional[Tuple[Method, str]]:
    """The method indexing enters first among those the module defines, and its name.

    `chain` is a class and its in-module bases, nearest first; `entry` the methods indexing
    reaches, in order (`("__getitem__",)`, or a framework's `__getitem__` and hooks). A
    base's `__getitem__` counts for its subclasses (a template method: it calls hooks they
    override, resolved from the subclass)."""
    for name in entry:
        for cls in chain:
            found = method_named(cls, name)
            if found is not None:
                return found, name
    return None


def dotted(node: "cst.BaseExpression") -> Optional[str]:
    """`a.b.c` for a libcst Name/Attribute chain, else None."""
    import libcst as cst

    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


_HOLDS_STATEMENTS = (ast.stmt, ast.excepthandler, ast.match_case)


def _statements(tree: ast.AST) -> Iterator[ast.AST]:
    """The statements under `tree`, in `ast.walk`'s order: an import is a statement, and a
    statement's ancestors are statements, handlers and match cases, so the expressions
    (most of a module's nodes) need no walk."""
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        todo.extend(child for child in ast.iter_child_nodes(node)
                    if isinstance(child, _HOLDS_STATEMENTS))
        yield node


class ImportTable:
    """Local name -> fully qualified name, gathered from every import in the module.

    Built from the `ast` tree (which flake8 has already parsed), so it costs no libcst pass.
    """

    def __init__(self, tree: ast.Module) -> None:
        self.aliases: Dict[str, str] = {}
        # `from .utils import f as g`: g -> (1, "utils", "f"), for following project helpers
        self.relative: Dict[str, Tuple[int, str, str]] = {}
        self.module_level_defs: Set[str] = {
            stmt.name for stmt in tree.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        }
        for node in _statements(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        head = alias.name.split(".")[0]
                        self.aliases.setdefault(head, head)
            elif isinstance(node, ast.ImportFrom) and node.level:
                for alias in node.names:
                    if alias.name != "*":
                        self.relative[alias.asname or alias.name] = (
                            node.level, node.module or "", alias.name)
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if alias.name != "*":
                        self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def qualify_name(self, name: Optional[str]) -> Optional[str]:
        """The qualified name a dotted local name refers to, if imported or builtin."""
        if name is None:
            return None
        head, _, rest = name.partition(".")
        if head in self.aliases:
            full = self.aliases[head]
            return f"{full}.{rest}" if rest else full
        if head in _BUILTINS and head not in self.module_level_defs:
            return name
        return None

    def qualify(self, node: "cst.BaseExpression") -> Optional[str]:
        """The qualified name a libcst expression refers to."""
        return self.qualify_name(dotted(node))

    def qualify_ast(self, node: ast.AST) -> Optional[str]:
        """The qualified name an `ast` expression refers to."""
        return self.qualify_name(dotted_ast(node))

    def local_name_for(self, qualified: str) -> Optional[str]:
        """How this module spells `qualified` (e.g. `cp.deepcopy` after `import copy as cp`)."""
        module, _, attr = qualified.rpartition(".")
        for local, full in self.aliases.items():
            if full == qualified:
                return local
        for local, full in self.aliases.items():
            if full == module:
                return f"{local}.{attr}"
        return None


def dotted_ast(node: ast.AST) -> Optional[str]:
    """`a.b.c` for an `ast` Name/Attribute chain, else None.

    Kept on each Attribute node once computed: the analysis asks again for every node
    of a chain (each prefix of `self.a.a.a…`), and a walk down the chain each time would
    cost the square of its length, times the passes over the function."""
    chain = []
    base: Optional[str]
    while isinstance(node, ast.Attribute):
        known = getattr(node, _DOTTED, _UNKNOWN)
        if known is not _UNKNOWN:
            base = cast(Optional[str], known)
            break
        chain.append(node)
        node = node.value
    else:
        base = node.id if isinstance(node, ast.Name) else None
    for attribute in reversed(chain):
        if base is not None:
            base = f"{base}.{attribute.attr}"
        setattr(attribute, _DOTTED, base)
    return base


_DOTTED = "_copysafety_dotted"
_UNKNOWN = object()
