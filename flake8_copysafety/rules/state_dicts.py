"""CPS201/CPS202: `state_dict()` results are live references into their module.

CPS201: an in-place change of a state_dict's tensors that the code treats as separate from
the module: changed after a shallow copy, kept on an attribute, changed straight off the call,
taken before the module changed, or used afterwards (loaded, saved, returned, compared).
Deliberate write-through (EMA: `for v in ema.state_dict().values(): v.mul_(d)`) has none of
those signals and stays silent.

CPS202: a state_dict kept under a name, an attribute or in a container and read after the
module may have changed (an optimizer step, in-place parameter updates, another iteration of
the training loop, `load_state_dict` into the same module).
"""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from ..analysis.flow import Change, FileContext, FlowWalker
from ..analysis.live_sources import state_dict_source
from ..analysis.stored_types import first_param
from ..analysis.summaries import resolve_self_callee
from ..analysis.syntax import DefPath, functions_with_paths, small_statements, statements
from ..analysis.values import Family, Level, Tracked, VType
from ..core.names import dotted
from ..facts.module_changes import OPTIMIZER_NAME, TRAINING_CALL
from ..facts.semantics import Kind
from .reporting import LINE_REF, RawFinding, copy_fix

# Comparing a changed state_dict with anything treats it as separate from its module.
_COMPARISONS = frozenset({"equal", "allclose", "isclose", "assert_close", "assertEqual"})
_FIX_HINT = ("copy it: `copy.deepcopy(...)` or "
             "`{k: v.detach().clone() for k, v in ....items()}`")


class _ClassFacts:
    """What the methods of one class do with snapshots kept on attributes."""

    def __init__(self) -> None:
        self.bindings: Dict[str, List[Tuple[Tracked, cst.FunctionDef]]] = {}
        self.reads: Dict[str, Set[cst.FunctionDef]] = {}
        self.changes = False


def check_state_dicts(ctx: FileContext, scopes: Set[DefPath], module_level: bool
                      ) -> List[RawFinding]:
    """CPS201/CPS202 in the functions the `ast` plan found mentioning state_dict (`scopes`),
    and in module-level code when `module_level`."""
    report = _Report(ctx)
    if module_level:
        walker = StateDictWalker(ctx, report)
        walker.walk_block([s for s in ctx.module.body
                           if not isinstance(s, (cst.FunctionDef, cst.ClassDef))])
    classes: Dict[cst.ClassDef, _ClassFacts] = {}
    seeds: Dict[cst.ClassDef, Dict[str, Tracked]] = {}
    for path, func, owner in functions_with_paths(ctx.module.body):
        if not isinstance(func.body, cst.IndentedBlock):
            continue
        if owner is not None and owner not in seeds:
            seeds[owner] = _attribute_snapshots(owner, ctx)
        # Other methods of a class that keeps snapshots on attributes matter too: they may
        # train the module or read the snapshot.
        if path not in scopes and not (owner is not None and seeds[owner]):
            continue
        walker = StateDictWalker(ctx, report, owner, first_param(func) if owner else None)
        if owner is not None:
            walker.env.update(seeds[owner])
        walker.walk_block(func.body.body)
        if owner is not None and seeds[owner]:
            facts = classes.setdefault(owner, _ClassFacts())
            facts.changes |= walker.saw_change
            for key, tracked in walker.attribute_bindings:
                facts.bindings.setdefault(key, []).append((tracked, func))
            for key in _self_reads(func):
                facts.reads.setdefault(key, set()).add(func)
    for facts in classes.values():
        if not facts.changes:
            continue
        for key, bindings in facts.bindings.items():
            for tracked, method in bindings:
                if facts.reads.get(key, set()) - {method}:
                    report.snapshot(tracked, None, f"another method reads `{key}`")
    return report.findings


def _attribute_snapshots(cls: cst.ClassDef, ctx: FileContext) -> Dict[str, Tracked]:
    """`self.x = m.state_dict()` anywhere in the class: every method sees `self.x` as live."""
    found: Dict[str, Tracked] = {}
    for method in (s for s in statements(cls.body.body, into_defs=False)
                   if isinstance(s, cst.FunctionDef)):
        for small in small_statements(method.body.body):
            if not isinstance(small, cst.Assign):
                continue
            made = state_dict_source(ctx, small.value)
            for target in small.targets:
                key = dotted(target.target)
                if made is not None and key and "." in key:
                    found[key] = made.derive(bound_key=key, bound_at=frozenset({small}),
                                             fix_site=small.value)
    return found


