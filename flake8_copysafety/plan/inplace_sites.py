"""Where a function may change something in place, read from the `ast` (no libcst).

The plan uses it to leave out code whose only in-place changes touch objects the function
made itself (`batch = []; batch.append(x)`, `offset = 0; offset += n`) or parameters that are
never handed stored data (a helper doing `idx %= size` on the index it was given). Anything
it cannot tell apart counts as a change that may reach anything: the libcst analysis
decides the rest.
"""

import ast
from typing import FrozenSet, Iterator, List, NamedTuple, Optional, Set, Tuple

from ..facts import semantics as sem

# Method names that change something in place (any receiver).
_MUTATOR_NAMES = frozenset(
    set().union(*sem.MUTATING_METHODS.values()) | sem.CONTAINER_MUTATORS | {"pop", "shuffle"}
    | {name.rpartition(".")[2] for name in sem.MUTATING_FUNCTIONS}
)
IN_PLACE_KEYWORDS = sem.OUTPUT_KEYWORDS | {sem.INPLACE_KEYWORD}
# Values that are always a new object: changing one changes nothing anyone else holds.
_FRESH = (ast.Constant, ast.List, ast.Dict, ast.Set, ast.Tuple, ast.ListComp, ast.DictComp,
          ast.SetComp, ast.JoinedStr)


class Site(NamedTuple):
    """One in-place change. `name` is set when a named object changes itself (`x.append(v)`,
    `x += 1`, `x[i] = v`, `del x[i]`); None when the change may reach through it into
    something it holds (`x[i].mul_()`, `x[i] += 1`, `self.x += 1`, `out=`)."""

    node: ast.AST
    name: Optional[str]


def _is_mutator_name(name: str) -> bool:
    return name in _MUTATOR_NAMES or (name.endswith("_") and not name.startswith("__"))


def change_sites(root: ast.AST) -> Iterator[Site]:
    """Every in-place change under `root`, nested functions included."""
    for node in ast.walk(root):
        if isinstance(node, ast.AugAssign):
            target = node.target
            yield Site(node, target.id if isinstance(target, ast.Name) else None)
        elif isinstance(node, ast.Delete):
            for deleted in node.targets:
                for sub in _stored_subscripts(deleted, ast.Del):
                    yield Site(node, _plain_name(sub.value))
                if isinstance(deleted, ast.Attribute):
                    yield Site(node, None)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for assigned in targets:
                for sub in _stored_subscripts(assigned, ast.Store):
                    yield Site(node, _plain_name(sub.value))
        elif isinstance(node, ast.Call):
            func = node.func
            if any(k.arg in IN_PLACE_KEYWORDS for k in node.keywords):
                yield Site(node, None)
            elif isinstance(func, ast.Attribute) and _is_mutator_name(func.attr):
                yield Site(node, _plain_name(func.value))
            elif isinstance(func, ast.Name) and _is_mutator_name(func.id):
                yield Site(node, None)  # `shuffle(x)`, `zeros_(w)`: an argument changes


def _stored_subscripts(target: ast.AST, context: type) -> Iterator[ast.Subscript]:
    for node in ast.walk(target):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, context):
            yield node


def _plain_name(node: ast.AST) -> Optional[str]:
    return node.id if isinstance(node, ast.Name) else None


def parameters(func: ast.AST) -> List[str]:
    """Parameter names in order: positional ones first, then *args, keyword-only, **kwargs."""
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        return []
    args = func.args
    names = [a.arg for a in args.posonlyargs + args.args]
    if args.vararg:
        names.append(args.vararg.arg)
    names.extend(a.arg for a in args.kwonlyargs)
    if args.kwarg:
        names.append(args.kwarg.arg)
    return names


def _is_new_object(value: ast.expr, first_param: List[str]) -> bool:
    """A literal or display, or a method call that the semantics table says returns a real
    copy whatever its receiver is (`x.clone()`; `x.astype(t)` without `copy=`). Not on the
    function's first parameter: `self.clone()` may be the class's own method."""
    if isinstance(value, _FRESH):
        return True
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)):
        return False
    fact = sem.METHOD_FACTS.get(value.func.attr)
    if fact is None or not fact.always_copies:
        return False
    if fact.copy_kwarg and any(k.arg in ("copy", None) for k in value.keywords):
        return False
    receiver = value.func.value
    return not (isinstance(receiver, ast.Name) and [receiver.id] == first_param)


class Bindings:
    """How each name of a function is bound, for telling its own objects from others'."""

    def __init__(self, func: ast.AST) -> None:
        self.params = set(parameters(func))
        plain: List[Tuple[str, ast.expr]] = []  # `name = value` (a whole-name target)
        accounted: Set[int] = set()  # Name nodes bound by `name = value` or `name op= value`
        declared: Set[str] = set()  # bound some other way: imports, defs, `global`, ...
        for node in ast.walk(func):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        accounted.add(id(target))
                        plain.append((target.id, node.value))
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                accounted.add(id(node.target))  # a change of the object, or a new one
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                declared.update(node.names)
            elif isinstance(node, ast.alias):
                declared.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, ast.arg) and node.arg not in self.params:
                declared.add(node.arg)  # a nested function's or lambda's parameter
            else:
                name = getattr(node, "name", None)  # defs, `except E as name`, match captures
                if isinstance(name, str):
                    declared.add(name)
                rest = getattr(node, "rest", None)  # `case {**rest}`
                if isinstance(rest, str):
                    declared.add(rest)
        declared |= {n.id for n in ast.walk(func) if isinstance(n, ast.Name)
                     and not isinstance(n.ctx, ast.Load) and id(n) not in accounted}
        local_names = self.params | declared | {name for name, _ in plain}
        first = parameters(func)[:1]
        verdicts = [(name, _is_new_object(value, first)) for name, value in plain]
        fresh = {name for name, new in verdicts if new}
        not_fresh = {name for name, new in verdicts if not new}
        # Names only ever bound to new objects (`[]`, `0`, `{...}`, `x.clone()`): the
        # function's own.
        self.fresh_only: Set[str] = fresh - not_fresh - declared - self.params
        # Parameters rebound only from themselves (`idx = operator.index(idx)`): what they
        # change is what the caller handed in, nothing else.
        self.own_param: Set[str] = {
            p for p in self.params - declared
            if all({n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
                   & local_names <= {p} for name, value in plain if name == p)
        }


def changed_params(func: ast.AST) -> Optional[FrozenSet[str]]:
    """The parameters `func` may change in place (only themselves, not what they hold), or
    None when a change may reach anything (stored data through `self`, a local alias, ...).
    An empty set: it changes only objects it made."""
    sites = list(change_sites(func))
    if not sites:
        return frozenset()
    bindings = Bindings(func)
    changed: Set[str] = set()
    for site in sites:
        if site.name is None:
            return None
        if site.name in bindings.fresh_only:
            continue
        if site.name in bindings.own_param:
            changed.add(site.name)
            continue
        return None
    return frozenset(changed)
