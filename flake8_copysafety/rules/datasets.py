"""CPS101-CPS104: `__getitem__` changing the dataset's own stored data in place."""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from ..analysis.classes import ancestors
from ..analysis.flow import Change, FileContext, FlowWalker
from ..analysis.param_kinds import array_write
from ..analysis.stored_types import StoredTypes, first_param, kinds_from_use, methods_of
from ..analysis.summaries import resolve_self_callee, self_bound_chains
from ..analysis.syntax import all_nodes, classes_in
from ..analysis.values import Family, Level, Tracked, VType
from ..core.findings import LINE_REF
from ..core.names import dataset_entry
from ..facts.frameworks import COLLATED_RECORD, DatasetFramework, framework_of
from ..facts.semantics import ARRAY_KINDS, CONTAINER_KINDS, Kind
from ..project.bindings import file_always_bound
from ..project.module_paths import project_file
from .catalogue import RULES
from .reporting import RawFinding, copy_case, copy_fix


def check_datasets(ctx: FileContext, region: cst.Module, classes: Dict[str, cst.ClassDef],
                   dataset_names: Set[str]) -> List[RawFinding]:
    """CPS101-CPS104 for the dataset classes defined in `region`.

    `classes` holds every class parsed from the file (bases may live in other regions);
    `dataset_names` comes from the cheap `ast` pass, which already resolved the bases.
    """
    types = StoredTypes(ctx.imports)
    findings: List[RawFinding] = []
    for cls in classes_in(region):
        if cls.name.value not in dataset_names:
            continue
        chain = ancestors(cls, classes)
        framework = _framework(ctx, chain)
        found = dataset_entry(chain, _method_named,
                              framework.entry if framework else ("__getitem__",))
        if found is None:
            findings.extend(_framework_item(ctx, types, cls, chain, framework))
            continue
        getitem, name = found
        self_name = first_param(getitem)
        if self_name is None or not isinstance(getitem.body, cst.IndentedBlock):
            continue
        stored = ctx.callees.stored_types(cls) if ctx.callees is not None else \
            types.attribute_types(chain)
        if framework is not None and framework.fills:
            stored = _filled_by_hooks(types, stored, chain, framework)
        if framework is not None and framework.collated:
            stored = _collated(stored, framework)
        walker = GetitemWalker(ctx, self_name, stored, cls)
        walker.stored = stored = _kinds_from_callees(walker, chain, stored)
        if ctx.callees is not None:
            ctx.callees.refine_stored(cls, stored)
        if framework is not None and framework.transformed_after == name:
            walker.transformed_by = framework.transforms
        walker.walk_block(getitem.body.body)
        findings.extend(walker.findings)
        for inner, method in _delegated(getitem, self_name, stored, classes):
            findings.extend(_walk_delegated(ctx, types, inner, method, classes))
    return findings


def _framework_item(ctx: FileContext, types: StoredTypes, cls: cst.ClassDef,
                    chain: List[cst.ClassDef], framework: Optional[DatasetFramework]
                    ) -> List[RawFinding]:
    """A class keeping its framework's own item hook (`BioDataset(InMemoryDataset)` with no
    `get`): the framework hands the transforms a new record whose every field is a view of
    the collated store's field (`DatasetFramework.shares_collated`)."""
    hook = framework.shares_collated if framework is not None else None
    if framework is None or hook is None or framework.transformed_after != hook or \
            ctx.bound_transforms is None:
        return []
    base = next((b.value for c in chain for b in c.bases
                 if ctx.imports.qualify(b.value) == framework.key), None)
    if base is None:
        return []
    stored = ctx.callees.stored_types(cls) if ctx.callees is not None else \
        types.attribute_types(chain)
    walker = GetitemWalker(ctx, "self", _collated(stored, framework), cls)
    walker.transformed_by = framework.transforms
    origin = f"{ctx.code(base).rpartition('.')[2]}.{hook}(idx)"
    view = Tracked(Family.STORED, origin, base, VType(Kind.TENSOR), level=Level.ALIAS)
    item = view.derive(level=Level.SHALLOW, vtype=VType(Kind.RECORD, cls=COLLATED_RECORD),
                       element=view)
    walker.on_return(item, cst.Return(cst.Name("data")))
    return walker.findings


