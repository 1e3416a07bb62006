"""CPS101/CPS103 beyond `__getitem__`: the items a dataset hands out by reference, changed
in place where they are used (a training loop, an evaluation function).

`for smiles, g, label, mask in Subset(dataset, idx): g.ndata.pop("h")` changes the graph
the dataset keeps: its `__getitem__` returns `self.graphs[item]` itself, so the stored
graph loses its features and the next epoch fails. The same codes apply as inside
`__getitem__` — the fix is the same (copy the item, or change a copy) — with the reason in
the CPS103 rule page. Only datasets built in the function itself, from a class of the
module whose `__getitem__` is known to return stored objects, are followed: directly, by
index, or through `Subset` / `random_split`; a `DataLoader` (which collates or converts
the items) and datasets passed in are not.
"""

from typing import Dict, List, Optional, Set

import libcst as cst

from ..analysis.flow import FileContext
from ..analysis.values import Family, Level, Tracked, VType
from ..facts.frameworks import ITEM_SHARING_WRAPPERS
from .datasets import GetitemWalker
from .reporting import RawFinding


def check_item_users(ctx: FileContext, region: cst.Module, classes: Dict[str, cst.ClassDef],
                     dataset_names: Set[str], functions: Set[str]) -> List[RawFinding]:
    """Findings in the top-level functions `functions` (chosen by the plan) of `region`."""
    findings: List[RawFinding] = []
    for stmt in region.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value in functions and \
                isinstance(stmt.body, cst.IndentedBlock):
            walker = ItemUserWalker(ctx, dataset_names)
            walker.walk_block(stmt.body.body)
            findings.extend(walker.findings)
    return findings


class ItemUserWalker(GetitemWalker):
    """Follows dataset instances built here, and the items they hand out."""

    def __init__(self, ctx: FileContext, dataset_names: Set[str]) -> None:
        super().__init__(ctx, "", {}, None)
        self.dataset_names = dataset_names

    def source(self, node: cst.BaseExpression) -> Optional[Tracked]:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and \
                node.func.value in self.dataset_names and \
                self.ctx.imports.qualify(node.func) is None:
            for arg in node.args:
                self.eval(arg.value)
            return Tracked(Family.STORED, self.ctx.code(node), node,
                           VType(cls=node.func.value), level=Level.OWNER)
        return None

    def eval_call(self, call: cst.Call) -> Optional[Tracked]:
        made = self.source(call)
        if made is not None:
            return made
        qualified = self.ctx.imports.qualify(call.func)
        if qualified in ITEM_SHARING_WRAPPERS:
            values = [self.eval(a.value) for a in call.args]
            wrapped = values[ITEM_SHARING_WRAPPERS[qualified]] if values else None
            if wrapped is not None and wrapped.level is Level.OWNER:
                return wrapped  # its items are the wrapped dataset's items
            return None
        return super().eval_call(call)

    def resolve_callee(self, call):
        return None  # helpers are not followed from here

    def resolve_chains(self, call):
        return []

    def iter_element(self, node: cst.BaseExpression) -> Optional[Tracked]:
        value = self.eval(node, bare=False)
        if value is not None and value.level is Level.OWNER and value.vtype.cls:
            return self.instance_item(value, node)  # `for item in dataset:` indexes it
        return super().iter_element(node)

    def on_bind(self, key, tracked, stmt, rhs):
        return tracked

    def on_change(self, node, tracked, how):
        if tracked.level is Level.OWNER:
            return
        super().on_change(node, tracked, how)

    def _finding(self, node, code, tracked):
        raw = super()._finding(node, code, tracked)
        raw.message = raw.message.replace(
            "; the dataset's own data drifts every time the item is read",
            ", here, after `__getitem__` handed it out by reference: the dataset's own data "
            "changes with it")
        return raw
