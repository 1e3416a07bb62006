"""Whether code that keeps a `state_dict()` could hold a CPS201/CPS202, from the `ast`.

Keeping a state_dict is not a finding by itself: CPS201 needs an in-place change of
something that came from one, CPS202 a change of the module while one is kept. Code with
neither is left out of the libcst parse: a scheduler's `state_dict()` that gathers its
children's state dicts into the dict it returns, or one that `pop`s keys off its parent's.

What "came from a state_dict" means here is a name-level over-approximation: a name or
attribute bound from an expression that mentions a `state_dict()`/`parameters()` call, a
function returning a live state_dict, or a name already marked (through assignments, loops,
`with`, walrus, and stores into containers), iterated to a fixed point.
"""

import ast
from typing import (AbstractSet, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set,
                    Tuple, Union)

from ..core.names import dotted_ast
from ..facts import semantics as sem
from ..facts.module_changes import (PARAMS_METHODS, SELF_RETURNING_METHODS, STORE_METHODS,
                                    TRAINING_CALL)
from ..facts.module_changes import STATE_DICT_CONSUMERS as _CONSUMERS
from .ast_walk import Walked, called_name, inner_blocks
from .helper_calls import Helpers
from .inplace_sites import IN_PLACE_KEYWORDS

_SOURCES = frozenset({"state_dict"} | set(PARAMS_METHODS))
# `d.update(sd)` copies entries (live tensors) into `d`.
_STORES = STORE_METHODS | {"update"}
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Functions that change an argument's data (`np.copyto(dst, src)`).
_DATA_FUNCTIONS = frozenset(name.rpartition(".")[2] for name in sem.MUTATING_FUNCTIONS)


def keeps_state_dict(code: Walked, producers: Set[str],
                     optimizer_calls: AbstractSet[int] = frozenset()) -> bool:
    """A `state_dict()` call whose result is not consumed at once (saved, loaded, returned),
    or a call of a function that returns a live one. An optimizer's state_dict loaded into
    another optimizer is kept by it (`optimizer_calls`: ids of such `state_dict()` calls)."""
    if _adopted(code):
        return True
    for call in code.of(ast.Call):
        if producers and called_name(call) in producers:
            return True
        if not _is_state_dict_call(call):
            continue
        parent = code.parent.get(id(call))
        if isinstance(parent, (ast.Return, ast.Expr)):
            continue  # returned, or called for its effect: nothing is kept here
        holder = code.parent.get(id(parent)) if isinstance(parent, ast.keyword) else parent
        if isinstance(holder, ast.Call) and holder.func is not call:
            callee = dotted_ast(holder.func) or ""
            consumer = callee.rpartition(".")[2]
            if consumer in _CONSUMERS and not (consumer == "load_state_dict"
                                               and id(call) in optimizer_calls):
                continue
        return True
    return False


def producers_of(code: List[ast.stmt], live: Optional[Set[int]] = None,
                 known: AbstractSet[str] = frozenset(),
                 kept_lines: AbstractSet[int] = frozenset()) -> Set[str]:
    """Functions that return a live `state_dict()` or a kept collection of parameters
    (`list(m.parameters())`, `copy.copy(m)`), directly, through a local they bound it to
    (`sd = m.state_dict(); return sd`), or by returning what another such function returns
    (through several calls; `known`: producers of the module calling these functions, whose
    methods they may call on the instance it gives them): their callers keep one too.
    `kept_lines`: lines whose assigned value is a module's live parameters for reasons the
    `ast` cannot see (a project optimizer's `step` returning its param groups)."""
    return producers_given(producer_links(code, live, kept_lines), known)


# A module's own producers, `(function, callee)` pairs (the function returns or keeps what
# the callee returns), and its adopting functions with the calls that hand one a parameter
# (`_adopting_links`). What `known` adds depends on the caller; these do not.
Links = Tuple[FrozenSet[str], Tuple[Tuple[str, str], ...]]
ProducerLinks = Tuple[FrozenSet[str], Tuple[Tuple[str, str], ...], Links]

# Words the text of a module holding any producer of its own has (`_returns_of` is True only
# for a `state_dict()` call, a `parameters()`/`named_parameters()` collection or `copy.copy`).
PRODUCER_WORDS = ("state_dict", "parameters", "copy")
# ... and the words a function that lets a Parameter adopt a dict's entry needs (`_adopted`)
ADOPTION_WORDS = ("data", "set_")


