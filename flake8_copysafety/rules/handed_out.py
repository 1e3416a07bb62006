"""CPS101/CPS103 beyond `__getitem__`: the items a dataset hands out by reference, changed
in place where they are used (a training loop, an evaluation function).

`for smiles, g, label, mask in Subset(dataset, idx): g.ndata.pop("h")` changes the graph
the dataset keeps: its `__getitem__` returns `self.graphs[item]` itself, so the stored
graph loses its features and the next epoch fails. The same codes apply as inside
`__getitem__` — the fix is the same (copy the item, or change a copy) — with the reason in
the CPS103 rule page. Only datasets built in the function itself, from a class of the
module whose `__getitem__` is known to return stored objects, are followed: directly, by
index, or through `Subset` / `random_split`. A `DataLoader` over such a dataset is followed
into its `collate_fn` (a function of the module) when the loader runs in this process
(`num_workers` 0, the default) and the function iterates it: the collate function is given
the items themselves. Batches the default collation makes, and datasets passed in, are not
followed.
"""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from ..analysis.flow import FileContext, FlowWalker
from ..analysis.values import Family, Level, Tracked, VType
from ..facts.frameworks import DATA_LOADERS, ITEM_SHARING_WRAPPERS
from .datasets import GetitemWalker
from .reporting import RawFinding


def check_item_users(ctx: FileContext, region: cst.Module, classes: Dict[str, cst.ClassDef],
                     dataset_names: Set[str], functions: Set[str]) -> List[RawFinding]:
    """Findings in the top-level functions `functions` (chosen by the plan) of `region`."""
    findings: List[RawFinding] = []
    module_functions = ctx.callees.functions if ctx.callees is not None else {}
    for stmt in region.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value in functions and \
                isinstance(stmt.body, cst.IndentedBlock):
            walker = ItemUserWalker(ctx, dataset_names, module_functions,
                                    _iterated_names(stmt))
            walker.walk_block(stmt.body.body)
            findings.extend(walker.findings)
    return findings


def _iterated_names(func: cst.FunctionDef) -> Set[str]:
    """Names a `for` loop of `func` iterates (`for b in loader`, `enumerate(loader)`)."""
    found: Set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    class Loops(cst.CSTVisitor):
        def visit_For(self, node: cst.For) -> None:
            node.iter.visit(Names())

    func.body.visit(Loops())
    return found


class _HandedOutWalker(GetitemWalker):
    """Code outside `__getitem__` given what it handed out: methods and bound transforms are
    not followed from here (only plain functions, where a subclass says so), and the dataset
    object itself is no item."""

    def resolve_callee(self, call):
        return None

    def resolve_chains(self, call):
        return []

    def on_change(self, node, tracked, how):
        if tracked.level is Level.OWNER:
            return
        super().on_change(node, tracked, how)