def _self_reads(func: cst.FunctionDef) -> Set[str]:
    """`self.x` names a method reads (assignment targets excluded)."""
    found: Set[str] = set()
    targets: Set[cst.CSTNode] = set()

    class Reads(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            targets.add(node.target)

        def visit_Attribute(self, node: cst.Attribute) -> None:
            if node not in targets and isinstance(node.value, cst.Name):
                found.add(f"{node.value.value}.{node.attr.value}")

    func.body.visit(Reads())
    return found


class _Report:
    """Findings of one file, each reported once."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.findings: List[RawFinding] = []
        self._seen: Set[tuple] = set()

    def _add(self, raw: RawFinding) -> None:
        key = (raw.node, raw.code)
        if key not in self._seen:
            self._seen.add(key)
            self.findings.append(raw)

    def _fix(self, raw: RawFinding, tracked: Tracked) -> RawFinding:
        if tracked.fix_site is not None:
            fix = copy_fix(self.ctx, tracked.fix_site, VType(Kind.DICT))
            if fix is not None:
                raw.fix_site, (raw.fix_text, raw.needs_import_copy) = tracked.fix_site, fix
        return raw

    def inplace(self, node: cst.CSTNode, tracked: Tracked, reason: str,
                refs: Optional[Dict[str, cst.CSTNode]] = None) -> None:
        owner = tracked.receiver or "the module"
        message = (f"in-place change of a tensor of `{tracked.origin_text()}` (line "
                   f"{LINE_REF.format('origin')}), live weights of `{owner}` — {_FIX_HINT}. "
                   f"It shares storage with `{owner}`, so `{owner}` changes too; {reason}.")
        refs = dict(refs or {}, origin=tracked.origin_line_node)
        self._add(self._fix(RawFinding(node, "CPS201", message, refs), tracked))

    def snapshot(self, tracked: Tracked, read: Optional[cst.CSTNode], why: str) -> None:
        owner = tracked.receiver or "the module"
        where = f" at line {LINE_REF.format('read')}" if read is not None else ""
        for bound in tracked.bound_at:
            message = (f"`{tracked.bound_key}` keeps `{tracked.origin_text()}`, live references to "
                       f"`{owner}`'s tensors, and {why}{where} after `{owner}` may have changed "
                       "— use `copy.deepcopy(...)` of the state_dict. It holds the latest "
                       "weights, not a snapshot.")
            refs = {"read": read} if read is not None else {}
            self._add(self._fix(RawFinding(bound, "CPS202", message, refs), tracked))


class StateDictWalker(FlowWalker):
    """Follows state_dict() results and module parameters through one function body."""

    def __init__(self, ctx: FileContext, report: _Report,
                 owner: Optional[cst.ClassDef] = None, self_name: Optional[str] = None) -> None:
        super().__init__(ctx)
        self.report = report
        self.owner = owner
        self.self_name = self_name
        self.saw_change = False  # a training change (a load into the module does not count)
        self._loading_into: Optional[str] = None  # the owner of a `load_state_dict` call
        self._comparing = False  # inside a comparison: reading an item counts as a use
        self.attribute_bindings: List[Tuple[str, Tracked]] = []
        self._pending: Dict[str, List[Tuple[cst.CSTNode, Tracked]]] = {}

    def source(self, node: cst.BaseExpression) -> Optional[Tracked]:
        return state_dict_source(self.ctx, node)

    def resolve_callee(self, call):
        """Only callees that return a live state_dict matter here (the plan knows them)."""
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        if self.ctx.callees is None or name not in self.ctx.callees.state_dict_producers:
            return None
        return resolve_self_callee(self, call) or super().resolve_callee(call)

    def subscript(self, base, node):
        item = super().subscript(base, node)
        if item is not None and item.family is Family.STATE_DICT and isinstance(
                node.value, cst.Call):
            return item.derive(direct=True)
        return item

    # --- the module changes ------------------------------------------------------------
    def module_changed(self, receiver: Optional[str], training: bool = True) -> None:
        self.saw_change |= training
        for key, tracked in list(self.env.items()):
            if tracked.family is Family.STATE_DICT and not tracked.changed and (
                    receiver is None or tracked.receiver is None or tracked.receiver == receiver):
                self.env[key] = tracked.derive(changed=True)

    def eval(self, node: cst.BaseExpression, bare: bool = True) -> Optional[Tracked]:
        if not isinstance(node, cst.Comparison):
            return super().eval(node, bare)
        previous, self._comparing = self._comparing, True
        try:
            return super().eval(node, bare)
        finally:
            self._comparing = previous

    def eval_call(self, call: cst.Call) -> Optional[Tracked]:
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        if name in _COMPARISONS:
            previous, self._comparing = self._comparing, True
            try:
                return super().eval_call(call)
            finally:
                self._comparing = previous
        if not (isinstance(func, cst.Attribute) and func.attr.value == "load_state_dict"):
            return super().eval_call(call)
        previous, self._loading_into = self._loading_into, dotted(func.value)
        try:
            return super().eval_call(call)
        finally:
            self._loading_into = previous

    def on_call(self, call: cst.Call, qualified: Optional[str], args) -> None:
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else "")
        owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        if name == "step" and owner and OPTIMIZER_NAME.search(owner):
            self.module_changed(None)
        elif name == "load_state_dict" and owner:
            if not any(a is not None and a.receiver == owner for a in args):
                self.module_changed(owner, training=False)  # its own state back: no change
        elif name.endswith("_") and owner:
            for receiver in self._receivers():
                if owner.startswith(receiver + "."):
                    self.module_changed(receiver)
        elif TRAINING_CALL.search(name) and call.args:
            names = {dotted(a.value) for a in call.args}
            touched = [r for r in self._receivers() if r in names]
            if touched or any(n and OPTIMIZER_NAME.search(n) for n in names):
                self.module_changed(touched[0] if len(touched) == 1 else None)

    def _receivers(self) -> Set[str]:
        return {t.receiver for t in self.env.values()
                if t.family is Family.STATE_DICT and t.receiver}

    # --- bindings and reads --------------------------------------------------------------
    def on_bind(self, key, tracked, stmt, rhs):
        if tracked.family is not Family.STATE_DICT:
            return tracked
        if tracked.bound_key is None:
            tracked = tracked.derive(bound_key=key, bound_at=frozenset({stmt}), changed=False,
                                     fix_site=rhs, direct=False)
        elif "." in key:
            tracked = tracked.derive(bound_key=key)
        # Otherwise (`v = sd[k]`, a loop variable, `b = a`) the value keeps the name of the
        # state_dict it came from: "used as separate" is about that dict, not its tensors.
        if "." in key:
            self.attribute_bindings.append((key, tracked))
        return tracked

    def on_store_into(self, container, tracked, node):
        key = dotted(container)
        if key is None or tracked.family is not Family.STATE_DICT:
            return
        self.env[key] = tracked.derive(bound_key=key, bound_at=frozenset({node}),
                                       changed=False, level=Level.SHALLOW,
                                       vtype=VType(Kind.LIST, elem=tracked.vtype), fix_site=None)

    def on_read(self, key, tracked, node, bare):
        if tracked.family is not Family.STATE_DICT:
            return
        if tracked.changed:
            self.report.snapshot(tracked, node, "is read")
        if (bare or self._comparing) and key in self._pending and \
                self._loading_into != tracked.receiver:
            for change, changed in self._pending.pop(key):
                self.report.inplace(
                    change, changed,
                    f"`{key}` is then used as if it were separate (line "
                    f"{LINE_REF.format('use')})", {"use": node})

    # --- in-place changes ---------------------------------------------------------------
    def on_change(self, node: cst.CSTNode, tracked: Tracked, how: Change) -> None:
        if tracked.family is Family.PARAMS:
            if how is Change.DATA:
                self.module_changed(tracked.receiver)
            return
        if tracked.family is not Family.STATE_DICT or how is not Change.DATA:
            return  # replacing an entry (`sd[k] = sd[k] * 0`) leaves the module alone
        if tracked.level is Level.SHALLOW and tracked.vtype.kind is Kind.DICT:
            return
        if tracked.shallow_via:
            self.report.inplace(node, tracked, f"`{tracked.shallow_via}` copied only the dict, "
                                               "not its tensors")
        elif tracked.direct:
            self.report.inplace(node, tracked, "the change goes straight into the module")
        elif tracked.bound_key and "." in tracked.bound_key:
            self.report.inplace(node, tracked, f"it is kept as `{tracked.bound_key}`, as if "
                                               "it were a copy")
        elif tracked.changed:
            self.report.inplace(node, tracked, "it was taken before the module changed, as "
                                               "if it were a snapshot")
        elif tracked.bound_key:
            self._pending.setdefault(tracked.bound_key, []).append((node, tracked))