def producers_given(links: ProducerLinks, known: AbstractSet[str] = frozenset()) -> Set[str]:
    """The producers of a module (`producer_links`) where the functions in `known` are
    producers too (the caller's: a method of the instance it hands them); its adopting
    functions are producers, and so is a function returning what one of them returns."""
    own, forwards, adopting_links = links
    adopting = _closed(*adopting_links, known)
    return _closed(own | adopting, forwards, known | adopting) | adopting


def _closed(start: AbstractSet[str], pairs: Sequence[Tuple[str, str]],
            known: AbstractSet[str]) -> Set[str]:
    """`start` and every function of `pairs` (function, callee) whose callee is in the result
    or in `known`, to a fixed point."""
    found = set(start)
    grew = True
    while grew:
        grew = False
        for func, callee in pairs:
            if func not in found and (callee in found or callee in known):
                found.add(func)
                grew = True
    return found


def producer_links(code: List[ast.stmt], live: Optional[Set[int]] = None,
                   kept_lines: AbstractSet[int] = frozenset()) -> ProducerLinks:
    """What `producers_of` derives from `code` before it asks about `known`, made once per
    module for every caller (`producers_given` finishes it)."""
    found: Set[str] = set()
    forwards: List[Tuple[str, str]] = []  # (function, the function whose result it returns)
    # (function, name) -> what the name was bound to: True for a live value, else callees
    bound: Dict[Tuple[str, str], Set[Union[bool, str]]] = {}
    returned: List[Tuple[str, ast.expr]] = []
    # functions that keep one of their parameters on another object the caller holds
    # (`results.append({"weights": weights})`), and the calls handing them a live value
    keepers: Set[str] = set()
    handing: List[Tuple[str, str]] = []
    params: Dict[str, Set[str]] = {}
    pending: List[Tuple[ast.stmt, Optional[str]]] = [(stmt, None) for stmt in code]
    while pending:  # statements only: a `return` is never inside an expression
        stmt, func = pending.pop()
        if isinstance(stmt, _DEFS):
            func = stmt.name
            params[func] = {a.arg for a in stmt.args.posonlyargs + stmt.args.args}
        elif isinstance(stmt, ast.Return) and func and stmt.value is not None:
            returned.append((func, stmt.value))
        elif isinstance(stmt, ast.Assign) and func:
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault((func, target.id), set()).update(
                        _returns_of(stmt.value, live))
                elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                    # `holder.best = m.state_dict()`: kept on an object the caller holds
                    returned.append((func, stmt.value))
                    if stmt.lineno in kept_lines:
                        found.add(func)
                    if _mentions(stmt.value, params.get(func, set()) - {target.value.id}):
                        keepers.add(func)
        elif isinstance(stmt, ast.Expr) and func and isinstance(stmt.value, ast.Call) and \
                _transplant(stmt.value):
            # `dst.opt.load_state_dict(src.opt.state_dict())`: an optimizer keeps the state
            # tensors of the one it is given, for the objects the caller holds
            returned.append((func, stmt.value.args[0]))
        elif isinstance(stmt, ast.Expr) and func and isinstance(stmt.value, ast.Call) and \
                isinstance(stmt.value.func, ast.Attribute) and \
                stmt.value.func.attr in _STORES and isinstance(stmt.value.func.value, ast.Name):
            # `history.append(m.state_dict())`: kept in a container the caller holds
            returned.extend((func, arg) for arg in stmt.value.args)
            holder = stmt.value.func.value.id
            if any(_mentions(arg, params.get(func, set()) - {holder})
                   for arg in stmt.value.args):
                keepers.add(func)
        elif isinstance(stmt, ast.Expr) and func and isinstance(stmt.value, ast.Call) and \
                isinstance(stmt.value.func, ast.Attribute) and \
                isinstance(stmt.value.func.value, ast.Name) and \
                any(True in _returns_of(arg, live) for arg in stmt.value.args):
            # `holder.keep(m.state_dict())`: the object may keep it (`return holder.state`)
            bound.setdefault((func, stmt.value.func.value.id), set()).add(True)
        elif isinstance(stmt, ast.Expr) and func and isinstance(stmt.value, ast.Call) and \
                isinstance(stmt.value.func, ast.Name) and stmt.value.args:
            # `attach_reference(learner)`: what that function keeps on the objects it is
            # given, this one keeps on the objects its caller holds
            forwards.append((func, stmt.value.func.id))
            if any(True in _returns_of(arg, live) for arg in stmt.value.args):
                # `record(results, m.state_dict())`: kept there if `record` keeps it
                handing.append((func, stmt.value.func.id))
        pending.extend((inner, func) for block in inner_blocks(stmt) for inner in block)
    for func, value in returned:
        whats = _returns_of(value, live)
        if isinstance(value, ast.Name):
            whats |= bound.get((func, value.id), set())
        elif isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
            whats |= {True} & bound.get((func, value.value.id), set())
        for what in whats:
            if what is True:
                found.add(func)
            elif isinstance(what, str):
                forwards.append((func, what))
    found.update(func for func, callee in handing if callee in keepers)
    found.update(name for name, names in params.items()
                 if name not in found and _changes_given_state_dict(code, name, names))
    return frozenset(found), tuple(forwards), _adopting_links(code)