class ItemUserWalker(_HandedOutWalker):
    """Follows dataset instances built here, and the items they hand out."""

    drift = ("`__getitem__` handed it out by reference, so the dataset's own data changes "
             "with it")

    def __init__(self, ctx: FileContext, dataset_names: Set[str],
                 functions: Optional[Dict[str, cst.FunctionDef]] = None,
                 iterated: Optional[Set[str]] = None) -> None:
        super().__init__(ctx, "", {}, None)
        self.dataset_names = dataset_names
        self.functions = functions or {}
        self.iterated = iterated or set()
        # loaders built here, by call: the item their collate_fn is given, and the function
        self._loaders: Dict[cst.Call, Tuple[Tracked, cst.FunctionDef, bool]] = {}
        self._collated: Set[cst.FunctionDef] = set()

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
        if qualified in DATA_LOADERS:
            self._loader(call)
            return None
        if qualified in ITEM_SHARING_WRAPPERS:
            values = [self.eval(a.value) for a in call.args]
            wrapped = values[ITEM_SHARING_WRAPPERS[qualified]] if values else None
            if wrapped is not None and wrapped.level is Level.OWNER:
                return wrapped  # its items are the wrapped dataset's items
            return None
        return super().eval_call(call)

    def on_bind(self, key, tracked, stmt, rhs):
        return tracked

    def resolve_callee(self, call):
        """A function of the module (or imported from the project) given an item changes
        it as if the loop did (`scale(spectrum)` in the training loop)."""
        return FlowWalker.resolve_callee(self, call)

    # --- data loaders and their collate_fn ------------------------------------------------
    def _loader(self, call: cst.Call) -> None:
        """`DataLoader(dataset, collate_fn=collate)` run in this process: remember what
        `collate` will be given (the loop over the loader runs it)."""
        args = {a.keyword.value if a.keyword else i: a.value for i, a in enumerate(call.args)}
        values = {key: self.eval(value) for key, value in args.items()}
        dataset = values.get(0) or values.get("dataset")
        collate = args.get("collate_fn")
        workers = args.get("num_workers")
        in_process = workers is None or (isinstance(workers, cst.Integer)
                                         and workers.evaluated_value == 0)
        if dataset is None or dataset.level is not Level.OWNER or not in_process or \
                not isinstance(collate, cst.Name) or collate.value not in self.functions:
            return
        item = self.instance_item(dataset, call)
        if item is None:
            return
        item = item.derive(origin=f"{self.ctx.code(args.get(0) or args['dataset'])}[i]")
        batch_size = args.get("batch_size")
        single = isinstance(batch_size, cst.Name) and batch_size.value == "None"
        self._loaders[call] = (item, self.functions[collate.value], single)

    def bind(self, target, value, stmt, rhs) -> None:
        super().bind(target, value, stmt, rhs)
        if isinstance(rhs, cst.Call) and rhs in self._loaders and \
                isinstance(target, cst.Name) and target.value in self.iterated:
            self._collate(*self._loaders.pop(rhs))

    def iter_element(self, node: cst.BaseExpression) -> Optional[Tracked]:
        value = self.eval(node, bare=False)
        if value is not None and value.level is Level.OWNER and value.vtype.cls:
            return self.instance_item(value, node)  # `for item in dataset:` indexes it
        element = super().iter_element(node)
        inner = node.args[0].value if isinstance(node, cst.Call) and node.args else node
        for call in (node, inner):
            if isinstance(call, cst.Call) and call in self._loaders:
                self._collate(*self._loaders.pop(call))  # `for batch in DataLoader(...)`
        return element

    def _collate(self, item: Tracked, collate: cst.FunctionDef, single: bool) -> None:
        if collate in self._collated or not isinstance(collate.body, cst.IndentedBlock):
            return
        self._collated.add(collate)
        params = list(collate.params.posonly_params) + list(collate.params.params)
        if not params:
            return
        walker = CollateWalker(self.ctx, item, params[0].name.value, single, collate)
        walker.walk_block(collate.body.body)
        self.findings.extend(walker.findings)


class CollateWalker(_HandedOutWalker):
    """A `collate_fn` given the items a dataset hands out by reference: its parameter is a
    new list of them (one item with `batch_size=None`). Only the items themselves are
    followed — `for item in batch`, `batch[i]` —: the list is the loader's own."""

    def __init__(self, ctx: FileContext, item: Tracked, batch: str, single: bool,
                 func: cst.FunctionDef) -> None:
        super().__init__(ctx, "", {}, None)
        self.item, self.batch = item, batch
        self.drift = (f"`__getitem__` handed it out by reference to the collate_fn "
                      f"`{func.name.value}()`, so the dataset's own data changes with it")
        if single:
            self.env[batch] = item

    def source(self, node):
        return None

    def resolve_callee(self, call):
        """A function of the module (or imported from the project) the collate_fn hands an
        item to changes it as if the collate_fn did (`[batchify(v) for v in values]`)."""
        return FlowWalker.resolve_callee(self, call)

    def _is_batch(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.Name) and node.value == self.batch and \
            self.batch not in self.env

    def iter_element(self, node):
        if self._is_batch(node):
            return self.item
        return super().iter_element(node)

    def eval(self, node, bare=True):
        if isinstance(node, cst.Subscript) and self._is_batch(node.value) and \
                len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and \
                isinstance(node.slice[0].slice.value, (cst.Integer, cst.Name, cst.UnaryOperation)):
            return self.item
        return super().eval(node, bare)