def _kinds_from_callees(walker: "GetitemWalker", chain: List[cst.ClassDef],
                        stored: Dict[str, VType]) -> Dict[str, VType]:
    """Stored attributes of unknown kind (`pickle.load(f)[subset]`) whose elements the
    class hands to a callee proving its parameter an array (a transform bound where the
    dataset is built writing `points[:, 0:3] = ...`): containers of arrays, as if the class
    had used the element so itself."""
    open_attrs = {attr for attr, vtype in stored.items()
                  if vtype.kind is Kind.UNKNOWN and not vtype.cls and vtype.elem is None}
    if not open_attrs:
        return stored
    _, containers = kinds_from_use(chain, lambda call, arg: _proved_by_callee(walker, call,
                                                                              arg))
    found = {attr: vtype for attr, vtype in containers.items() if attr in open_attrs}
    return {**stored, **found} if found else stored


def _proved_by_callee(walker: "GetitemWalker", call: cst.Call, arg: cst.Arg
                      ) -> Optional[Kind]:
    """An ndarray where the callee `call` runs (a function or method of the project, or the
    first transform of a chain bound to `self.<attr>`) changes the parameter `arg` binds
    through an index only an array takes, or by `+=` where its code proves it an array."""
    refs = [ref for ref in [walker.resolve_callee(call)] if ref is not None]
    refs.extend(chain[0] for chain in walker.resolve_chains(call) if chain)
    for ref in refs:
        # which parameter `arg` binds (any non-None value marks it)
        bound = ref.bind(call, [walker if a is arg else None for a in call.args])
        for change in ref.summary.changes:
            if change.param not in bound or change.depth or change.how is not Change.DATA:
                continue
            node = change.node
            if array_write(node) is not None or (
                    isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Name)
                    and not change.conditional):
                return Kind.NDARRAY
    return None


def _self_attribute(node: cst.BaseExpression, self_name: str) -> Optional[str]:
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and \
            node.value.value == self_name:
        return node.attr.value
    return None


def _assignments_of(chain: List[cst.ClassDef], attr: str) -> int:
    """How many statements of the class's methods assign `self.<attr>`."""
    count = 0
    for cls in chain:
        for method in methods_of(cls):
            self_name = first_param(method)
            for node in all_nodes([method.body]):
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) \
                    else [node.target] if isinstance(node, (cst.AnnAssign, cst.AugAssign)) \
                    else []
                for target in targets:
                    inner = [e.value for e in target.elements] \
                        if isinstance(target, (cst.Tuple, cst.List)) else [target]
                    count += sum(_self_attribute(e, self_name or "") == attr for e in inner)
    return count


def _delegated(getitem: cst.FunctionDef, self_name: str, stored: Dict[str, VType],
               classes: Dict[str, cst.ClassDef]) -> List[Tuple[cst.ClassDef, str]]:
    """The methods of another project class that `__getitem__` hands the reading to through
    an instance it keeps (a wrapper dataset: `return self.dataset.pull_item(index)`): the
    instance's stored data is the wrapper's too, and its method reads it as an item."""
    found: List[Tuple[cst.ClassDef, str]] = []
    for node in _calls_in(getitem.body):
        func = node.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute)
                and isinstance(func.value.value, cst.Name)
                and func.value.value.value == self_name):
            continue
        held = stored.get(func.value.attr.value)
        inner = classes.get(held.cls) if held is not None and held.cls else None
        if inner is not None and (inner, func.attr.value) not in found:
            found.append((inner, func.attr.value))
    return found