def _changes_given_state_dict(code: List[ast.stmt], func: str, names: AbstractSet[str]
                              ) -> bool:
    """Whether function `func` (parameters `names`) changes an entry of a parameter's
    `state_dict()` in place (`model.state_dict()["w"].mul_(2)`, `p.state_dict()[k] += d`):
    its callers hand it what may be a module (the analysis applies the summary there, with
    the caller's evidence)."""
    found = [d for stmt in code for d in ast.walk(stmt)
             if isinstance(d, _DEFS) and d.name == func]
    if not names or len(found) != 1:
        return False
    for node in ast.walk(found[0]):
        target = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in sem.TENSOR_INPLACE_METHODS:
            target = node.func.value
        elif isinstance(node, ast.AugAssign):
            target = node.target
        if isinstance(target, ast.Subscript) and _is_state_dict_call(target.value) and \
                isinstance(target.value, ast.Call) and \
                isinstance(target.value.func, ast.Attribute) and \
                (dotted_ast(target.value.func.value) or "").partition(".")[0] in names:
            return True
    return False


def _mentions(value: ast.AST, names: AbstractSet[str]) -> bool:
    return bool(names) and any(isinstance(n, ast.Name) and n.id in names
                               for n in ast.walk(value))


def _transplant(value: ast.expr) -> bool:
    """`a.x.load_state_dict(b.x.state_dict())`, both reached from names other than `self`
    (parameters: the caller's objects)."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and
            value.func.attr == "load_state_dict" and len(value.args) == 1 and
            _is_state_dict_call(value.args[0])):
        return False
    into = dotted_ast(value.func.value) or ""
    source_call = value.args[0]
    if not (isinstance(source_call, ast.Call) and isinstance(source_call.func, ast.Attribute)):
        return False
    source = dotted_ast(source_call.func.value) or ""
    return "." in into and "." in source and into != source and \
        "self" not in (into.partition(".")[0], source.partition(".")[0])


def _returns_of(value: ast.expr, live: Optional[Set[int]]) -> Set[Union[bool, str]]:
    """True when `value` holds a module's live tensors (a live `state_dict()` or its shallow
    copy, a kept collection of parameters); the name of the function it calls otherwise."""
    if isinstance(value, ast.Tuple):  # `return list(m.state_dict().values()), n`
        return {what for part in value.elts for what in _returns_of(part, live)}
    if _is_state_dict_call(value) and (live is None or id(value) in live):
        return {True}
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and \
            value.func.id in ("list", "tuple") and len(value.args) == 1 and \
            isinstance(value.args[0], ast.Call) and \
            isinstance(value.args[0].func, ast.Attribute) and \
            value.args[0].func.attr == "values" and \
            _is_state_dict_call(value.args[0].func.value) and \
            (live is None or id(value.args[0].func.value) in live):
        return {True}  # `list(m.state_dict().values())`: the module's live tensors
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
            value.func.attr == "copy" and not value.args and \
            _is_state_dict_call(value.func.value) and \
            (live is None or id(value.func.value) in live):
        return {True}  # `m.state_dict().copy()`: a new dict of the same tensors
    if isinstance(value, ast.Call) and _shallow_dict_copy(value) and \
            True in _returns_of(value.args[0], live):
        return {True}  # `dict(m.state_dict())`: a new dict of the same tensors
    if parameter_collection(value):
        return {True}
    if isinstance(value, (ast.DictComp, ast.ListComp)) and any(
            _is_state_dict_call(n) and (live is None or id(n) in live)
            for n in ast.walk(value)):
        return {True}  # `{k: v.cpu() for k, v in m.state_dict().items()}` (the analysis
        # decides whether the elements are the live tensors)
    if isinstance(value, ast.Call) and called_name(value):
        return {called_name(value)}
    return set()


def _shallow_dict_copy(value: ast.expr) -> bool:
    """`dict(x)`, `copy.copy(x)`: a call that copies a dict one level (`FUNCTION_FACTS`),
    so the new dict holds the same tensors."""
    if not (isinstance(value, ast.Call) and len(value.args) == 1 and not value.keywords):
        return False
    fact = sem.FUNCTION_FACTS.get(dotted_ast(value.func) or "")
    return fact is not None and fact.effect_for(sem.Kind.DICT) is sem.Effect.SHALLOW


def parameter_collection(value: ast.AST) -> bool:
    """`list(m.parameters())`, `dict(m.named_parameters())`, `[p for p in m.parameters()]`,
    `copy.copy(m)`: shapes that may keep a module's parameter tensors (CPS203; the analysis
    decides what the elements are)."""
    if isinstance(value, ast.Call):
        name = dotted_ast(value.func) or ""
        if name in ("copy.copy",) and len(value.args) == 1:
            return True
        if name in ("list", "tuple", "dict") and len(value.args) == 1:
            return _parameters_call(value.args[0])
        return False
    if isinstance(value, (ast.ListComp, ast.DictComp)) and len(value.generators) == 1:
        return _parameters_call(value.generators[0].iter)
    return False


def _parameters_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        node.func.attr in ("parameters", "named_parameters") and not node.args


def may_report(code: List[ast.stmt], producers: Set[str], helpers: Helpers,
               optimizer_calls: AbstractSet[int] = frozenset(),
               training_methods: AbstractSet[str] = frozenset()) -> bool:
    """Whether top-level statements that keep a state_dict (a function, a class, or the
    module-level code) could hold a finding. A class is judged method by method, with what
    its attributes hold shared between them. `training_methods`: methods of the module's
    classes that step an optimizer (a trainer's `step`, a callback's `on_batch_end`)."""
    units: List[Tuple[Walked, Optional[str]]] = []  # (a function, its `self` if a method)
    loose: List[ast.stmt] = []  # module-level and class-level statements
    pending: List[Tuple[ast.stmt, bool]] = [(stmt, False) for stmt in code]
    while pending:
        stmt, in_class = pending.pop()
        if isinstance(stmt, ast.ClassDef):
            pending.extend((s, True) for s in stmt.body)
        elif isinstance(stmt, _DEFS):
            units.append((Walked(stmt), _first_param(stmt) if in_class else None))
        else:
            loose.append(stmt)
    # Attributes holding a state_dict in one method are live in every other one.
    shared: Dict[str, int] = {}
    for unit, self_name in units:
        for key, level in _taint(unit, producers, {}).items():
            if "." in key:
                shared[key] = min(level, shared.get(key, level))
        if self_name and any(called_name(c) in producers and c.args and
                             isinstance(c.args[0], ast.Name) and c.args[0].id == self_name
                             for c in unit.of(ast.Call)):
            # `keep_best(self, model)`: a producer given the instance may keep what it
            # takes on it, under attributes this class does not name
            shared[f"{self_name}.*"] = 1
    if not shared:
        units = [(u, s) for u, s in units if keeps_state_dict(u, producers, optimizer_calls)]
    if loose:
        module = Walked(ast.Module(loose, []))
        if keeps_state_dict(module, producers, optimizer_calls):
            units.append((module, None))
    return any(_may_report(unit, producers, helpers, shared, self_name, training_methods)
               for unit, self_name in units)


def _adopted(code: Walked) -> Set[str]:
    """Dicts whose entry a Parameter is given as its memory (`p.data = d[k]`,
    `p.set_(d[k])`): from there `d` holds the module's live tensors, as a state_dict does."""
    found: Set[str] = set()
    for node in code.nodes:
        given: Optional[ast.AST] = None
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "data" for t in node.targets):
            given = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "set_" and len(node.args) == 1:
            given = node.args[0]
        while True:
            if isinstance(given, ast.Attribute) and given.attr in sem.SAME_TENSOR_ATTRIBUTES:
                given = given.value
            elif isinstance(given, ast.Call) and isinstance(given.func, ast.Attribute) and \
                    given.func.attr in sem.SAME_TENSOR_METHODS and not given.args:
                given = given.func.value
            else:
                break
        holder = dotted_ast(given.value) if isinstance(given, ast.Subscript) else None
        if holder is not None:
            found.add(holder)
    return found


