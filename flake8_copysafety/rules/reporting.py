"""Raw findings (tied to syntax nodes), and the copy each kind of value needs."""

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

import libcst as cst

from ..analysis.flow import FileContext
from ..analysis.values import VType
from ..facts.semantics import (ARRAY_KINDS, CONTAINER_KINDS, DICT_VIEW_METHODS, FUNCTION_FACTS,
                               Effect, Kind)


@dataclass
class RawFinding:
    node: cst.CSTNode
    code: str
    message: str
    refs: Dict[str, cst.CSTNode] = field(default_factory=dict)
    fix_site: Optional[cst.CSTNode] = None
    fix_text: Optional[str] = None
    needs_import_copy: bool = False
    # `(path, line, col, end_line, end_col)`: the change is made in another file (by a
    # function, method or transform of another module that `node` runs); the finding
    # belongs there, on that line, and the fix (a copy at `fix_site`) does not go with it.
    changed_at: Optional[tuple] = None


def copy_case(kind: Kind) -> str:
    """The case of a copy fix (`Rule.fixes`) for a value of this kind; "" for any kind."""
    if kind is Kind.TENSOR:
        return "tensor"
    if kind is Kind.NDARRAY:
        return "ndarray"
    if kind in CONTAINER_KINDS:
        return "container"
    return ""


def deepcopy_name(ctx: FileContext) -> Tuple[str, bool]:
    """How to call copy.deepcopy in this module, and whether `import copy` must be added."""
    local = ctx.imports.local_name_for("copy.deepcopy")
    return (local, False) if local else ("copy.deepcopy", True)


def _dict_view(node: cst.BaseExpression) -> bool:
    """`d.values()` and the like: `copy.deepcopy` cannot copy a view, only what holds it."""
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and \
        node.func.attr.value in DICT_VIEW_METHODS and not node.args


def copy_fix(ctx: FileContext, site: cst.BaseExpression, vtype: VType
             ) -> Optional[Tuple[str, bool]]:
    """The text that replaces `site` so it makes a real copy, if the kind of value is known."""
    inner = site
    if isinstance(site, cst.Call):
        qualified = ctx.imports.qualify(site.func)
        fact = FUNCTION_FACTS.get(qualified or "")
        args = [a for a in site.args if a.keyword is None and not a.star]
        if fact is not None and fact.default is Effect.SHALLOW and len(args) == 1 and \
                not _dict_view(args[0].value):
            inner = args[0].value  # replace the too-shallow copy rather than copy its result
        elif (isinstance(site.func, cst.Attribute) and site.func.attr.value == "copy"
              and not site.args and vtype.kind in CONTAINER_KINDS):
            inner = site.func.value
    text = ctx.code(inner)
    if vtype.kind in ARRAY_KINDS:
        atom = isinstance(inner, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)) and \
            not inner.lpar
        method = "clone" if vtype.kind is Kind.TENSOR else "copy"
        return (f"{text if atom else '(' + text + ')'}.{method}()", False)
    if vtype.kind in CONTAINER_KINDS:
        name, needs_import = deepcopy_name(ctx)
        return (f"{name}({text})", needs_import)
    return None
