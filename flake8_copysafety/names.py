"""Resolve names as Python does, from the module's own imports (no scope metadata needed).

`import numpy as onp` makes `onp.asarray` mean `numpy.asarray`; `from copy import copy as
shallow` makes `shallow` mean `copy.copy`. One pass over the module's import statements is
enough for the rules, and far cheaper than libcst's QualifiedNameProvider.
"""

import builtins
from typing import Dict, Optional, Set

import libcst as cst

_BUILTINS = frozenset(dir(builtins))


def dotted(node: cst.BaseExpression) -> Optional[str]:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


class ImportTable:
    """Local name -> fully qualified name, gathered from every import in the module."""

    def __init__(self, module: cst.Module) -> None:
        self.aliases: Dict[str, str] = {}
        self.module_level_defs: Set[str] = set()
        for stmt in module.body:
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                self.module_level_defs.add(stmt.name.value)
        module.visit(_ImportCollector(self.aliases))

    def qualify(self, node: cst.BaseExpression) -> Optional[str]:
        """The qualified name an expression refers to, if it is an imported or builtin name."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        if head in self.aliases:
            full = self.aliases[head]
            return f"{full}.{rest}" if rest else full
        if head in _BUILTINS and head not in self.module_level_defs:
            return name
        return None

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


class _ImportCollector(cst.CSTVisitor):
    def __init__(self, aliases: Dict[str, str]) -> None:
        self.aliases = aliases

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            full = dotted(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.aliases[alias.asname.name.value] = full
            else:
                head = full.split(".")[0]
                self.aliases.setdefault(head, head)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
            return False
        module = dotted(node.module)
        if module is None:
            return False
        for alias in node.names:
            name = dotted(alias.name)
            if name is None:
                continue
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.aliases[local] = f"{module}.{name}"
        return False

    # Imports inside functions count too (common in real code); bodies are still visited.
    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return True