def adopting_functions(body: List[ast.stmt], known: AbstractSet[str] = frozenset()
                       ) -> Set[str]:
    """This module's functions that give a module's Parameters entries of a dict they are
    handed (`def rewind(init): ... p.data = init[k]`), or hand one of their parameters to
    such a function (`known`: those it imports): their callers' dicts turn live."""
    return _closed(*_adopting_links(body), known)


def _adopting_links(body: List[ast.stmt]) -> Links:
    """The functions of `body` that adopt a parameter's entries themselves, and (function,
    a function it hands a parameter to) pairs."""
    found: Set[str] = set()
    calls: List[Tuple[str, str]] = []
    for stmt in body:
        if isinstance(stmt, _DEFS):
            params = {a.arg for a in stmt.args.posonlyargs + stmt.args.args +
                      stmt.args.kwonlyargs}
            if _adopted(Walked(stmt)) & params:
                found.add(stmt.name)
            calls.extend((stmt.name, n.func.id) for n in ast.walk(stmt)
                         if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
                         any(isinstance(a, ast.Name) and a.id in params for a in n.args))
    return frozenset(found), tuple(calls)


def _first_param(func: Union[ast.FunctionDef, ast.AsyncFunctionDef]) -> Optional[str]:
    args = func.args.posonlyargs + func.args.args
    return args[0].arg if args else None


