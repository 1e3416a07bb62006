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

from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

import libcst as cst

from ..analysis.flow import Change, FileContext, FlowWalker, Via, string_key
from ..analysis.imports import imported_class, imported_class_method, imported_function
from ..analysis.optimizer_results import attribute_classes, inherited_methods, optimizer_result
from ..analysis.optimizer_results import built_on as optimizer_built_on
from ..analysis.parameter_data import adoptions_of, data_assignment, loads_of, set_call
from ..analysis.records import RecordShape, record_shape
from ..analysis.live_sources import (PARAMETERS, STATE_DICT_TYPE, parameter_snapshot,
                                     state_dict_source)
from ..analysis.stored_types import first_param, methods_of
from ..analysis.summaries import KeptInside, only_effect, resolve_self_callee
from ..analysis.syntax import DefPath, functions_with_paths, small_statements, statements
from ..analysis.values import Family, Level, Tracked, VType, join_tracked
from ..core.findings import LINE_REF
from ..core.names import dotted
from ..facts import frameworks as fw
from ..facts import semantics as sem
from ..facts.module_changes import (OPTIMIZER_NAME, PARAMS_METHODS, SELF_RETURNING_METHODS,
                                    TRAINING_CALL)
from ..facts.semantics import Kind
from ..plan.receivers import MODULE, OPTIMIZER
from .catalogue import NOTES, RULES
from .reporting import RawFinding, copy_fix, deepcopy_name

from ..facts.module_changes import COMPARISONS as _COMPARISONS
from ..facts.module_changes import DIFFERENTIATION_INPUTS as _DIFFERENTIATION_INPUTS
from ..facts.module_changes import KEY_READERS as _KEY_READERS
from ..facts.module_changes import LR_SCHEDULER_FACTORIES as _LR_SCHEDULER_FACTORIES
from ..facts.module_changes import NOT_CHANGING as _NOT_CHANGING
# Calls whose result holds a module's live tensors (an update blending them in is an EMA).
_LIVE_METHODS = frozenset({"state_dict"} | set(PARAMS_METHODS))
# Calls that use parameters as the live tensors they are (their gradients, their identity):
# a kept list of parameters handed to them is not read for its values.
_LIVE_PARAMETER_USES = frozenset({"clip_grad_norm_", "clip_grad_value_", "add_param_group",
                                  "parameters_to_vector", "id"})
# The receiver of a snapshot whose optimizer name was bound to a new optimizer since.
_REPLACED = " (replaced)"
# The receiver of a snapshot whose module's name was bound to another object since.
_REBOUND = " (rebound)"


def _differentiation_inputs(qualified: str, call: cst.Call) -> Optional[cst.BaseExpression]:
    """The `inputs` of `torch.autograd.grad(outputs, inputs)` (or `backward(..., inputs=)`):
    the gradients are taken with respect to those very tensors, so a kept parameter list given
    there is used by identity, not read for values a step may have changed."""
    where = _DIFFERENTIATION_INPUTS.get(qualified)
    if where is None:
        return None
    position, keyword = where
    positional = [a for a in call.args if a.keyword is None and not a.star]
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    if len(positional) > position and not any(a.star for a in call.args[:position + 1]):
        return positional[position].value
    return None


def _lr_scheduler(ctx: FileContext, call: cst.Call) -> bool:
    """`torch.optim.lr_scheduler.StepLR(opt)`: given an optimizer, but its `step()` only sets
    the learning rate of the optimizer's param groups; it trains nothing."""
    qualified = ctx.imports.qualify(call.func) or ""
    return qualified.startswith(_LR_SCHEDULER_FACTORIES)


def _in_target(whole: cst.BaseExpression, name: cst.Name) -> bool:
    """`name` is a loop's target or one of its unpacked names (`for i, m in enumerate(ms)`)."""
    if whole is name:
        return True
    if isinstance(whole, (cst.Tuple, cst.List)):
        return any(_in_target(e.value, name) for e in whole.elements)
    return False


def _full_copy(ctx: FileContext, call: cst.Call) -> bool:
    """`copy.deepcopy(m)` (a function that copies every input kind): the result shares no
    object with its argument, so it holds none of them; training it changes the copy only."""
    qualified = ctx.imports.qualify(call.func) or ""
    fact = sem.FUNCTION_FACTS.get(qualified)
    if fact is None or not fact.always_copies:
        return False
    ctx.used(f"function:{qualified}")
    return True