def _calls_in(node: cst.CSTNode) -> List[cst.Call]:
    calls: List[cst.Call] = []

    class Collect(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            calls.append(call)

    node.visit(Collect())
    return calls


def _walk_delegated(ctx: FileContext, types: StoredTypes, inner: cst.ClassDef, name: str,
                    classes: Dict[str, cst.ClassDef]) -> List[RawFinding]:
    chain = ancestors(inner, classes)
    method = next((m for cls in chain for m in [_method_named(cls, name)] if m), None)
    self_name = first_param(method) if method is not None else None
    if method is None or self_name is None or not isinstance(method.body, cst.IndentedBlock) \
            or name == "__getitem__":  # a dataset's own entry is checked as such
        return []
    stored = ctx.callees.stored_types(inner) if ctx.callees is not None else \
        types.attribute_types(chain)
    walker = GetitemWalker(ctx, self_name, stored, inner)
    walker.walk_block(method.body.body)
    return walker.findings


def _framework(ctx: FileContext, chain: List[cst.ClassDef]) -> Optional[DatasetFramework]:
    return framework_of(ctx.imports.qualify(
        a.value.value if isinstance(a.value, cst.Subscript) else a.value)
        for cls in chain for a in cls.bases)


def _filled_by_hooks(types: StoredTypes, stored: Dict[str, VType], chain: List[cst.ClassDef],
                     framework: DatasetFramework) -> Dict[str, VType]:
    """The kinds of attributes the framework fills from the subclass's hooks."""
    stored = dict(stored)
    for attr, hook in framework.fills:
        method = next((m for cls in chain for m in [_method_named(cls, hook)] if m), None)
        if method is not None and stored.get(attr, VType()).kind is Kind.UNKNOWN:
            stored[attr] = types.returned_type(method)
    return stored


def _collated(stored: Dict[str, VType], framework: DatasetFramework) -> Dict[str, VType]:
    """The attributes the framework keeps its collated record in (PyG's `self.data`, from
    `torch.load` or `collate`): records every field of which is a stored tensor."""
    found = dict(stored)
    for attr in framework.collated:
        held = stored.get(attr, VType())
        if held.kind is Kind.UNKNOWN or (held.kind is Kind.RECORD and
                                         held.cls == COLLATED_RECORD):
            found[attr] = VType(Kind.RECORD, cls=COLLATED_RECORD, elem=VType(Kind.TENSOR))
    return found


def _method_named(cls: cst.ClassDef, name: str) -> Optional[cst.FunctionDef]:
    return next((m for m in methods_of(cls) if m.name.value == name), None)


class GetitemWalker(FlowWalker):
    """Follows stored data (`self.x[...]`) through `__getitem__` and reports in-place changes."""

    # why a change matters, the end of every message
    drift = "the dataset's own data drifts every time the item is read"

    def __init__(self, ctx: FileContext, self_name: str, stored: Dict[str, VType],
                 owner: Optional[cst.ClassDef]) -> None:
        super().__init__(ctx)
        self.self_name = self_name
        self.stored = stored
        self.owner = owner
        self.findings: List[RawFinding] = []
        self._seen: Set[tuple] = set()
        # The attributes whose transforms the framework applies to what this hook returns.
        self.transformed_by: Tuple[str, ...] = ()

    def source(self, node: cst.BaseExpression) -> Optional[Tracked]:
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and \
                node.value.value == self.self_name and \
                f"{self.self_name}.{node.attr.value}" not in self.fresh_attrs:
            return Tracked(Family.STORED, f"{self.self_name}.{node.attr.value}", node,
                           self.stored.get(node.attr.value, VType()), level=Level.OWNER)
        return None

    def resolve_callee(self, call):
        return resolve_self_callee(self, call) or super().resolve_callee(call)

    def bound_chains_of(self, attr):
        return self_bound_chains(self, attr)

    def known_condition(self, test):
        """`self.transform is not None` (or `if self.transform:`) where every construction
        of the class in the project binds the transform to a new object
        (`project.bindings.always_bound`; for the truth test, one that tests true), and
        nothing else assigns the attribute: always true (`is None`, `not`: always false)."""
        negated = False
        while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test, negated = test.expression, not negated
        truthy = not isinstance(test, cst.Comparison)
        if truthy:
            attr, holds = _self_attribute(test, self.self_name), True
        else:
            if len(test.comparisons) != 1:
                return None
            target = test.comparisons[0]
            if not (isinstance(target.comparator, cst.Name) and
                    target.comparator.value == "None" and
                    isinstance(target.operator, (cst.IsNot, cst.Is))):
                return None
            attr = _self_attribute(test.left, self.self_name)
            holds = isinstance(target.operator, cst.IsNot)
        if attr is None or self.owner is None or self.ctx.path is None or \
                not project_file(self.ctx.path):
            return None
        chain = ancestors(self.owner, self.ctx.callees.classes) \
            if self.ctx.callees is not None else [self.owner]
        if _assignments_of(chain, attr) != 1 or \
                not file_always_bound(self.ctx.path, self.owner.name.value, attr, truthy):
            return None
        return holds != negated

    def on_return(self, value, node):
        """A framework hook's result goes through the transforms kept on the dataset
        (PyG's `__getitem__`: `data = self.get(i); data = self.transform(data)`)."""
        bound = self.ctx.bound_transforms
        if value is None or bound is None or not isinstance(node, cst.Return) or \
                node.value is None:
            return
        applied = cst.Call(cst.Name("transform"), [cst.Arg(node.value)])
        for attr in self.transformed_by:
            chains = bound(self.ctx, self.owner.name.value, attr)
            if chains:
                self._apply_chains(applied, chains, [value])

    def on_bind(self, key, tracked, stmt, rhs):
        if tracked.family is not Family.STORED or "." in key:
            return tracked
        if tracked.level is Level.OWNER and tracked.vtype.kind in ARRAY_KINDS:
            # `x = self.data`: a second name for the whole stored array (container owners
            # stay owners: `cache = self.cache; cache[i] = ...` fills a cache on purpose).
            tracked = tracked.derive(level=Level.ALIAS)
        if tracked.fix_site is None and rhs is not None and tracked.level is not Level.OWNER:
            return tracked.derive(fix_site=rhs, fix_vtype=tracked.vtype)
        return tracked

    def on_change(self, node: cst.CSTNode, tracked: Tracked, how: Change) -> None:
        if tracked.family is not Family.STORED or tracked.level in (Level.OWNER, Level.SHALLOW):
            return
        kind = tracked.vtype.kind
        if how is Change.DATA:
            if kind is Kind.SCALAR:
                return
            if tracked.level is Level.STORAGE or tracked.shallow_via:
                code = "CPS102"
            elif tracked.maybe_via:
                code = "CPS104"
            else:
                code = "CPS101"
        elif tracked.shallow_via:
            code = "CPS102"
        else:
            code = "CPS101" if kind in ARRAY_KINDS else "CPS103"
        if (node, code) in self._seen:
            return
        self._seen.add((node, code))
        self.findings.append(self._finding(node, code, tracked))

    def _changed_by(self) -> str:
        """` by `helper()` (line N)` while a callee's change is being applied."""
        if self.via is None:
            return ""
        where = self.via.where or f"line {LINE_REF.format('via')}"
        return f" by `{self.via.callee}()` ({where})"

    def _finding(self, node: cst.CSTNode, code: str, tracked: Tracked) -> RawFinding:
        """The first sentence fits a problem list: what changes and where it came from;
        the second is the fix. Why it matters is the rule page's to say."""
        origin = f"`{tracked.origin_text()}`"
        line = LINE_REF.format("origin")
        by = self._changed_by()
        held = f"kept by {tracked.kept_by}" if tracked.kept_by else "stored dataset data"
        rule = RULES[code]
        if code == "CPS101":
            message = rule.format(copy_case(tracked.vtype.kind), origin=origin, held=held,
                                  line=line, by=by)
        elif code == "CPS102":
            case = "storage" if tracked.level is Level.STORAGE else ""
            message = rule.format(case, origin=origin, held=held, line=line, by=by,
                                  via=tracked.shallow_via or "copy.copy")
        elif code == "CPS103":
            noun = "stored sample" if tracked.vtype.kind in CONTAINER_KINDS else "stored data"
            kept = f"kept by {tracked.kept_by}, " if tracked.kept_by else ""
            message = rule.format(noun=noun, origin=origin, kept=kept, line=line, by=by)
        else:
            message = rule.format(origin=origin, held=held, line=line, by=by,
                                  via=str(tracked.maybe_via))
        refs = {"origin": tracked.origin_line_node}
        if self.via is not None and self.via.where is None:
            refs["via"] = self.via.node
        raw = RawFinding(node, code, message, refs, changed_at=self.via_position)
        if tracked.fix_site is not None and tracked.fix_vtype is not None:
            fix = copy_fix(self.ctx, tracked.fix_site, tracked.fix_vtype)
            if fix is not None:
                raw.fix_site, (raw.fix_text, raw.needs_import_copy) = tracked.fix_site, fix
        return raw