def _may_report(code: Walked, producers: Set[str], helpers: Helpers,
                shared: Dict[str, int], self_name: Optional[str],
                training_methods: AbstractSet[str] = frozenset()) -> bool:
    tainted = _taint(code, producers, shared)
    tainted.update((holder, 2) for holder in _adopted(code) if holder not in tainted)
    if not tainted and not any(_is_source(c, producers) for c in code.of(ast.Call)):
        return False
    receivers = _receivers(code, producers)
    for node in code.nodes:
        if _changes_data(node, tainted, producers):
            return True  # CPS201: something that came from a state_dict changes
        if isinstance(node, ast.Call) and (_changes_module(node, receivers) or (
                isinstance(node.func, ast.Attribute) and node.func.attr in training_methods)):
            return True  # CPS202: the module may change while one is kept
    # CPS201 through a helper given something from a state_dict
    return helpers.may_change(code, self_name, lambda value: _touches(value, tainted, producers))


def _changes_data(node: ast.AST, tainted: Dict[str, int], producers: Set[str]) -> bool:
    """Whether `node` may change a tensor of a state_dict in place. Replacing an entry
    (`sd[k] = v`, `sd.pop(k)`) leaves the module alone."""
    if isinstance(node, ast.AugAssign):
        return _touches(node.target, tainted, producers)
    if isinstance(node, ast.Call):
        name = called_name(node)
        if any(k.arg in IN_PLACE_KEYWORDS for k in node.keywords) or name in _DATA_FUNCTIONS \
                or (name.endswith("_") and not name.startswith("__")
                    and name not in sem.NON_DATA_INPLACE_METHODS):
            return _touches(node, tainted, producers)
        return False
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.Delete)):
        targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
    else:
        return False
    for target in targets:
        for store in ast.walk(target):
            if not isinstance(store, ast.Subscript) or isinstance(store.ctx, ast.Load):
                continue
            key, depth = _root(store)
            if key is None:
                if _touches(store, tainted, producers):
                    return True
            elif key in tainted and depth >= tainted[key]:
                return True
            elif key not in tainted and _field_of_tainted(key, tainted):
                return True  # `sample.value[k][0] = v` where `sample = Record(sd)`
    return False


def _field_of_tainted(key: str, tainted: Dict[str, int]) -> bool:
    """`sample.value` where `sample` holds something from a state_dict (a record's field)."""
    head, dot, _ = key.partition(".")
    return bool(dot) and head in tainted


def _changes_module(call: ast.Call, receivers: Optional[Set[str]]) -> bool:
    func = call.func
    name = called_name(call)
    if name in ("step", "load_state_dict"):
        return True
    if isinstance(func, ast.Attribute) and name.endswith("_"):
        owner = dotted_ast(func.value) or ""
        if receivers is None or any(owner.startswith(r + ".") for r in receivers):
            return True  # `model.fc.weight.mul_(0)`
    return bool(TRAINING_CALL.search(name) and (call.args or call.keywords))


def _receivers(code: Walked, producers: Set[str]) -> Optional[Set[str]]:
    """The modules whose state_dict is taken (None: some come from helpers, any may be)."""
    found: Set[str] = set()
    for call in code.of(ast.Call):
        if not _is_source(call, producers):
            continue
        if not (isinstance(call.func, ast.Attribute) and call.func.attr in _SOURCES):
            return None
        found.add(dotted_ast(call.func.value) or "")
    return found