def optimizer_modules(ctx: FileContext, rhs: cst.BaseExpression, path: DefPath
                      ) -> Optional[Set[str]]:
    """The modules an optimizer construction is built on: `SGD(net.parameters())`,
    `Adam([{"params": a.parameters()}, {"params": b.parameters()}])`,
    `SGD(list(a.parameters()) + list(b.parameters()))`. None when `rhs` is no optimizer
    construction or a parameter list comes from elsewhere (`SGD(params)`)."""
    if not isinstance(rhs, cst.Call) or not rhs.args:
        return None
    qualified = ctx.imports.qualify(rhs.func) or ""
    if not (qualified.startswith("torch.optim.") and qualified.rpartition(".")[2][:1].isupper()):
        receivers = ctx.receivers
        name = dotted(rhs.func) or ""
        if receivers is None or receivers.class_kind(name) != OPTIMIZER:
            return None
    found: Set[str] = set()
    unknown = [False]

    class Params(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> Optional[bool]:
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value in PARAMS_METHODS:
                owner = dotted(func.value)
                if owner is None:
                    unknown[0] = True
                else:
                    found.add(owner)
            else:  # `list(...)`, `itertools.chain(...)`: what they are given
                for arg in call.args:
                    arg.value.visit(self)
            return False

        def visit_DictElement(self, element: cst.DictElement) -> bool:
            if isinstance(element.key, cst.SimpleString) and \
                    element.key.evaluated_value == "params":
                element.value.visit(self)
            return False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False  # `filter(lambda p: p.requires_grad, ...)`

        def visit_Name(self, name: cst.Name) -> None:
            unknown[0] = True  # a list of parameters made elsewhere

    first = rhs.args[0]
    if first.keyword is not None:
        return None
    first.value.visit(Params())
    return found if found and not unknown[0] else None


def _root(node: cst.BaseExpression) -> Optional[str]:
    """`net.to(device)` -> "net": the module a self-returning call returns."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and \
            node.func.attr.value in SELF_RETURNING_METHODS:
        node = node.func.value
    return dotted(node)


def _argument(call: cst.Call, index: int, name: str) -> Optional[cst.BaseExpression]:
    """The expression a call gives for the callee's parameter `index` named `name`."""
    position = 0
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is None:
            if position == index:
                return arg.value
            position += 1
        elif arg.keyword.value == name:
            return arg.value
    return None


def _field_root(node: cst.BaseExpression) -> Optional[str]:
    """`sample` of `sample.value.weights` or `sample["value"]` (fields and string keys);
    None for a plain name."""
    found = None
    while isinstance(node, cst.Attribute) or (
            isinstance(node, cst.Subscript) and string_key(node) is not None):
        node = node.value
        found = dotted(node)
    return found


def _record_fields(call: cst.Call, shape: Optional[RecordShape]) -> Dict[str, str]:
    """`Record(history)`: field -> the name given for it (`{"value": "history"}`)."""
    found: Dict[str, str] = {}
    if shape is None:
        return found
    position = 0
    for arg in call.args:
        if arg.star:
            return {}
        if arg.keyword is None:
            field = shape.positional[position] if position < len(shape.positional) else None
            position += 1
        else:
            field = arg.keyword.value if shape.any_keyword else \
                shape.keywords.get(arg.keyword.value)
        name = dotted(arg.value)
        if field is not None and name is not None:
            found[field] = name
    return found


def _literal_elements(node: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
    """The elements of a list, tuple or set literal without starred parts; else None."""
    if not isinstance(node, (cst.List, cst.Tuple, cst.Set)) or not node.elements or \
            not all(isinstance(e, cst.Element) for e in node.elements):
        return None
    return [e.value for e in node.elements]


def _given(call: cst.Call, callee, index: int) -> Optional[cst.BaseExpression]:
    """The expression a call gives for the callee's parameter `index` (after the instance
    that `apply_step(self, model)` gives its helper first)."""
    if index >= len(callee.params):
        return None
    return _argument(call, index + (1 if callee.instance_arg else 0), callee.params[index])


def _with_parameters(call: cst.Call, receiver: str) -> cst.Call:
    """`call` with its first argument replaced by `receiver.parameters()`."""
    first = call.args[0].with_changes(value=cst.parse_expression(f"{receiver}.parameters()"))
    return call.with_changes(args=[first, *call.args[1:]])


class _ClassFacts:
    """What the methods of one class do with snapshots kept on attributes."""

    def __init__(self) -> None:
        self.bindings: Dict[str, List[Tuple[Tracked, cst.FunctionDef, DefPath]]] = {}
        self.reads: Dict[str, Set[cst.FunctionDef]] = {}
        self.changers: Set[cst.FunctionDef] = set()  # the methods that train the module
        self.write_handles: Set[str] = set()


def check_state_dicts(ctx: FileContext, scopes: Set[DefPath], module_level: bool
                      ) -> List[RawFinding]:
    """CPS201/CPS202 in the functions the `ast` plan found mentioning state_dict (`scopes`),
    and in module-level code when `module_level`."""
    report = _Report(ctx)
    if module_level:
        walker = StateDictWalker(ctx, report)
        walker.walk_block([s for s in ctx.module.body
                           if not isinstance(s, (cst.FunctionDef, cst.ClassDef))])
    methods: Dict[cst.ClassDef, List[Tuple[DefPath, cst.FunctionDef]]] = {}
    for path, func, owner in functions_with_paths(ctx.module.body):
        if not isinstance(func.body, cst.IndentedBlock):
            continue
        if owner is not None:
            methods.setdefault(owner, []).append((path, func))
        elif path in scopes:
            StateDictWalker(ctx, report, path=path).walk_block(func.body.body)
    for owner, members in methods.items():
        _check_class(ctx, report, owner, members, scopes)
    return report.findings


def _check_class(ctx: FileContext, report: "_Report", owner: cst.ClassDef,
                 members: List[Tuple[DefPath, cst.FunctionDef]], scopes: Set[DefPath]) -> None:
    """A class's methods, with snapshots kept on `self` shared between them. A snapshot kept
    in one method and read in another (or by the class's users) is reported when the module
    may change between those calls: a method of the class trains it, or the code calling
    the method that keeps it trains between calls (a holder: `EarlyStopping.__call__(loss,
    model)` called once per epoch; a framework callback's hooks)."""
    seeds = _attribute_snapshots(owner, ctx, members[0][0][:-1])
    if not seeds and not any(path in scopes for path, _ in members):
        return
    facts = _ClassFacts()
    # The methods that mention state_dict first; the others matter only when a snapshot is
    # kept on `self` (they may train the module or read it).
    producers = ctx.callees.state_dict_producers if ctx.callees is not None else set()
    keeping = {path for path, func in members if path in scopes or (
        producers and any(f"{name}(" in ctx.code(func) for name in producers))}
    ordered = sorted(members, key=lambda member: member[0] not in keeping)
    built_on = _class_optimizers(ctx, members)
    stale: List[Tuple[str, Tracked, cst.FunctionDef]] = []
    for _, func in members:
        facts.write_handles |= _elements_written(func)
    for path, func in ordered:
        if path not in keeping and not seeds and not facts.bindings:
            break
        walker = StateDictWalker(ctx, report, owner, first_param(func), path)
        walker.env.update(seeds)
        walker.built_on.update(built_on)
        walker.handle_lists = facts.write_handles
        walker.walk_block(func.body.body)
        if walker.saw_change:
            facts.changers.add(func)
        facts.write_handles |= walker.write_handles
        for key, tracked in walker.attribute_bindings:
            facts.bindings.setdefault(key, []).append((tracked, func, path))
        stale += _stale_at_return(walker, func)
    if not facts.bindings:
        return
    for func in [f for _, f in members] + inherited_methods(ctx, owner):
        for key in _self_reads(func):
            facts.reads.setdefault(key, set()).add(func)
    _report_stale_at_return(report, stale, facts)
    initialising = _initialising([func for _, func in members])
    called_initialising = set().union(*(_self_calls(func) for func in initialising))
    receivers = ctx.receivers
    outside = receivers.outside_reads.get(owner.name.value, set()) if receivers else set()
    for key, bindings in facts.bindings.items():
        if key in facts.write_handles:
            continue  # the class writes through it on purpose (an averaged model's handle)
        for tracked, method, path in bindings:
            outside_training = receivers is not None and \
                receivers.given_from_outside(path, tracked.receiver or "") and \
                receivers.trained_between_calls(path)
            built = initialising if method.name.value not in called_initialising else set()
            changers = {changer for changer in facts.changers - built
                        if not _rekept_after_changes(key, changer, tracked.receiver, facts,
                                                     stale)}
            if not (changers or outside_training):
                continue
            readers = facts.reads.get(key, set()) - {method}
            readers -= _identity_readers(ctx, key, readers)
            if readers - _fresh_readers(ctx, key, tracked.receiver, readers, facts, changers,
                                        [func for _, func in members], stale):
                report.snapshot(tracked, None, f"another method reads `{key}`")
            elif key.partition(".")[2] in outside:
                report.snapshot(tracked, None, f"the code using `{owner.name.value}` reads "
                                               f"`.{key.partition('.')[2]}`")


def _identity_use(ctx: FileContext, call: cst.Call) -> bool:
    """A call that takes parameters as the tensors they are: an optimizer's construction
    (`torch.optim.Adam(params)` steps those very tensors), a gradient clip, a
    differentiation's `inputs`. A kept parameter list given to it is not read for values."""
    qualified = ctx.imports.qualify(call.func) or ""
    name = call.func.attr.value if isinstance(call.func, cst.Attribute) else dotted(call.func)
    return bool(qualified.startswith("torch.optim.") and
                qualified.rpartition(".")[2][:1].isupper()) or \
        (name or "").rpartition(".")[2] in _LIVE_PARAMETER_USES or \
        qualified in _DIFFERENTIATION_INPUTS


def _identity_readers(ctx: FileContext, key: str, readers: Set[cst.FunctionDef]
                      ) -> Set[cst.FunctionDef]:
    """The readers of `key` whose every read hands it whole to an identity use
    (`self.optimizer = torch.optim.Adam(self.params, lr=lr)` in `init_state`): a live
    parameter list is what they need, so they never observe it stale."""
    owner, _, attr = key.partition(".")
    found: Set[cst.FunctionDef] = set()
    for func in readers:
        uses: List[bool] = []

        class Reads(cst.CSTVisitor):
            def __init__(self) -> None:
                self.whole: Set[cst.CSTNode] = set()

            def visit_Call(self, call: cst.Call) -> None:
                if _identity_use(ctx, call):
                    self.whole.update(arg.value for arg in call.args)

            def visit_Attribute(self, node: cst.Attribute) -> None:
                if isinstance(node.value, cst.Name) and node.value.value == owner and \
                        node.attr.value == attr:
                    uses.append(node in self.whole)

        func.body.visit(Reads())
        if uses and all(uses):
            found.add(func)
    return found


def _fresh_readers(ctx: FileContext, key: str, receiver: Optional[str],
                   readers: Set[cst.FunctionDef], facts: _ClassFacts,
                   changers: Set[cst.FunctionDef], methods: List[cst.FunctionDef],
                   stale: List[Tuple[str, Tracked, cst.FunctionDef]]) -> Set[cst.FunctionDef]:
    """The readers of `key` that never see it stale: one that keeps `key` again on every
    path itself, or a private method the class calls only right after a method that does,
    with no call of a method changing the module and no use of the module in between
    (`self._receive(); self._load()` in the class's own loop)."""
    rekeeping = {func for func in methods
                 if _rekept_after_changes(key, func, receiver, facts, stale)}
    fresh = readers & rekeeping
    names = {func.name.value for func in rekeeping}
    changing = {func.name.value for func in changers}
    for reader in readers - rekeeping:
        name = reader.name.value
        if not name.startswith("_") or name.startswith("__"):
            continue  # a public method may be called from anywhere
        calls = [(block, index, first_param(func)) for func in methods
                 for block, index in _statement_calls(func, name)]
        if calls and all(_after_rekeeping(ctx, block, index, own, names, changing, receiver)
                         for block, index, own in calls):
            fresh.add(reader)
    return fresh


def _statement_calls(func: cst.FunctionDef, name: str
                     ) -> List[Tuple[Sequence[cst.BaseStatement], int]]:
    """Each statement of `func` calling `self.name(...)`, as its block and its index
    there; a call inside any other expression than a statement of a block counts too (its
    statement is the one found)."""
    own = first_param(func)
    found: List[Tuple[Sequence[cst.BaseStatement], int]] = []

    class Blocks(cst.CSTVisitor):
        def visit_IndentedBlock(self, block: cst.IndentedBlock) -> None:
            for index, stmt in enumerate(block.body):
                if isinstance(stmt, cst.SimpleStatementLine) and \
                        name in _self_called(stmt, own):
                    found.append((block.body, index))

    func.body.visit(Blocks())
    return found


def _self_called(node: cst.CSTNode, own: Optional[str]) -> Set[str]:
    """The methods `node` calls on the instance named `own`."""
    called: Set[str] = set()

    class Calls(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            f = call.func
            if isinstance(f, cst.Attribute) and isinstance(f.value, cst.Name) and \
                    f.value.value == own:
                called.add(f.attr.value)

    node.visit(Calls())
    return called


def _after_rekeeping(ctx: FileContext, block: Sequence[cst.BaseStatement], index: int,
                     own: Optional[str], rekeeping: Set[str], changing: Set[str],
                     receiver: Optional[str]) -> bool:
    """Whether the statement at `index` (of a method whose instance is `own`) runs right
    after a call of a method in
    `rekeeping`, earlier in the same block, with nothing in between that calls a method in
    `changing` or names the module."""
    for stmt in reversed(block[:index]):
        called = _self_called(stmt, own)
        if called & rekeeping and isinstance(stmt, cst.SimpleStatementLine):
            return True
        if called & changing or (receiver and receiver in ctx.code(stmt)):
            return False
    return False


def _initialising(methods: List[cst.FunctionDef]) -> Set[cst.FunctionDef]:
    """`__init__` and the private methods only it (or another such method) calls: they run
    while the instance is built, before any other method can keep a snapshot, so their
    changes of a module never come between a snapshot and its read."""
    calls = {func: _self_calls(func) for func in methods}
    found = {func for func in methods if func.name.value == "__init__"}
    grew = True
    while grew:
        grew = False
        for func in methods:
            name = func.name.value
            if func in found or not name.startswith("_") or name.startswith("__"):
                continue
            callers = {caller for caller, called in calls.items() if name in called}
            if callers and callers <= found:
                found.add(func)
                grew = True
    return found


def _rekept_after_changes(key: str, changer: cst.FunctionDef, receiver: Optional[str],
                          facts: _ClassFacts,
                          stale: List[Tuple[str, Tracked, cst.FunctionDef]]) -> bool:
    """Whether every call of `changer` keeps `key` again, from the same module, after the
    changes it makes: a binding runs on every path through the method and nothing changes
    the module after it before the method returns. Such a method's changes precede the
    store that follows them, so no read in another method sees them through `key`."""
    if any(k == key and f is changer for k, _, f in stale):
        return False
    nodes: Set[cst.CSTNode] = set()
    for tracked, method, _ in facts.bindings.get(key, []):
        if method is changer and tracked.receiver == receiver:
            nodes |= tracked.bound_at
    return bool(nodes) and isinstance(changer.body, cst.IndentedBlock) and \
        _binds_on_every_path(changer.body.body, nodes)


def _binds_on_every_path(body: Sequence[cst.CSTNode], nodes: Set[cst.CSTNode]) -> bool:
    """Whether running `body` always passes one of `nodes` (a statement holding it at this
    level, a `with` around it, both branches of an `if`, the body of a `try`)."""
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            if stmt in nodes or any(small in nodes for small in stmt.body):
                return True
        elif isinstance(stmt, (cst.With, cst.Try)):
            if stmt in nodes or _binds_on_every_path(_suite(stmt.body), nodes):
                return True
        elif isinstance(stmt, cst.If):
            if stmt in nodes:
                return True
            branches: List[Sequence[cst.CSTNode]] = [_suite(stmt.body)]
            orelse = stmt.orelse
            while isinstance(orelse, cst.If):
                branches.append(_suite(orelse.body))
                orelse = orelse.orelse
            if orelse is None:
                continue
            branches.append(_suite(orelse.body))
            if all(_binds_on_every_path(branch, nodes) for branch in branches):
                return True
    return False


def _suite(block: cst.BaseSuite) -> Sequence[cst.CSTNode]:
    return block.body if isinstance(block, cst.IndentedBlock) else [block]


def _stale_at_return(walker: "StateDictWalker", func: cst.FunctionDef
                     ) -> List[Tuple[str, Tracked, cst.FunctionDef]]:
    """The snapshots `func` keeps on `self` and then changes the module of before it returns
    (`self.x = self.model.state_dict()`, then `self.model.load_state_dict(...)`): whatever
    reads the attribute after the method sees the changed values."""
    found: List[Tuple[str, Tracked, cst.FunctionDef]] = []
    for key, bound in walker.attribute_bindings:
        now = walker.env.get(key)
        if bound.family is Family.STATE_DICT and not bound.changed and now is not None and \
                now.changed and now.bound_at == bound.bound_at:
            found.append((key, now, func))
    return found


def _report_stale_at_return(report: "_Report", stale: List[Tuple[str, Tracked, cst.FunctionDef]],
                            facts: _ClassFacts) -> None:
    """A read of the attribute in another method, one the keeping method does not call
    itself (that call may come before the change), is a read of the changed values."""
    for key, tracked, method in stale:
        if key in facts.write_handles:
            continue
        called = _self_calls(method)
        readers = {f for f in facts.reads.get(key, set())
                   if f is not method and f.name.value not in called}
        if readers:
            name = min(f.name.value for f in readers)
            kept = method.name.value
            report.snapshot(tracked, None, f"`{kept}` changes the module before returning; "
                                           f"`{name}` reads it")


def _self_calls(func: cst.FunctionDef) -> Set[str]:
    """The names of the methods `func` calls on its own instance (`self.name(...)`)."""
    params = func.params.params
    return _self_called(func.body, params[0].name.value if params else None)


def _elements_written(func: cst.FunctionDef) -> Set[str]:
    """The attributes of `self` whose elements the method writes in place through a loop
    (`for p, e in zip(self.params, self.ema_params): e.mul_(a)`, `for i, p in
    enumerate(self.params)`, `for p in self.params`) or through an item (`self.W[k].data =
    v`): a kept collection of live tensors the class writes is its handle into the module,
    not a snapshot."""
    self_name = first_param(func)
    written: Set[str] = set()
    if self_name is None:
        return written

    def kept(node: cst.BaseExpression) -> Optional[str]:
        key = dotted(node)
        return key if key and key.startswith(f"{self_name}.") and key.count(".") == 1 else None

    class Loops(cst.CSTVisitor):
        def visit_For(self, loop: cst.For) -> None:
            names: Dict[str, str] = {}
            target, it = loop.target, loop.iter
            if isinstance(it, cst.Call) and dotted(it.func) in ("zip", "enumerate") and \
                    isinstance(target, (cst.Tuple, cst.List)):
                sources = [a.value for a in it.args if a.keyword is None]
                if dotted(it.func) == "enumerate":
                    sources = [cst.Name("_"), *sources[:1]]
                for element, source in zip(target.elements, sources):
                    key = kept(source)
                    if key and isinstance(element.value, cst.Name):
                        names[element.value.value] = key
            elif isinstance(target, cst.Name) and kept(it):
                names[target.value] = kept(it) or ""
            if names:
                loop.body.visit(_InPlaceWrites(names, written))

    func.body.visit(Loops())
    func.body.visit(_InPlaceWrites({}, written, kept))
    return written


class _InPlaceWrites(cst.CSTVisitor):
    """Adds to `written` the attribute behind each loop name changed in place in a body
    (`p.mul_(d)`, `p.data.add_(g)`, `p += d`, `p[...] = v`, `p.data = v`), and, with `kept`,
    each attribute of `self` an element of which is given new memory (`self.W[k].data = v`:
    a Parameter's `.data` rebound changes its module; a state_dict entry's changes nothing,
    and an in-place change of one is CPS201's, so neither makes a handle)."""

    def __init__(self, names: Dict[str, str], written: Set[str],
                 kept: Optional[Callable[[cst.BaseExpression], Optional[str]]] = None) -> None:
        self.names, self.written, self.kept = names, written, kept

    def _base(self, node: cst.BaseExpression, rebinds_data: bool = False) -> None:
        items = 0
        while isinstance(node, (cst.Attribute, cst.Subscript)):
            if isinstance(node, cst.Attribute) and node.attr.value != "data":
                key = self.kept(node) if self.kept is not None and rebinds_data else None
                if key and items:
                    self.written.add(key)
                return
            items += isinstance(node, cst.Subscript)
            node = node.value
        if isinstance(node, cst.Name) and node.value in self.names:
            self.written.add(self.names[node.value])

    def visit_Call(self, call: cst.Call) -> None:
        if isinstance(call.func, cst.Attribute) and \
                call.func.attr.value in sem.TENSOR_INPLACE_METHODS:
            self._base(call.func.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._base(node.target)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if isinstance(target, cst.Subscript):
            self._base(target)
        elif isinstance(target, cst.Attribute) and target.attr.value == "data":
            self._base(target.value, rebinds_data=True)


def _class_optimizers(ctx: FileContext, members: List[Tuple[DefPath, cst.FunctionDef]]
                      ) -> Dict[str, Set[str]]:
    """`self.opt = SGD(self.net.parameters())` in any method: `self.opt.step()` in every
    method changes `self.net` only."""
    found: Dict[str, Set[str]] = {}
    for path, method in members:
        if not isinstance(method.body, cst.IndentedBlock):
            continue
        for small in small_statements(method.body.body):
            if not isinstance(small, cst.Assign):
                continue
            modules = optimizer_modules(ctx, small.value, path)
            for target in small.targets:
                key = dotted(target.target)
                if modules and key and "." in key:
                    found[key] = found.get(key, set()) | modules
    return found


def _is_base_init(call: cst.Call, owner: Optional[cst.ClassDef]) -> bool:
    """`super().__init__(...)` or `Base.__init__(self, ...)` for a base named in `owner`."""
    func = call.func
    if owner is None or not isinstance(func, cst.Attribute) or func.attr.value != "__init__":
        return False
    base = func.value
    if isinstance(base, cst.Call) and isinstance(base.func, cst.Name) and \
            base.func.value == "super":
        return True
    name = dotted(base)
    return name is not None and name in {dotted(b.value) for b in owner.bases}


def _base_init_attributes(ctx: FileContext, owner: Optional[cst.ClassDef]) -> FrozenSet[str]:
    """The attributes the base class's `__init__` assigns (an Optimizer subclass's `state`,
    `param_groups`, `defaults`), as far as the evidence shows the base."""
    receivers = ctx.receivers
    if owner is None or receivers is None or \
            receivers.class_kind(owner.name.value) != OPTIMIZER:
        return frozenset()
    return fw.OPTIMIZER_INIT_ATTRIBUTES


def _replaced_by_base_init(ctx: FileContext, owner: cst.ClassDef, method: cst.FunctionDef
                           ) -> Set[cst.BaseSmallStatement]:
    """Bindings of `self.<attr>` in `__init__` made before the base's `__init__` assigns
    the same attribute: dead when the method returns."""
    attributes = _base_init_attributes(ctx, owner)
    self_name = first_param(method)
    if method.name.value != "__init__" or not attributes or not self_name:
        return set()
    smalls = list(small_statements(method.body.body))
    calls = [i for i, small in enumerate(smalls) if isinstance(small, cst.Expr) and
             isinstance(small.value, cst.Call) and _is_base_init(small.value, owner)]
    if not calls:
        return set()
    keys = {f"{self_name}.{attribute}" for attribute in attributes}
    return {small for small in smalls[:calls[-1]] if isinstance(small, cst.Assign) and
            any(dotted(t.target) in keys for t in small.targets)}


def _attribute_snapshots(cls: cst.ClassDef, ctx: FileContext, class_path: DefPath
                         ) -> Dict[str, Tracked]:
    """`self.x = m.state_dict()` anywhere in the class: every method sees `self.x` as live
    (unless the base class's `__init__` replaces it after: an Optimizer's `self.state`)."""
    found: Dict[str, Tracked] = {}
    for method in (s for s in statements(cls.body.body, into_defs=False)
                   if isinstance(s, cst.FunctionDef)):
        replaced = _replaced_by_base_init(ctx, cls, method)
        for small in small_statements(method.body.body):
            if not isinstance(small, cst.Assign):
                continue
            if small in replaced:
                ctx.used(sem.OPTIMIZER_BASE_INIT_REBINDS)
                continue
            path = class_path + (method.name.value,)
            made = state_dict_source(ctx, small.value, path) or \
                parameter_snapshot(ctx, small.value, path)
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


def _parameters_fix(ctx: FileContext, site: Optional[cst.CSTNode]
                    ) -> Optional[Tuple[str, bool]]:
    """The copy a kept collection of parameters needs: each tensor detached and cloned
    (`copy.deepcopy` of a shallow copy of a module)."""
    if isinstance(site, cst.Call):
        qualified = ctx.imports.qualify(site.func)
        arg = ctx.code(site.args[0].value) if site.args else ""
        if qualified == "copy.copy":
            name, needs_import = deepcopy_name(ctx)
            return f"{name}({arg})", needs_import
        if qualified == "dict":
            return f"{{n: p.detach().clone() for n, p in {arg}}}", False
        if qualified == "list":
            return f"[p.detach().clone() for p in {arg}]", False
        if qualified == "tuple":
            return f"tuple(p.detach().clone() for p in {arg})", False
        return None
    if isinstance(site, (cst.ListComp, cst.DictComp)):
        element = site.elt if isinstance(site, cst.ListComp) else site.value
        if isinstance(element, cst.Tuple):
            return None
        new = cst.parse_expression(ctx.code(element) + ".detach().clone()")
        changed = site.with_changes(elt=new) if isinstance(site, cst.ListComp) else \
            site.with_changes(value=new)
        return ctx.module.code_for_node(changed), False
    return None


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
        if tracked.receiver_kind == PARAMETERS:
            fix = _parameters_fix(self.ctx, tracked.fix_site)
            if fix is not None:
                raw.fix_site, (raw.fix_text, raw.needs_import_copy) = tracked.fix_site, fix
            return raw
        if tracked.fix_site is not None:
            fix = copy_fix(self.ctx, tracked.fix_site, VType(Kind.DICT))
            if fix is not None:
                raw.fix_site, (raw.fix_text, raw.needs_import_copy) = tracked.fix_site, fix
        return raw

    def inplace(self, node: cst.CSTNode, tracked: Tracked, reason: str,
                refs: Optional[Dict[str, cst.CSTNode]] = None) -> None:
        owner = tracked.receiver or "the module"
        message = RULES["CPS201"].format(origin=tracked.origin_text(),
                                         line=LINE_REF.format("origin"), owner=owner,
                                         reason=reason)
        refs = dict(refs or {}, origin=tracked.origin_line_node)
        self._add(self._fix(RawFinding(node, "CPS201", message, refs), tracked))

    def snapshot(self, tracked: Tracked, read: Optional[cst.CSTNode], why: str,
                 restore: bool = False) -> None:
        owner = (tracked.receiver or "the module").removesuffix(_REBOUND)
        where = f" at line {LINE_REF.format('read')}" if read is not None else ""
        if tracked.receiver_kind == PARAMETERS:
            self._parameters(tracked, read, why, where, owner)
            return
        note = _device_note(tracked) + (NOTES["restore"] if restore else "")
        for bound in tracked.bound_at:
            message = RULES["CPS202"].format(note=note, key=str(tracked.bound_key),
                                             origin=tracked.origin_text(), why=why,
                                             where=where, owner=owner)
            refs = {"read": read} if read is not None else {}
            self._add(self._fix(RawFinding(bound, "CPS202", message, refs), tracked))

    def _parameters(self, tracked: Tracked, read: Optional[cst.CSTNode], why: str,
                    where: str, owner: str) -> None:
        for bound in tracked.bound_at:
            message = RULES["CPS203"].format(note=_device_note(tracked),
                                             key=str(tracked.bound_key),
                                             origin=tracked.origin_text(), why=why,
                                             where=where, owner=owner)
            refs = {"read": read} if read is not None else {}
            self._add(self._fix(RawFinding(bound, "CPS203", message, refs), tracked))

    def shared(self, call: cst.Call, tracked: Tracked, owner: str,
               site: Optional[cst.BaseExpression]) -> None:
        """`opt_b.load_state_dict(opt_a.state_dict())`: the optimizers share their state."""
        source = tracked.receiver or "the optimizer"
        message = RULES["CPS202"].format("shared", owner=owner, origin=tracked.origin_text(),
                                         line=LINE_REF.format("origin"), source=source)
        raw = RawFinding(call, "CPS202", message, {"origin": tracked.origin_line_node})
        fix = copy_fix(self.ctx, site, VType(Kind.DICT)) if site is not None else None
        if fix is not None:
            raw.fix_site, (raw.fix_text, raw.needs_import_copy) = site, fix
        self._add(raw)


def _device_note(tracked: Tracked) -> str:
    """A copy fix's qualification when the snapshot was taken by a move to a device."""
    return NOTES["device"].format(via=tracked.device_via) if tracked.device_via else ""


class _ChangeFinder(FlowWalker):
    """The in-place changes one method makes to the state_dicts its instance keeps (seeded
    as `self.<attr>`): what a call of it on the caller's object changes."""

    def __init__(self, ctx: FileContext, seeded: Dict[str, Tracked]) -> None:
        super().__init__(ctx)
        self.env.update(seeded)
        self.found: List[Tuple[cst.CSTNode, str]] = []

    def on_change(self, node: cst.CSTNode, tracked: Tracked, how: Change) -> None:
        if tracked.family is Family.STATE_DICT and how is Change.DATA and tracked.bound_key:
            self.found.append((node, tracked.bound_key))


class StateDictWalker(FlowWalker):
    """Follows state_dict() results and module parameters through one function body."""

    def __init__(self, ctx: FileContext, report: _Report,
                 owner: Optional[cst.ClassDef] = None, self_name: Optional[str] = None,
                 path: DefPath = ()) -> None:
        super().__init__(ctx)
        self.path = path
        self.report = report
        self.owner = owner
        self.self_name = self_name
        self.saw_change = False  # a training change (a load into the module does not count)
        self._loading_into: Optional[str] = None  # the owner of a `load_state_dict` call
        self._comparing = False  # inside a comparison: reading an item counts as a use
        # reading only the keys (`in`, `len`, `.keys()`, `for k in`) or what any copy shares
        # (`.shape`, `.size()`)
        self._keys_only = False
        self._stepped: Set[str] = set()  # optimizers (and what was handed to training calls)
        self._own_binds: Set[cst.CSTNode] = set()
        # a container holding a snapshot in one string-keyed slot (`ckpt["g"] = m.state_dict()`):
        # its name -> (that key, the storing statement)
        self._slots: Dict[str, Tuple[str, cst.CSTNode]] = {}
        self._statement: Optional[cst.CSTNode] = None  # the statement being walked
        # objects made with the module or an optimizer (`trainer = Trainer(model, opt)`):
        # their training calls may change the module
        self._users: Dict[str, Set[str]] = {}
        self._user_classes: Dict[str, Set[str]] = {}  # the module's classes they are made of
        self.attribute_bindings: List[Tuple[str, Tracked]] = []
        # state_dicts kept under these names are updated from another module's tensors
        # (an EMA or averaged model): handles into their module, not snapshots
        self.write_handles: Set[str] = set()
        # lists kept on `self` whose tensors some method of the class writes in place
        self.handle_lists: Set[str] = set()
        self._pending: Dict[str, List[Tuple[cst.CSTNode, Tracked]]] = {}
        # optimizers built here on some modules' parameters (`opt = SGD(net.parameters())`):
        # their step changes those modules only
        self.built_on: Dict[str, Set[str]] = {}
        self._store_base: Optional[cst.CSTNode] = None  # `d` of the `d[k] = v` being bound
        self._rebound: Set[str] = set()  # state_dicts whose every entry may be a new tensor
        # arguments handed to a project function that changes them in place (`step(sd, k)`):
        # its summary applies the change; handing it on is no use of the old values
        self._to_changer: Set[cst.CSTNode] = set()
        # arguments handed to a project function that reads only other slots of them
        self._slot_not_read: Set[cst.CSTNode] = set()
        # names bound to a new object of a class (`holder = Snapshot()`): its class
        self._instances: Dict[str, str] = {}
        self._holding = False  # evaluating a new container that keeps what it is given
        # `sample = {"value": history}`: the names a dict made here holds under string keys
        self._literal_entries: Dict[str, Dict[str, str]] = {}
        # `for item in [self]`: loop variables that are another name's object itself
        self.aliases: Dict[str, str] = {}
        self._element_of_literal: Optional[str] = None
        # what this module's helpers make live by `p.data = d[k]` (by id of the function)
        self._adoptions: Dict[int, List[Tuple[cst.CSTNode, int, str, bool]]] = {}

    def source(self, node: cst.BaseExpression) -> Optional[Tracked]:
        made = state_dict_source(self.ctx, node, self.path)
        if made is None or made.receiver_kind != OPTIMIZER:
            return made
        if self._may_have_stepped(made.receiver):
            self.ctx.used(sem.OPTIMIZER_AFTER_STEP)
            return made
        self.ctx.used(sem.OPTIMIZER_BEFORE_STEP)
        return None  # no step yet: `state` is empty, `param_groups` are new dicts

    def _may_have_stepped(self, optimizer: Optional[str]) -> bool:
        """Whether a step of this optimizer may have happened before here: in this flow, or
        in another method of the class that holds it (outside `__init__`)."""
        if optimizer in self._stepped:
            return True
        receivers = self.ctx.receivers
        if receivers is None:
            return True
        if self.path and self.path[-1] == "__init__" and optimizer and self.self_name and \
                optimizer.startswith(self.self_name + "."):
            return False  # the holder is being built: its methods have not run yet
        return receivers.stepped_by_class(self.path, optimizer or "")

    def resolve_callee(self, call):
        """Only callees that return a live state_dict matter here (the plan knows them),
        and methods of project objects that keep what they are given."""
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        if self.ctx.callees is None:
            return None
        holder = self._instance_method(call)
        if holder is not None:
            return holder
        if name not in self.ctx.callees.state_dict_producers:
            if not self._given_state_dict(call):
                return None
            self.ctx.used(sem.HELPER_CHANGES_STATE_DICT)
        return resolve_self_callee(self, call) or super().resolve_callee(call)

    def apply_summary(self, call, callee, args):
        """A helper's live result names its own receiver (`def take(m): return
        m.state_dict()`): as the caller sees it, the module is the argument given for `m`,
        and the caller's evidence decides whether that is a module (a helper of another
        module was summarised without any)."""
        result = super().apply_summary(call, callee, args)
        for holder, name, kept in getattr(callee.summary, "stores", ()):
            self._stored_by_callee(call, callee, args, holder, name, kept)
        for receiver, loaded in getattr(callee.summary, "loads", ()):
            self._loaded_by_callee(call, callee, receiver, loaded)
        self._deep_changes(call, callee, args)
        self._live_changes(call, callee)
        if result is None or result.family is not Family.STATE_DICT or callee.same_instance:
            return result
        return self._as_caller_sees(call, callee, result)

    def _stored_by_callee(self, call: cst.Call, callee, args, holder: Optional[int],
                          name: str, kept) -> None:
        """The callee keeps a live state_dict on an object the caller holds
        (`holder.keep(m.state_dict())` storing `self.state`; `remember(self, model)`
        setting `self.best = model.state_dict()`): the caller's `holder.state` holds it."""
        if holder is None and callee.instance_arg:
            # `apply_step(self)`: the helper's `self` is the call's first argument
            owner = self._unalias(self._held_name(call.args[0].value)) if call.args else None
        elif holder is None:
            func = call.func
            owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        else:
            given = _given(call, callee, holder)
            # (`keep(sample["value"])` with `sample = {"value": learner}`: `learner`'s
            # object, `self` where `for learner in (self,)`)
            owner = self._unalias(self._held_name(given)) if given is not None else None
        if owner is None:
            return
        inside = isinstance(kept, KeptInside)
        if inside:
            kept = kept.param
        if isinstance(kept, int):
            value = callee.bind(call, args).get(kept)
            site = _given(call, callee, kept)
            if inside and value is not None:  # a new dict the callee made holds it
                value = value.derive(level=Level.SHALLOW, shallow_via=None, fix_site=None,
                                     vtype=VType(Kind.DICT, elem=value.vtype), parts=None)
        else:
            value = self._as_caller_sees(call, callee, callee.stored(kept))
            site = call
        if value is None or value.family is not Family.STATE_DICT or site is None:
            return
        statement = self._statement if self._statement is not None else call
        self.ctx.used(sem.HELPER_KEEPS_STATE_DICT)
        if not name:  # put into a container the caller holds
            self.on_store_into(cst.parse_expression(owner), value, statement)
            return
        key = f"{owner}.{name}"
        kept_here = self.on_bind(key, value.derive(bound_key=None, bound_at=frozenset()),
                                 statement, site)
        if site is call:  # made inside the callee: no copy can be written here
            kept_here = kept_here.derive(fix_site=None)
        self.env[key] = kept_here

    def _deep_changes(self, call: cst.Call, callee, args) -> None:
        """A helper changes a tensor deep inside the state_dict it is given
        (`osd["state"][0]["exp_avg"].mul_(0)`): a tensor's in-place method changes a live
        tensor of the module or optimizer the state_dict came from."""
        bound = callee.bind(call, args)
        for change in callee.summary.changes:
            value = bound.get(change.param) if change.param is not None else None
            node = change.node
            method = change.method or (node.func.attr.value if isinstance(node, cst.Call) and
                                       isinstance(node.func, cst.Attribute) else None)
            if change.depth < 2 or value is None or value.family is not Family.STATE_DICT \
                    or method not in sem.TENSOR_INPLACE_METHODS:
                continue
            self.via = Via(callee.name, change.node, change.where or callee.where(change.node))
            self.via_position = change.position or callee.position(change.node)
            try:
                self.on_change(call, value.derive(vtype=VType(Kind.TENSOR)), Change.DATA)
            finally:
                self.via = None
                self.via_position = None

    def _live_changes(self, call: cst.Call, callee) -> None:
        """A helper of another module changes the live state_dict of what it is given
        (`ChangeFact.live`): as the caller sees it, the module is its argument, and the
        caller's evidence decides that it is one. A helper of this module is walked with
        this evidence itself and reports on its own line."""
        for change in callee.summary.changes:
            where = change.where or callee.where(change.node)
            if change.live is None or where is None:
                continue
            value = self._as_caller_sees(call, callee, change.live.derive(
                bound_key=None, bound_at=frozenset(), changed=False, fix_site=None))
            if value is None or value.family is not Family.STATE_DICT:
                continue
            # (named by the helper's text, on the line of the call here)
            value = value.derive(origin=value.origin_text(), origin_line_node=call)
            if change.only_effect:
                self.ctx.used(sem.STATE_DICT_WRITE_THROUGH)
                continue  # `m.state_dict()[k].copy_(v)` there: meant to change the module
            self.via = Via(callee.name, change.node, where)
            self.via_position = change.position or callee.position(change.node)
            statement, self._statement = self._statement, None  # (the helper's, not kept)
            try:
                self.ctx.used(sem.HELPER_CHANGES_STATE_DICT)
                self.on_change(call, value, Change.DATA)
            finally:
                self._statement = statement
                self.via = None
                self.via_position = None

    def _loaded_by_callee(self, call: cst.Call, callee, receiver: str, loaded: Tracked
                          ) -> None:
        """A helper of another module loads an optimizer's state_dict into another
        optimizer (`dst.optimizer.load_state_dict(src.optimizer.state_dict())` in
        `transplant(dst, src)`): as the caller sees it, the two optimizers of its arguments
        share their state. The caller's evidence decides that both are optimizers (the
        helper's module has none: it is silent there)."""
        if callee.where(loaded.origin_line_node) is None:
            return  # a helper of this module: reported on its own line, with this evidence
        value = self._as_caller_sees(call, callee, callee.stored(loaded))
        head, dot, rest = receiver.partition(".")
        given = _given(call, callee, callee.params.index(head)) \
            if head in callee.params else None
        owner = _root(given) if given is not None else None
        if owner is None or value is None or value.family is not Family.STATE_DICT:
            return
        owner = self._unalias(owner + dot + rest) or ""
        receivers = self.ctx.receivers
        if value.receiver == owner or (value.receiver or "").endswith(_REPLACED) or \
                value.receiver_kind != OPTIMIZER or (
                    receivers is not None and receivers.kind(self.path, owner) != OPTIMIZER):
            return
        value = value.derive(origin=f"{value.receiver}.state_dict()", origin_line_node=call)
        self.ctx.used(sem.OPTIMIZER_LOAD_KEEPS)
        self.report.shared(call, value, owner, None)

    def _unalias(self, name: Optional[str]) -> Optional[str]:
        """`item` where `for item in [self]`: the name whose object it is."""
        if name is None:
            return None
        head, dot, rest = name.partition(".")
        return self.aliases.get(head, head) + dot + rest

    def _as_caller_sees(self, call: cst.Call, callee, value: Optional[Tracked]
                        ) -> Optional[Tracked]:
        if value is None:
            return None
        foreign = callee.where(value.origin_line_node) is not None
        head, dot, rest = (value.receiver or "").partition(".")
        if head and head == getattr(callee, "self_param", None) and head not in callee.params:
            given = callee.given(call, None)  # the instance (`apply_step(self)`)
        elif head not in callee.params:
            return None if foreign else value  # a module the helper reaches on its own
        else:
            given = _given(call, callee, callee.params.index(head))
        text = self._unalias(_root(given)) if given is not None else None
        if text is None and given is not None:  # `keep(sample["value"])`: the name it holds
            text = self._unalias(self._held_name(given))
        if text is None:
            return None if foreign else value
        receiver = text + dot + rest
        receivers = self.ctx.receivers
        kind = value.receiver_kind
        if foreign and receivers is not None:
            shown = receivers.kind(self.path, receiver)
            if kind == PARAMETERS:
                if shown != MODULE:
                    return None
            elif shown is None:
                return None
            else:
                kind = shown
        self.ctx.used(sem.HELPER_RETURNS_STATE_DICT)
        return value.derive(receiver=receiver, receiver_kind=kind)

    def _changed_by_method(self, call: cst.Call) -> None:
        """`client.local_update()` where `client` keeps a live state_dict on itself
        (`client.receive(server.state_dict())` storing `self.weights`) and the method
        changes `self.weights` in place: the change lands in the module it came from."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return
        owner = dotted(func.value)
        cls = self._instances.get(owner or "")
        if owner is None or cls is None or self.ctx.callees is None:
            return
        kept = {key.partition(".")[2]: tracked for key, tracked in self.env.items()
                if key.startswith(owner + ".") and key.count(".") == owner.count(".") + 1
                and tracked.family is Family.STATE_DICT and tracked.receiver_kind != PARAMETERS}
        if not kept:
            return
        found = self.ctx.callees.classes.get(cls)
        if found is not None:
            ctx, where = self.ctx, (lambda node: None)
        else:
            imported = imported_class(self.ctx, cls)
            if imported is None:
                return
            found, ctx, where = imported
        method = next((m for m in methods_of(found) if m.name.value == func.attr.value), None)
        self_name = first_param(method) if method is not None else None
        if method is None or not self_name or not isinstance(method.body, cst.IndentedBlock):
            return
        finder = _ChangeFinder(ctx, {f"{self_name}.{attr}": tracked.derive(
            bound_key=f"{self_name}.{attr}", vtype=STATE_DICT_TYPE, level=Level.ALIAS)
            for attr, tracked in kept.items()})
        finder.walk_block(method.body.body)
        for node, key in finder.found:
            tracked = self.env.get(f"{owner}.{key.partition('.')[2]}")
            if tracked is None:
                continue
            self.via = Via(f"{owner}.{func.attr.value}", node, where(node))
            try:
                self.ctx.used(sem.HELPER_CHANGES_STATE_DICT)
                self.on_change(call, tracked.derive(vtype=VType(Kind.TENSOR)), Change.DATA)
            finally:
                self.via = None

    def _instance_method(self, call: cst.Call):
        """`holder.keep(...)` where `holder = Snapshot()` here and `Snapshot.keep` stores
        what it is given on the instance (a class of this module or of another one)."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        cls = self._instances.get(dotted(func.value) or "")
        if cls is None or self.ctx.callees is None:
            return None
        found = self.ctx.callees.classes.get(cls)
        ref = self.ctx.callees.method_call(found, func.attr.value) if found is not None \
            else imported_class_method(self.ctx, cls, func.attr.value)
        if ref is None or not getattr(ref.summary, "stores", None):
            return None
        return ref

    def _changer_arguments(self, call: cst.Call) -> None:
        """Note the arguments `call` hands to a project function that changes them."""
        if self.ctx.callees is None or not self._given_state_dict(call):
            return
        callee = resolve_self_callee(self, call) or FlowWalker.resolve_callee(self, call)
        if callee is None:
            return
        changed = {c.param for c in callee.summary.changes if c.param is not None}
        # a parameter the callee reads only by its elements: handing the dict over is a
        # step of this function's own work on it, not a use expecting the old values
        changed |= set(range(len(callee.params))) - callee.summary.used_whole
        position = -1 if callee.instance_arg else 0  # (`apply_step(self, sd)`)
        for arg in call.args:
            if arg.star:
                return
            index = position if arg.keyword is None else (
                callee.params.index(arg.keyword.value)
                if arg.keyword.value in callee.params else None)
            position += arg.keyword is None
            if index in changed:
                self._to_changer.add(arg.value)
            if index is not None and self._reads_other_slots(arg.value, callee, index):
                self._slot_not_read.add(arg.value)

    def _reads_other_slots(self, node: cst.BaseExpression, callee, index: int) -> bool:
        """`log(ckpt)` where `ckpt` holds the snapshot in one string-keyed slot and the
        callee reads its parameter only by other string keys (`ckpt["norms"]`,
        `Summary.element_keys`): handing it over reads none of the snapshot's values."""
        keys = callee.summary.element_keys.get(index)
        name = self._held_name(node)
        slot = self._slots.get(name or "")
        held = self.env.get(name or "")
        if not keys or None in keys or index in callee.summary.used_whole or \
                slot is None or held is None or slot[0] in keys or \
                held.bound_at != frozenset({slot[1]}):
            return False
        self.ctx.used(sem.HELPER_READS_OTHER_SLOT)
        return True

    def _given_state_dict(self, call: cst.Call) -> bool:
        """A project function handed a kept state_dict (`apply_step(sd)`): what its summary
        changes in its parameter it changes in the caller's state_dict."""
        for arg in call.args:
            tracked = self.env.get(dotted(arg.value) or "")
            if tracked is None and _field_root(arg.value) in self.env:
                # `scale(sample["value"])`, `scale(sample.value)`: a sample's entry or field
                tracked = self.eval_quiet(arg.value)
            elif tracked is None and isinstance(arg.value, cst.Call):
                tracked = self.source(arg.value)  # `record(results, m.state_dict())`
            if tracked is not None and tracked.family is Family.STATE_DICT:
                return True
        return False

    def write_item(self, target, node, augmented):
        """`d[k] = v` binds an entry: it reads no value of `d` (a stale snapshot's slot
        rebound is no stale read). With `k` a variable (`for k in ...: d[k] = w[k] * p`)
        every entry may be rebound to a new tensor: accumulating into them afterwards
        (`else: d[k] += w[k] * p`, federated averaging) no longer touches the module."""
        if augmented:
            base = self.env.get(dotted(target.value) or "")
            if base is not None and base.bound_key in self._rebound:
                self.ctx.used(sem.STATE_DICT_REBOUND_ENTRIES)
                return None
            return super().write_item(target, node, augmented)
        index = target.slice[0].slice if len(target.slice) == 1 else None
        key = dotted(target.value)
        base = self.env.get(key or "")
        if base is not None and base.family is Family.STATE_DICT and base.bound_key and \
                isinstance(index, cst.Index) and isinstance(index.value, cst.Name) and \
                isinstance(node, cst.Assign) and self.eval_quiet(node.value) is None:
            self._rebound.add(base.bound_key)
        previous, self._store_base = self._store_base, target.value
        try:
            return super().write_item(target, node, augmented)
        finally:
            self._store_base = previous

    def eval_quiet(self, node: cst.BaseExpression) -> Optional[Tracked]:
        """What `node` evaluates to, without reporting its reads twice (it was walked)."""
        previous, self._keys_only = self._keys_only, True
        try:
            return self.eval(node)
        finally:
            self._keys_only = previous

    def subscript(self, base, node):
        if base is not None and base.receiver_kind == PARAMETERS and base.changed and \
                base.bound_key and not self._handle(base.bound_key) and not self._keys_only:
            self.report.snapshot(base, node, "is read")  # `anchor[name]`: a kept parameter
        item = super().subscript(base, node)
        if item is not None and item.family is Family.STATE_DICT and isinstance(
                node.value, cst.Call):
            return item.derive(direct=True)
        return item

    # --- the module changes ------------------------------------------------------------
    def module_changed(self, receiver: Optional[str], training: bool = True) -> None:
        self.saw_change |= training
        for key, tracked in list(self.env.items()):
            if tracked.receiver_kind == PARAMETERS and not training:
                continue  # loading copies values into the kept parameters: they are wanted live
            if tracked.family is Family.STATE_DICT and not tracked.changed and (
                    receiver is None or tracked.receiver is None or tracked.receiver == receiver):
                self.env[key] = tracked.derive(changed=True)

    def _holder_made(self, node: cst.BaseExpression) -> bool:
        """`sample = {"value": sd}`, `sample = Record(sd)`: a new container bound to a name
        keeps the state_dict; putting it there reads none of its values."""
        statement = self._statement
        if not (isinstance(statement, cst.Assign) and statement.value is node and all(
                isinstance(t.target, cst.Name) for t in statement.targets)):
            return False
        if isinstance(node, cst.Dict):
            return True
        return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and \
            record_shape(node.func.value, self._classes()) is not None

    def _note_slot(self, container: Optional[str], target: cst.Subscript,
                   stmt: cst.CSTNode) -> None:
        key = string_key(target)
        if container is not None and key is not None:
            self._slots[container] = (key, stmt)

    def _other_slot(self, node: cst.BaseExpression) -> bool:
        """`ckpt["norm_d"]` where `ckpt` holds the snapshot in another string-keyed slot
        (`ckpt["d_state"]`): the keys of a dict are separate slots, so the entry read is
        not the snapshot and reads none of its values."""
        if not isinstance(node, cst.Subscript):
            return False
        key, name = string_key(node), self._held_name(node.value)
        slot = self._slots.get(name or "")
        held = self.env.get(name or "")
        return key is not None and slot is not None and held is not None and \
            key != slot[0] and held.bound_at == frozenset({slot[1]})

    def eval(self, node: cst.BaseExpression, bare: bool = True) -> Optional[Tracked]:
        if self._other_slot(node):
            return None
        if self._holder_made(node):
            previous, self._holding = self._holding, True
            try:
                return super().eval(node, bare)
            finally:
                self._holding = previous
        if isinstance(node, (cst.ListComp, cst.DictComp)):
            made = parameter_snapshot(self.ctx, node, self.path)
            if made is not None:
                return made
        if isinstance(node, cst.Attribute) and (
                node.attr.value in sem.TENSOR_METADATA_ATTRIBUTES or node.attr.value == "grad"):
            self._metadata(node.value)  # `sd[k].shape`: not its values
            return None
        if isinstance(node, (cst.Attribute, cst.Subscript)):
            held = self._held_entry(node, bare)
            if held is not None:
                return held
        if not isinstance(node, cst.Comparison):
            return super().eval(node, bare)
        if all(isinstance(t.operator, (cst.Is, cst.IsNot)) for t in node.comparisons):
            # `best is not None`: identity, not the tensors' values. The read a finding
            # names is the line that uses the values (`load_state_dict(best)`), not the `if`.
            for operand in (node.left, *(t.comparator for t in node.comparisons)):
                self._keys(operand)
            return None
        previous, self._comparing = self._comparing, True
        try:
            left = node.left
            self.eval(left)
            for target in node.comparisons:
                if isinstance(target.operator, (cst.In, cst.NotIn)):
                    self._keys(target.comparator)  # `k in sd` reads a key
                else:
                    self.eval(target.comparator)
            return None
        finally:
            self._comparing = previous

    def _metadata(self, node: cst.BaseExpression) -> None:
        """`node` is read only for what it shares with any copy of it (shape, dtype)."""
        found = self._keys(node)
        if found is not None and found.family is Family.STATE_DICT:
            self.ctx.used(sem.STATE_DICT_METADATA_READ)

    def _keys(self, node: cst.BaseExpression) -> Optional[Tracked]:
        previous, self._keys_only = self._keys_only, True
        try:
            return self.eval(node, bare=False)
        finally:
            self._keys_only = previous

    def iter_element(self, node: cst.BaseExpression) -> Optional[Tracked]:
        literal = _literal_elements(node)
        if literal is not None and len(literal) == 1 and dotted(literal[0]):
            self._element_of_literal = dotted(literal[0])  # (for `bind` to note the alias)
        if literal is not None:
            # `for item in [osd]`: the variable is each element itself (putting it into
            # the literal read none of its values)
            found: Optional[Tracked] = None
            for element in literal:
                found = join_tracked(found, self.eval(element, bare=False))
            return found
        if isinstance(node, (cst.Name, cst.Attribute)):
            owner = self._keys(node)  # `for k in sd`: the keys
            if owner is not None and owner.receiver_kind == PARAMETERS and \
                    owner.vtype.kind is Kind.LIST:
                return self.element_of(owner)  # `for p in anchor`: the parameters
            if owner is not None and owner.family is Family.STATE_DICT:
                if owner.vtype.kind is Kind.LIST:
                    return self.element_of(owner)  # `list(sd.values())`: the live tensors
                return None
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and \
                node.func.attr.value == "keys":
            self._keys(node.func.value)
            return None
        return super().iter_element(node)

    def eval_call(self, call: cst.Call) -> Optional[Tracked]:
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else dotted(func)
        made = parameter_snapshot(self.ctx, call, self.path)
        if made is not None:
            return made
        qualified = self.ctx.imports.qualify(func) or ""
        inputs = _differentiation_inputs(qualified, call)
        if inputs is not None:
            for arg in call.args:  # the inputs by identity, the rest as any argument
                if arg.value is inputs:
                    self._keys(arg.value)
                else:
                    self.eval(arg.value)
            return None
        if (name or "").rpartition(".")[2] in _LIVE_PARAMETER_USES or (
                qualified.startswith("torch.optim.") and call.args):
            for arg in call.args:  # the live tensors are what is wanted
                self._keys(arg.value)
            return None
        if isinstance(func, cst.Attribute) and name == "keys" and not call.args:
            self._keys(func.value)
            return None
        if isinstance(func, cst.Attribute) and (name in sem.TENSOR_METADATA_METHODS or (
                name == "type" and not call.args)):  # `t.type()`: the type's name
            self._metadata(func.value)  # `sd[k].size()`
            for arg in call.args:
                self.eval(arg.value)
            return None
        if isinstance(func, cst.Name) and len(call.args) == 1 and (name == "len" or (
                name in _KEY_READERS
                and isinstance(call.args[0].value, (cst.Name, cst.Attribute)))):
            self._keys(call.args[0].value)
            return None
        if name in _COMPARISONS:
            previous, self._comparing = self._comparing, True
            try:
                return super().eval_call(call)
            finally:
                self._comparing = previous
        if not (isinstance(func, cst.Attribute) and func.attr.value == "load_state_dict"):
            self._changer_arguments(call)
            result = super().eval_call(call)
            self._adopted_by_helper(call)  # after what the helper changes (its own `set_`)
            self._loaded_by_function(call)
            self._adopted_by_summary(call)
            return result if result is not None else self._optimizer_result(call)
        loading_before, self._loading_into = self._loading_into, dotted(func.value)
        try:
            return super().eval_call(call)
        finally:
            self._loading_into = loading_before

    def _optimizer_result(self, call: cst.Call) -> Optional[Tracked]:
        """`opt.step(...)` of a project optimizer built here on one module, whose method
        returns its param groups' parameters: that module's live parameters."""
        func = call.func
        owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        if owner is None:
            return None
        cls, modules = self._instances.get(owner), self.built_on.get(owner)
        if cls is None and self.self_name and owner.startswith(self.self_name + "."):
            made = attribute_classes(self.owner).get("self." + owner.partition(".")[2])
            if made is not None:
                module = optimizer_built_on(made[1])
                cls = made[0]
                if modules is None and module is not None:  # a class the plan cannot see
                    modules = {self.self_name + module[len("self"):]} \
                        if module.startswith("self.") else None
        return optimizer_result(self.ctx, call, cls, modules)

    def on_call(self, call: cst.Call, qualified: Optional[str], args) -> None:
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else "")
        owner = dotted(func.value) if isinstance(func, cst.Attribute) else None
        self._handed(call, name, owner)
        if name == "__init__" and self.path[-1:] == ("__init__",) and \
                _is_base_init(call, self.owner):
            self._base_init_assigns()
        self._changed_by_method(call)
        if name == "step" and owner in self.built_on:
            self._stepped.add(owner)
            self._optimizer_stepped(owner)
        elif owner in self._users and (TRAINING_CALL.search(name) or
                                       self._method_trains(owner, name)):
            given = self._users[owner]
            touched = [r for r in self._receivers() if r in given]
            self._stepped |= given
            known = [n for n in given if n in self.built_on]
            if known and all(n in self.built_on or n in touched for n in given):
                for optimizer in known:  # `StepCallback(opt)`: what `opt` was built on
                    self._optimizer_stepped(optimizer)
                for receiver in touched:
                    self.module_changed(receiver)
            elif touched or any(self._is_optimizer(n) for n in given):
                self.module_changed(touched[0] if len(touched) == 1 else None)
            else:  # given neither a kept module nor an optimizer: what this call is given
                called = {_root(a.value) for a in call.args}
                for receiver in self._receivers() & called:
                    self.module_changed(receiver)
        elif owner and owner == self.self_name and self.ctx.receivers is not None and \
                self.ctx.receivers.method_trains(self.path, name):
            self.module_changed(None)  # `self._run_epoch()` steps the optimizer
        elif owner and owner == self.self_name and self.ctx.receivers is not None and \
                self.ctx.receivers.method_loads(self.path, name):
            # `self.set_parameters(sd)` loads into `self.model`: that module changes
            for attribute in self.ctx.receivers.method_loads(self.path, name):
                self.module_changed(f"{owner}.{attribute}", training=False)
        elif name == "step" and owner:
            self._stepped.add(owner)
            if owner in self.built_on:
                self._optimizer_stepped(owner)
            elif OPTIMIZER_NAME.search(owner) or self._is_optimizer(owner):
                self.module_changed(None)
        elif name == "load_state_dict" and owner:
            self._loaded(call, owner, args)
        elif name.endswith("_") and owner:
            for receiver in self._receivers():
                if owner.startswith(receiver + "."):
                    self.module_changed(receiver)
        elif TRAINING_CALL.search(name) and call.args:
            names = {dotted(a.value) for a in call.args}
            self._stepped |= {n for n in names if n}
            touched = [r for r in self._receivers() if r in names]
            known = [n for n in names if n in self.built_on]
            if known and all(n in self.built_on or n in touched for n in names if n):
                for optimizer in known:
                    self._optimizer_stepped(optimizer)
                for receiver in touched:
                    self.module_changed(receiver)
            elif touched or any(n and (OPTIMIZER_NAME.search(n) or self._is_optimizer(n))
                                for n in names):
                self.module_changed(touched[0] if len(touched) == 1 else None)
        self._trained_by_holder(call, owner, name)
        adopted = set_call(call, self._held_name)
        if adopted is not None:  # after `set_` changed the module: the dict is live from here
            self._adopts(*adopted, self._statement if self._statement is not None else call)

    def _trained_by_holder(self, call: cst.Call, owner: Optional[str], name: str) -> None:
        """`learner.fit_epochs(...)` where a kept state_dict is `learner.model`'s: a method
        of the object holding the module, named as training (`fit`, `train_epoch`) or a
        training method of this module's classes (one that steps an optimizer), trains the
        module it holds (`Learner.fit_epochs` steps the optimizer built on `self.model`).
        Not a module's or an optimizer's own method (`model.train()` sets a mode), not an
        object whose class is known here not to train by it."""
        if not owner or owner == self.self_name or owner in self._users or \
                owner in self.built_on:
            return
        kept = [r for r in self._receivers() if r.startswith(owner + ".") and
                "." not in r[len(owner) + 1:]]
        if not kept:
            return
        receivers = self.ctx.receivers
        if receivers is not None and receivers.kind(self.path, owner) is not None:
            return
        classes = self._user_classes.get(owner)
        if classes:
            trains = self._method_trains(owner, name)
        else:
            trains = (bool(TRAINING_CALL.search(name)) and name not in ("train", "eval")) or (
                receivers is not None and name in receivers.training_methods())
        if not trains:
            return
        for receiver in kept:
            self.module_changed(receiver)

    def _adopts(self, parameter: str, holder: str, stmt: cst.CSTNode) -> None:
        """`p.data = d[k]` (or `p.set_(d[k])`) with `p` a parameter of module `m`: the
        Parameter uses the entry's own tensor, so from here `d` holds live tensors of `m`, a
        snapshot that `m`'s training changes (a rewind to kept initial weights)."""
        module = self._parameter_module(parameter)
        held = self.env.get(holder)
        if module is None or holder == module or (
                held is not None and held.family is Family.STATE_DICT and
                held.receiver == module and not held.changed):
            return
        self.ctx.used(sem.PARAMETER_DATA_ADOPTS)
        self.env[holder] = Tracked(Family.STATE_DICT, self.ctx.code(stmt).strip(), stmt,
                                   STATE_DICT_TYPE, receiver=module, receiver_kind=MODULE,
                                   bound_key=holder, bound_at=frozenset({stmt}))
        self._own_binds.add(stmt)

    def _adopted_by_helper(self, call: cst.Call) -> None:
        """`rewind(mask, init)` where this module's `def rewind(mask, init)` gives a
        module's Parameters entries of `init` as their memory: the caller's dict is live in
        that module from the call on (reported at the helper's statement, where the copy
        belongs)."""
        found = self._plain_function(call)
        if found is None:
            return
        func, foreign = found
        params = [p.name.value for p in func.params.params]
        given: Dict[str, cst.BaseExpression] = {}
        for index, arg in enumerate(call.args):
            name = arg.keyword.value if arg.keyword is not None else (
                params[index] if index < len(params) else None)
            if name is not None:
                given[name] = arg.value
        receivers = self.ctx.receivers
        if id(func) not in self._adoptions:
            self._adoptions[id(func)] = adoptions_of(func)
        for stmt, index, module, looped in self._adoptions[id(func)]:
            holder = dotted(given[params[index]]) if params[index] in given else None
            head, dot, rest = module.partition(".")
            root: Optional[str] = head
            if head in params:
                root = dotted(given[head]) if head in given else None
            shown = root + dot + rest if root else None
            if holder is None or shown is None or holder == shown:
                continue
            if not looped and (receivers is None or receivers.kind(self.path, shown) != MODULE):
                continue
            self.ctx.used(sem.PARAMETER_DATA_ADOPTS)
            if foreign:
                # a helper of another module: reported at its call, where the dict is given
                stmt = self._statement if self._statement is not None else call
                self._own_binds.add(stmt)
                self.env[holder] = Tracked(Family.STATE_DICT, self.ctx.code(call).strip(),
                                           stmt, STATE_DICT_TYPE, receiver=shown,
                                           receiver_kind=MODULE, bound_key=holder,
                                           bound_at=frozenset({stmt}))
                continue
            self.env[holder] = Tracked(Family.STATE_DICT, self.ctx.code(stmt).strip(), stmt,
                                       STATE_DICT_TYPE, receiver=shown, receiver_kind=MODULE,
                                       bound_key=holder, bound_at=frozenset({stmt}))
            self._own_binds.add(stmt)

    def _plain_function(self, call: cst.Call) -> Optional[Tuple[cst.FunctionDef, bool]]:
        """The project function a call of a plain name (`rewind(...)`, or `utils.rewind(...)`
        of an imported project module) runs, and whether it is another module's."""
        if any(a.star for a in call.args) or self.ctx.callees is None:
            return None
        if isinstance(call.func, cst.Name):
            func = self.ctx.callees.functions.get(call.func.value)
            if func is not None:
                return func, False
        elif not isinstance(call.func, cst.Attribute) or self.ctx.callees.classes.get(
                _root(call.func) or "") is not None:
            return None
        name = dotted(call.func)
        if name is None or (isinstance(call.func, cst.Attribute) and
                            name.partition(".")[0] not in self.ctx.imports.aliases and
                            name.partition(".")[0] not in self.ctx.imports.relative):
            return None
        imported = imported_function(self.ctx, name)
        return (imported[0], True) if imported is not None else None

    def _loaded_by_function(self, call: cst.Call) -> None:
        """`set_params(model, sd)` where the project function (of this module or another
        one) runs `model.load_state_dict(sd)` on the module it is given: the caller's module
        changes at the call (not its own state_dict loaded back into it)."""
        found = self._plain_function(call)
        if found is None:
            return
        func = found[0]
        params = [p.name.value for p in
                  list(func.params.posonly_params) + list(func.params.params)]
        given: Dict[int, cst.BaseExpression] = {}
        for index, arg in enumerate(call.args):
            if arg.keyword is not None:
                if arg.keyword.value not in params:
                    continue
                index = params.index(arg.keyword.value)
            given[index] = arg.value
        kept = {t.receiver for t in self.env.values() if t.family is Family.STATE_DICT
                and t.receiver and t.receiver_kind == MODULE}
        for module_index, rest, loaded_index in loads_of(func):
            root = dotted(given[module_index]) if module_index in given else None
            owner = self._unalias(root + rest) if root else None
            if owner is None or owner not in kept:
                continue
            loaded = self.eval_quiet(given[loaded_index]) \
                if loaded_index is not None and loaded_index in given else None
            if loaded is not None and loaded.family is Family.STATE_DICT and \
                    loaded.receiver == owner:
                continue  # its own state_dict loaded back: the values it holds
            self.ctx.used(sem.MODULE_LOAD_COPIES)
            self.module_changed(owner, training=False)
    def _adopted_by_summary(self, call: cst.Call) -> None:
        """A project function (of this module or another) whose summary adopts an entry of
        the dict it is given (`Summary.adoptions`): into a Parameter it is given
        (`rewind_one(param, init, name)`, the caller's loop variable over
        `model.named_parameters()`), or of a module it reaches, through its own callees."""
        if self.ctx.callees is None or any(a.star for a in call.args) or \
                dotted(call.func) not in self.ctx.callees.state_dict_producers:
            return  # (the plan names the functions that adopt: `adopting_functions`)
        callee = resolve_self_callee(self, call) or FlowWalker.resolve_callee(self, call)
        for adoption in getattr(callee.summary, "adoptions", ()) if callee else ():
            given = _given(call, callee, adoption.holder)
            holder = self._held_name(given) if given is not None else None
            stmt = adoption.node if callee.where(adoption.node) is None else call
            if holder is None:
                continue
            if adoption.parameter is not None:
                parameter = _given(call, callee, adoption.parameter)
                name = self._held_name(parameter) if parameter is not None else None
                if name is not None:
                    self._adopts(name, holder, stmt)
                continue
            head, dot, rest = (adoption.module or "").partition(".")
            root: Optional[str] = head
            if head in callee.params:
                module = _given(call, callee, callee.params.index(head))
                root = dotted(module) if module is not None else None
            shown = root + dot + rest if root else None
            receivers = self.ctx.receivers
            if shown is None or holder == shown or (not adoption.looped and (
                    receivers is None or receivers.kind(self.path, shown) != MODULE)):
                continue
            self.ctx.used(sem.PARAMETER_DATA_ADOPTS)
            self.env[holder] = Tracked(Family.STATE_DICT, self.ctx.code(stmt).strip(), stmt,
                                       STATE_DICT_TYPE, receiver=shown, receiver_kind=MODULE,
                                       bound_key=holder, bound_at=frozenset({stmt}))
            self._own_binds.add(stmt)

    def _parameter_module(self, parameter: str) -> Optional[str]:
        """The module `parameter` is a Parameter of: a loop variable over `m.parameters()`
        or `m.named_parameters()`, or an attribute path below a module (`m.fc.bias`)."""
        tracked = self.env.get(parameter)
        if tracked is not None:
            return tracked.receiver if tracked.family is Family.PARAMS and \
                tracked.vtype.kind is Kind.TENSOR else None
        receivers = self.ctx.receivers
        head = parameter.rpartition(".")[0]
        while head and receivers is not None:
            if receivers.kind(self.path, head) == MODULE:
                return head
            head = head.rpartition(".")[0]
        return None

    def _base_init_assigns(self) -> None:
        """The base class's `__init__` rebinds its own attributes (an Optimizer's `state`):
        what this `__init__` bound to them before is gone."""
        for attribute in _base_init_attributes(self.ctx, self.owner):
            key = f"{self.self_name}.{attribute}"
            if self.env.pop(key, None) is not None or \
                    any(bound == key for bound, _ in self.attribute_bindings):
                self.ctx.used(sem.OPTIMIZER_BASE_INIT_REBINDS)
            self.attribute_bindings = [(bound, tracked) for bound, tracked
                                       in self.attribute_bindings if bound != key]

    def _method_trains(self, owner: str, method: str) -> bool:
        """`owner.method()` where `owner` is an instance of the module's class whose method
        steps an optimizer (a callback's `on_batch_end`), itself or through its methods."""
        receivers = self.ctx.receivers
        return receivers is not None and any(
            receivers.class_method_trains(cls, method)
            for cls in self._user_classes.get(owner, ()))

    def _optimizer_stepped(self, optimizer: str) -> None:
        """A step of an optimizer built here changes its own state and the modules whose
        parameters it was built on, not the others (a reference or control-variate module
        beside the trained one)."""
        self.ctx.used(sem.OPTIMIZER_CHANGES_ITS_MODULES)
        for receiver in {optimizer} | self.built_on[optimizer]:
            self.module_changed(receiver)

    def _handed(self, call: cst.Call, name: str, owner: Optional[str]) -> None:
        """A call given a module whose snapshot is kept (`run_epoch(model, loader)`) may
        change it: a later restore of that snapshot may restore nothing."""
        if name in _NOT_CHANGING:
            return
        given = {dotted(a.value) for a in call.args} | ({owner} if owner else set())
        for key, tracked in list(self.env.items()):
            if tracked.family is Family.STATE_DICT and tracked.receiver in given and \
                    not tracked.handed_out and tracked.bound_key:
                self.env[key] = tracked.derive(handed_out=True)

    def _is_optimizer(self, name: str) -> bool:
        receivers = self.ctx.receivers
        return receivers is not None and receivers.kind(self.path, name) == OPTIMIZER

    def _loaded(self, call: cst.Call, owner: str, args) -> None:
        """`owner.load_state_dict(x)`: a module copies `x` in; an optimizer keeps `x`'s
        per-parameter state tensors — shared with the optimizer they came from."""
        loaded = next((a for a in args if a is not None), None)
        own = loaded is not None and loaded.receiver == owner
        copied = self._copied_own(call, owner)
        if own or copied:
            # the module's own (changed) state_dict loaded back, or a deep copy of it: the
            # module ends where the write-through already put it
            for key, tracked in list(self.env.items()):
                if tracked.family is Family.STATE_DICT and tracked.receiver == owner:
                    self._pending.pop(key, None)
        if copied:
            return
        if not own:
            self.module_changed(owner, training=False)
        if loaded is None or own or loaded.family is not Family.STATE_DICT:
            return
        if loaded.receiver_kind == OPTIMIZER and (loaded.receiver or "").endswith(_REPLACED):
            self.ctx.used(sem.OPTIMIZER_REBOUND)  # nothing steps the optimizer it came from
        elif loaded.receiver_kind == OPTIMIZER:
            self.ctx.used(sem.OPTIMIZER_LOAD_KEEPS)
            site = call.args[0].value
            self.report.shared(call, loaded, owner, site)
        elif loaded.receiver_kind == MODULE:
            self.ctx.used(sem.MODULE_LOAD_COPIES)

    def _copied_own(self, call: cst.Call, owner: str) -> bool:
        """`owner.load_state_dict(copy.deepcopy(sd))` where `sd` is `owner`'s own."""
        first = call.args[0].value if call.args else None
        if not (isinstance(first, cst.Call) and first.args and
                self.ctx.imports.qualify(first.func) == "copy.deepcopy"):
            return False
        inner = self.env.get(dotted(first.args[0].value) or "")
        return inner is not None and inner.family is Family.STATE_DICT and \
            inner.receiver == owner and inner.receiver_kind == MODULE

    def _receivers(self) -> Set[str]:
        return {t.receiver for t in self.env.values()
                if t.family is Family.STATE_DICT and t.receiver}

    # --- bindings and reads --------------------------------------------------------------
    def bind(self, target, value, stmt, rhs) -> None:
        self._detach_rebound_receiver(target, stmt, rhs)
        adopted = data_assignment(target, rhs, self._held_name)
        if adopted is not None:
            self._adopts(*adopted, stmt)
        alias, self._element_of_literal = self._element_of_literal, None
        if isinstance(stmt, cst.For) and stmt.target is target:  # (walked more than once)
            literal = _literal_elements(stmt.iter)
            alias = dotted(literal[0]) if literal is not None and len(literal) == 1 else None
        if isinstance(target, cst.Name):
            if alias is not None and rhs is None and alias != target.value:
                self.aliases[target.value] = self.aliases.get(alias, alias)
            else:
                self.aliases.pop(target.value, None)
        if isinstance(target, cst.Subscript):
            previous, self._store_base = self._store_base, target.value
            try:
                super().bind(target, value, stmt, rhs)
            finally:
                self._store_base = previous
            index = target.slice[0].slice if len(target.slice) == 1 else None
            container = self._held_name(target.value)
            held = self.env.get(container or "")
            if value is not None and held is not None and \
                    value.family is Family.STATE_DICT and isinstance(index, cst.Index) and \
                    isinstance(index.value, (cst.SimpleString, cst.Integer)):
                # `checkpoint["model"] = m.state_dict()` every round: the one slot now
                # holds a new snapshot; the one it held before is gone
                self.env.pop(container or "", None)
                self.on_store_into(target.value, value, stmt)
                self._note_slot(container, target, stmt)
            return None
        if isinstance(stmt, cst.For) and isinstance(target, cst.Name) and \
                dotted(stmt.iter) in self._users:  # `for callback in callbacks:`
            self._users[target.value] = self._users[dotted(stmt.iter) or ""]
            self._user_classes[target.value] = self._user_classes.get(dotted(stmt.iter) or "",
                                                                      set())
        if isinstance(rhs, (cst.List, cst.Tuple)) and isinstance(target, cst.Name):
            calls = [e.value for e in rhs.elements if isinstance(e.value, cst.Call)]
            given = {name for c in calls for a in c.args if (name := dotted(a.value))}
            if given:  # `callbacks = [StepCallback(opt)]`
                self._users[target.value] = given
                self._user_classes[target.value] = {
                    c.func.value for c in calls if isinstance(c.func, cst.Name)}
        if isinstance(target, (cst.Name, cst.Attribute)):
            made = dotted(target) or ""
            self._literal_entries.pop(made, None)
            if isinstance(rhs, cst.Dict):  # the names a new dict's string keys hold
                self._literal_entries[made] = {
                    e.key.evaluated_value: entry_name for e in rhs.elements
                    if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                    and isinstance(e.key.evaluated_value, str)
                    and (entry_name := dotted(e.value)) is not None}
            if isinstance(rhs, cst.Call) and isinstance(rhs.func, cst.Name):
                fields = _record_fields(rhs, record_shape(rhs.func.value, self._classes()))
                if fields:  # the names a new record's fields hold
                    self._literal_entries[made] = fields
                self._instances[made] = rhs.func.value  # `holder = Snapshot()`
            else:
                self._instances.pop(made, None)
        if isinstance(rhs, cst.Call) and isinstance(target, (cst.Name, cst.Attribute)):
            key = dotted(target)
            given = {name for a in rhs.args if (name := dotted(a.value)) is not None}
            if key and given and _full_copy(self.ctx, rhs):
                self._users.pop(key, None)  # `clone = copy.deepcopy(model)` holds no `model`
                self._user_classes.pop(key, None)
            elif key and given and _lr_scheduler(self.ctx, rhs):
                self._users.pop(key, None)  # its `step()` changes learning rates only
                self._user_classes.pop(key, None)
            elif key and given:
                self._users[key] = given  # `trainer = Trainer(model, opt)`
                self._user_classes[key] = {rhs.func.value} if isinstance(
                    rhs.func, cst.Name) else set()
            modules = optimizer_modules(self.ctx, rhs, self.path) if key else None
            kept = self.env.get(dotted(rhs.args[0].value) or "") if key and rhs.args else None
            if kept is not None and kept.receiver_kind == PARAMETERS and kept.receiver and \
                    optimizer_modules(self.ctx, _with_parameters(rhs, kept.receiver),
                                      self.path):
                modules = {kept.receiver}  # `SGD(params)`, `params = list(m.parameters())`
            if key and modules:
                self._new_optimizer(key, modules, stmt)
        super().bind(target, value, stmt, rhs)

    def _detach_rebound_receiver(self, target, stmt, rhs) -> None:
        """A name that held a snapshot's module now names another object: the next
        element of a loop (`for client_model in clients_models:`) or a full copy
        (`client_model = copy.deepcopy(global_model)`). Rebinding a name leaves the object it
        named alone, so a change through the new binding (the next client's steps) does not
        reach the snapshots taken of the old one. A loop over a one-element literal
        (`for learner in (self,)`) names the same object and is left to `aliases`."""
        if not isinstance(target, cst.Name):
            return
        if isinstance(stmt, cst.For) and _in_target(stmt.target, target):
            literal = _literal_elements(stmt.iter)
            if literal is not None and len(literal) == 1:
                return
        elif not (isinstance(rhs, cst.Call) and _full_copy(self.ctx, rhs)):
            return
        key = target.value
        for name, tracked in list(self.env.items()):
            if tracked.family is Family.STATE_DICT and tracked.receiver == key and \
                    tracked.receiver_kind in (MODULE, PARAMETERS):
                self.env[name] = tracked.derive(receiver=key + _REBOUND)

    def _new_optimizer(self, key: str, modules: Set[str], stmt: cst.CSTNode) -> None:
        """`key` is bound to a new optimizer: a snapshot of the one it named before is of
        an optimizer nothing steps any more (its state is gone with it)."""
        self.built_on[key] = modules
        if key in self._stepped:
            self._stepped.discard(key)
            self.ctx.used(sem.OPTIMIZER_REBOUND)
        for name, tracked in list(self.env.items()):
            if tracked.family is Family.STATE_DICT and tracked.receiver == key and \
                    tracked.receiver_kind == OPTIMIZER:
                self.env[name] = tracked.derive(receiver=key + _REPLACED)

    def on_bind(self, key, tracked, stmt, rhs):
        if tracked is None or tracked.family is not Family.STATE_DICT:
            return tracked
        whole = tracked.vtype.kind in (Kind.DICT, Kind.LIST) or (
            tracked.receiver_kind == PARAMETERS and tracked.vtype.kind is Kind.UNKNOWN)
        if tracked.bound_key is None and whole:
            tracked = tracked.derive(bound_key=key, bound_at=frozenset({stmt}), changed=False,
                                     fix_site=rhs, direct=False)
            self._own_binds.add(stmt)
        elif "." in key and whole:
            tracked = tracked.derive(bound_key=key)
        # Otherwise (`v = sd[k]`, a loop variable) the value keeps the name of the state_dict
        # it came from, if any: "used as separate" is about that dict, not its tensors.
        if tracked.device_via:
            self.ctx.used(sem.STATE_DICT_CPU_MOVE)
        if "." in key and whole:
            self.attribute_bindings.append((key, tracked))
        return tracked

    def _in_store_base(self, node: cst.CSTNode) -> bool:
        """`d` of `d[k] = v`, or `sample` of `sample["value"][k] = v` (a sample's entry or
        field that holds the dict): binding an entry reads none of the values."""
        base = self._store_base
        while base is not None:
            if node is base:
                return True
            if isinstance(base, cst.Attribute) or (
                    isinstance(base, cst.Subscript) and string_key(base) is not None):
                base = base.value
            else:
                return False
        return False

    def _held_entry(self, node: cst.BaseExpression, bare: bool) -> Optional[Tracked]:
        """`sample.value` where `sample = Record(results)` was made here: reading it reads
        what `results` holds (a kept snapshot read after the module changed)."""
        name = dotted(node)
        held = self._held_name(node)
        if held is None or held == name or (name is not None and name in self.env) or \
                self._in_store_base(node):
            return None
        tracked = self.env.get(held)
        if tracked is None:
            return None
        self.on_read(held, tracked, node, bare)
        return tracked

    def _held_name(self, node: cst.BaseExpression) -> Optional[str]:
        """The name `node` is: `sample["value"]` is `history` where `sample = {"value":
        history}` was made here."""
        if isinstance(node, cst.Subscript):
            entry, holder = string_key(node), node.value
        elif isinstance(node, cst.Attribute):
            entry, holder = node.attr.value, node.value
        else:
            return dotted(node)
        base = self._held_name(holder)  # (`sample["value"].rounds`: a sample of a record)
        if entry is not None:
            held = self._literal_entries.get(base or "", {})
            if entry in held:
                return held[entry]
        if isinstance(node, cst.Attribute) and base is not None:
            return f"{base}.{node.attr.value}"
        return dotted(node)

    def on_store_into(self, container, tracked, node):
        # `sample["value"].append(sd)` with `sample = {"value": history}` (or
        # `sample.value.append(sd)` with `sample = Record(history)`): into `history`
        key = self._held_name(container)
        if key is None or tracked.family is not Family.STATE_DICT or \
                tracked.vtype.kind is not Kind.DICT:
            return  # a tensor put into a new container (`ema_vals.append(e)`) is no snapshot
        self._own_binds.add(node)
        self.env[key] = tracked.derive(bound_key=key, bound_at=frozenset({node}),
                                       changed=False, level=Level.SHALLOW,
                                       vtype=VType(Kind.LIST, elem=tracked.vtype), fix_site=None)

    def on_read(self, key, tracked, node, bare):
        if tracked.family is not Family.STATE_DICT or self._keys_only or \
                self._in_store_base(node) or tracked.bound_key in self._rebound or \
                node in self._slot_not_read:
            return  # the keys of a state_dict are not live values; `d[k] = v` binds
        if tracked.receiver_kind == PARAMETERS:
            # kept parameters: a value read after the module trained (`w - anchor_w`,
            # `a.norm()`, a restore, a forward of a shallow copy); iterating them, their
            # `.grad` and shape, and handing them to an optimizer are not
            if tracked.changed and not self._handle(tracked.bound_key):
                self.report.snapshot(tracked, node, "is read")
            return
        restore = self._loading_into == tracked.receiver and bare
        if tracked.changed and not restore and not self._holding:
            self.report.snapshot(tracked, node, "is read")
        elif restore and (tracked.changed or tracked.handed_out):
            self.report.snapshot(tracked, node, f"is loaded back into `{tracked.receiver}`",
                                 restore=True)
        if (bare or self._comparing) and key in self._pending and not self._holding and \
                self._loading_into != tracked.receiver and node not in self._to_changer:
            for change, changed in self._pending.pop(key):
                self.report.inplace(
                    change, changed,
                    f"`{key}` is then used as if it were separate (line "
                    f"{LINE_REF.format('use')})", {"use": node})

    # --- in-place changes ---------------------------------------------------------------
    def on_change(self, node: cst.CSTNode, tracked: Tracked, how: Change) -> None:
        if tracked.family is Family.PARAMS or tracked.receiver_kind == PARAMETERS:
            if how is Change.DATA:
                if tracked.receiver_kind == PARAMETERS and tracked.bound_key:
                    # written through its own elements (`weights[j].data.copy_(...)`): the
                    # kept list is the program's handle into the module, not a snapshot
                    self.write_handles.add(tracked.bound_key)
                self.module_changed(tracked.receiver)
            return
        if tracked.family is not Family.STATE_DICT or how is not Change.DATA or \
                tracked.bound_key in self._rebound:
            return  # replacing an entry (`sd[k] = sd[k] * 0`) leaves the module alone
        if self.via is not None and isinstance(self.via.node, (cst.Assign, cst.Del)) and \
                tracked.vtype.kind is Kind.DICT:
            return  # a helper's `d[k] = v` on the dict it is handed: it rebinds an entry
        if tracked.level is Level.SHALLOW and tracked.vtype.kind is Kind.DICT:
            return
        if tracked.maybe_via and not tracked.device_via:
            return  # `.float()` of a tensor of unknown dtype: not proven to be the module's
        if tracked.direct:
            if only_effect(self._statement, node):
                self.ctx.used(sem.STATE_DICT_WRITE_THROUGH)
                return  # `m.state_dict()[k].copy_(v)`: nothing but the module is changed
            self.report.inplace(node, tracked, "the change goes straight into the module")
            return
        if self._blends_other_module(node, tracked):
            if tracked.bound_key:
                self.write_handles.add(tracked.bound_key)
            return  # an EMA / soft update: this module is meant to change
        if self._writes_kept_handle(tracked):
            return
        if tracked.shallow_via:
            self.report.inplace(node, tracked, f"`{tracked.shallow_via}` copied only the dict, "
                                               "not its tensors")
        elif tracked.bound_key and "." in tracked.bound_key and \
                not tracked.bound_at & self._own_binds:
            self.report.inplace(node, tracked, f"it is kept as `{tracked.bound_key}` from "
                                               "another call, as if it were a copy")
        elif tracked.bound_key:
            self._pending.setdefault(tracked.bound_key, []).append((node, tracked))

    def _handle(self, key: Optional[str]) -> bool:
        """Whether kept parameters under `key` are written through, here or by any method of
        the class (`self.W[k].data = v`): the class's handle into its module, read live."""
        return key is not None and (key in self.write_handles or key in self.handle_lists)

    def _writes_kept_handle(self, tracked: Tracked) -> bool:
        """Whether a method writes the live tensors of a list kept on `self`
        (`self.params = list(m.state_dict().values())`, then `for p in self.params:
        p.mul_(d)`): the class keeps the tensors to change its module through them."""
        key = tracked.bound_key or ""
        if key not in self.handle_lists or tracked.vtype.kind is not Kind.TENSOR or \
                tracked.direct:
            return False
        self.write_handles.add(key)
        return True

    def _blends_other_module(self, node: cst.CSTNode, tracked: Tracked) -> bool:
        """Whether the change writes values of another module's live tensors into this one
        (`e.mul_(d).add_(m, alpha=1 - d)`, `v.copy_(update(v, m))`, `e += (1 - d) * m`):
        the write-through is the point of such an update."""
        found = [False]
        env = self.env

        class Operands(cst.CSTVisitor):
            def visit_Name(self, name: cst.Name) -> None:
                other = env.get(name.value)
                if other is not None and other.family in (Family.STATE_DICT, Family.PARAMS) \
                        and other.receiver != tracked.receiver:
                    found[0] = True

            def visit_Attribute(self, attr: cst.Attribute) -> Optional[bool]:
                key = dotted(attr)
                other = env.get(key) if key else None
                if other is not None and other.family in (Family.STATE_DICT, Family.PARAMS) \
                        and other.receiver != tracked.receiver:
                    found[0] = True
                return True

            def visit_Call(self, call: cst.Call) -> Optional[bool]:
                func = call.func
                if isinstance(func, cst.Attribute) and func.attr.value in _LIVE_METHODS and \
                        dotted(func.value) != tracked.receiver:
                    found[0] = True
                return True

        # the whole statement: `e.mul_(d).add_(m, alpha=1 - d)` is one update
        statement = self._statement if self._statement is not None else node
        statement.visit(Operands())
        return found[0]

    def walk_small(self, small: cst.BaseSmallStatement, stmt: cst.CSTNode) -> None:
        previous, self._statement = self._statement, small
        try:
            super().walk_small(small, stmt)
        finally:
            self._statement = previous