def _is_source(node: ast.AST, producers: Set[str]) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = called_name(node)
    return name in _SOURCES or name in producers


def _is_state_dict_call(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "state_dict"):
        return False
    receiver = node.func.value
    while isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute) and \
            receiver.func.attr in SELF_RETURNING_METHODS:
        receiver = receiver.func.value  # `copy.deepcopy(m).cpu()` returns the copy
    if isinstance(receiver, ast.Call) and (dotted_ast(receiver.func) or "").endswith("deepcopy"):
        return False  # `copy.deepcopy(model).state_dict()` is a real snapshot
    return True


def _touches(node: ast.AST, tainted: Dict[str, int], producers: Set[str]) -> bool:
    for inner in ast.walk(node):
        if _is_source(inner, producers):
            return True
        if isinstance(inner, (ast.Name, ast.Attribute)) and dotted_ast(inner) in tainted:
            return True
    return False


def _root(target: ast.AST) -> Tuple[Optional[str], int]:
    """`sd["a"][0]` -> ("sd", 2): the name under the subscripts, and how many there are."""
    depth = 0
    while isinstance(target, ast.Subscript):
        depth += 1
        target = target.value
    return dotted_ast(target), depth


def _taint(code: Walked, producers: Set[str], shared: Dict[str, int]) -> Dict[str, int]:
    """Names and attributes that may hold something from a state_dict (see the module),
    each with the fewest subscripts below it that reach a tensor: 1 for a value of unknown
    shape, 2 for a state_dict itself (`sd[k]` is a tensor), one more per container level
    it was stored into (`history.append(sd)`: `history[i][k]` is a tensor)."""
    if not shared and not any(_is_source(c, producers) for c in code.of(ast.Call)):
        return {}
    flows: List[Tuple[ast.AST, List[ast.AST], int]] = []  # (read, bound to, levels below)
    # names bound to a new object (`holder = Snapshot()`): a method of it given a state_dict
    # may keep it on the object (`holder.keep(sd)` storing `self.state`)
    made = {t.id for n in code.nodes if isinstance(n, ast.Assign) and
            isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
            for t in n.targets if isinstance(t, ast.Name)}
    for node in code.nodes:
        if isinstance(node, ast.Assign):
            flows.extend((node.value, [t], 0) for t in node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
            flows.append((node.value, [node.target], 0))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            flows.append((node.iter, [node.target], -1))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            flows.append((node.context_expr, [node.optional_vars], -1))
        elif isinstance(node, ast.NamedExpr):
            flows.append((node.value, [node.target], 0))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in _STORES:
            flows.extend((a, [node.func.value], 1) for a in node.args)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Name) and node.func.value.id in made and \
                node.func.attr not in _CONSUMERS:
            flows.extend((a, [node.func.value], 1) for a in node.args)
    tainted = dict(shared)
    grew = True
    while grew:
        grew = False
        for value, targets, below in flows:
            level = _level(value, tainted, producers)
            if level is None:
                continue
            for key, depth in _bound(targets):
                # A loop variable or `with` target: an element, whatever shape: 1.
                found = 1 if below < 0 else max(1, level + below + depth)
                if found < tainted.get(key, 99):
                    tainted[key] = found
                    grew = True
    return tainted


def _level(value: ast.AST, tainted: Dict[str, int], producers: Set[str]) -> Optional[int]:
    """None when `value` holds nothing from a state_dict; else its level (see `_taint`)."""
    if isinstance(value, ast.Call) and _is_source(value, producers):
        return 2 if isinstance(value.func, ast.Attribute) and \
            value.func.attr == "state_dict" else 1
    key = dotted_ast(value) if isinstance(value, (ast.Name, ast.Attribute)) else None
    if key is not None and key in tainted:
        return tainted[key]
    return 1 if _touches(value, tainted, producers) else None


def _bound(targets: List[ast.AST]) -> Iterator[Tuple[str, int]]:
    """What binding targets bind, with the subscripts stored through (`d[k] = v`: d, 1)."""
    for target in targets:
        if isinstance(target, (ast.Tuple, ast.List)):
            yield from ((k, 0) for k, _ in _bound(list(target.elts)))
        elif isinstance(target, ast.Starred):
            yield from _bound([target.value])
        else:
            key, depth = _root(target)
            if key is not None:
                yield key, depth
