"""What one module contributes to the project model, read from its `ast` alone.

An entry is a pure function of the module's text (no paths, no other modules), so it can be
cached by content hash and computed in parallel worker processes. It is made of plain
tuples, dicts and strings: stored as JSON (`cache_schema.py`), nothing to import when loaded.

Entry layout (`ModuleEntry`):

- `"imports"`: local name -> `(level, module, name)`; `level` 0 for absolute imports,
  `name` None for `import a.b as c` (the module itself).
- `"classes"`: name -> `{"line": int, "bases": [dotted], "methods": {name: [params]},
  "decorators": [dotted], "attr_params": {attr: param}, "defaults": {param: Value},
  "composes": param or None}` for top-level classes; `params` exclude `self`.
  `attr_params`: `self.attr = param` in `__init__`; `defaults`: `__init__`'s default
  values; `composes`: the `__init__` parameter holding a list of callables that `__call__`
  calls in turn, threading the value (`for t in self.transforms: x = t(x)`), also where
  `__init__` fills that attribute member by member from the parameter (`for t in
  transforms: self.transforms.append(build_from_cfg(t, PIPELINES))`);
  `builds_from`: the registries (dotted, as written) `__init__` builds config dicts from
  (`build_from_cfg(cfg, R)`, `R.build(cfg)`); `attr_wrapped`: `self.attr = Wrap(param)`
  in `__init__`, attribute -> `(Wrap dotted, param)` (`self.pipeline = Compose(pipeline)`).
- `"functions"`: name -> `[params]` for top-level functions.
- `"registrations"`: `[(registry dotted, (names...), class dotted)]`, one per
  `@R.register_module(...)` on a top-level class and per module-level
  `R.register_module(module=Cls)` call (mmengine's `Registry.register_module(name=None,
  force=False, module=None)`); `names` empty: the class's own name.
- `"assigns"`: name -> `Value` for module-level names bound exactly once, by a plain
  `name = value` (a config module's `train_pipeline = [dict(type=...)]`).

`calls_named(tree, name)` gives, on demand, the calls of a module whose dotted callee ends in
`name` (construction sites): `[(callee dotted, line, args, keywords)]`, `args` a list of
`Value`s, `keywords` a dict name -> `Value`.

`Value` describes an argument: `("call", callee dotted, args, keywords)`,
`("list", [Value])`, `("dict", {key: Value})` (a literal whose keys are all strings),
`("name", dotted)`, `("const", repr)`, or `("other",)`.
"""

import ast
from typing import AbstractSet, Any, Dict, List, Optional, Tuple, TypedDict, Union

from ..core.names import dotted_ast

AnyDef = Union[ast.FunctionDef, ast.AsyncFunctionDef]
Value = tuple  # `("call", callee, args, keywords)`, `("name", dotted)`, ... (above)
ClassEntry = Dict[str, Any]  # `"line"`, `"bases"`, `"methods"`, ... (above)


class ModuleEntry(TypedDict):
    imports: Dict[str, Tuple[int, str, Optional[str]]]  # local name -> (level, module, name)
    classes: Dict[str, ClassEntry]
    functions: Dict[str, List[str]]  # name -> params
    registrations: List[Tuple[str, Tuple[str, ...], str]]  # (registry, names, class)
    assigns: Dict[str, Value]


ENTRY_VERSION = 4  # bump when the layout changes: cached entries of other versions are ignored
_VALUE_DEPTH = 4


def module_entry(tree: ast.Module) -> ModuleEntry:
    """The entry of one parsed module."""
    entry: ModuleEntry = {"imports": {}, "classes": {}, "functions": {}, "registrations": [],
                          "assigns": _assigned_once(tree.body)}
    imports = entry["imports"]
    for node in _module_level(tree.body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    imports[alias.asname] = (0, alias.name, None)
                else:
                    head = alias.name.split(".")[0]
                    imports.setdefault(head, (0, head, None))
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name != "*":
                    imports[alias.asname or alias.name] = (node.level, node.module or "",
                                                           alias.name)
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef):
            methods: Dict[str, List[str]] = {}
            for member in stmt.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    methods[member.name] = _params(member)[1:]
            entry["classes"][stmt.name] = {
                **_constructor_facts(stmt),
                "line": stmt.lineno,
                "bases": [dotted_ast(b.value if isinstance(b, ast.Subscript) else b) or ""
                          for b in stmt.bases],
                "methods": methods,
                "decorators": [dotted_ast(d.func if isinstance(d, ast.Call) else d) or ""
                               for d in stmt.decorator_list],
            }
            for decorator in stmt.decorator_list:
                found = _registration(decorator, stmt.name)
                if found is not None:
                    entry["registrations"].append(found)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            entry["functions"][stmt.name] = _params(stmt)
        elif isinstance(stmt, ast.Expr):
            found = _registration(stmt.value, None)
            if found is not None:
                entry["registrations"].append(found)
    return entry


def _registration(node: ast.expr, class_name: Optional[str]
                  ) -> Optional[Tuple[str, Tuple[str, ...], str]]:
    """`R.register_module(name=..., force=..., module=...)`: `(R, names, class)`. On a class
    (`class_name`), the decorator form; at module level, the `module=` form."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and
            node.func.attr == "register_module"):
        return None
    registry = dotted_ast(node.func.value)
    arguments = dict(zip(("name", "force", "module"), node.args))
    arguments.update((k.arg, k.value) for k in node.keywords if k.arg)
    module = arguments.get("module")
    if registry is None or (module is None) == (class_name is None):
        return None
    cls = class_name if module is None else dotted_ast(module)
    name = arguments.get("name")
    if cls is None:
        return None
    if name is None or (isinstance(name, ast.Constant) and name.value is None):
        return (registry, (), cls)
    elements = name.elts if isinstance(name, (ast.List, ast.Tuple)) else [name]
    names = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if len(names) != len(elements):
        return None  # a computed name: nothing is known about it
    return (registry, tuple(names), cls)


def _assigned_once(body: List[ast.stmt]) -> Dict[str, tuple]:
    """Module-level names bound by exactly one plain `name = value` and nothing else."""
    counts: Dict[str, int] = {}
    values: Dict[str, tuple] = {}
    for stmt in _module_level(body):
        targets: List[ast.expr] = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
            targets = [stmt.target]
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            counts[stmt.name] = counts.get(stmt.name, 0) + 2
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name):
                    counts[node.id] = counts.get(node.id, 0) + 1
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], ast.Name):
            values[stmt.targets[0].id] = _value(stmt.value, 0)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                local = (alias.asname or alias.name).split(".")[0]
                counts[local] = counts.get(local, 0) + 2
    return {name: value for name, value in values.items() if counts.get(name) == 1}


def _module_level(body: List[ast.stmt]):
    """Statements that run at import time: the module's own, and those inside its `if`,
    `try` and `with` blocks (not inside functions or classes)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.If, ast.Try, ast.With)) or type(stmt).__name__ == "TryStar":
            for field in ("body", "orelse", "finalbody"):
                yield from _module_level(getattr(stmt, field, None) or [])
            for handler in getattr(stmt, "handlers", ()):
                yield from _module_level(handler.body)


def calls_named(tree: ast.Module, name: str) -> List[tuple]:
    """Calls whose dotted callee ends in `name`: `(callee, line, args, keywords)`.

    An argument that is a local variable of the enclosing function, bound there once by a
    plain assignment (`tfm = Compose([...]); Data(transform=tfm)`), is described by the
    value bound to it, as is a subscript of such a dict literal by a constant key (`cfg =
    {"transform": Step()}; Data(transform=cfg["transform"])`) and a call of a class looked
    up in a dict literal (`TRANSFORMS["step"]()`)."""
    return calls_named_any(tree, {name}).get(name, [])


def calls_named_any(tree: ast.Module, names: AbstractSet[str]) -> Dict[str, List[tuple]]:
    """`calls_named` for each of `names`, in one walk of the tree: name -> its calls."""
    found: Dict[str, List[tuple]] = {}
    module_env: Optional[Dict[str, ast.expr]] = None
    for scope, body in _scopes(tree):
        calls = []
        for node in _walk_scope(body):
            if isinstance(node, ast.Call):
                short = (dotted_ast(node.func) or "").rpartition(".")[2]
                if short in names:
                    calls.append((short, node))
        if not calls:
            continue  # what the scope binds matters only where it makes such a call
        if module_env is None:
            module_env = _bound_once(tree.body)
        env = module_env
        if scope is not tree:
            local = _bound_once(body)
            hidden = set(_params(scope)) | _stored_names(body)
            env = {**{k: v for k, v in module_env.items() if k not in hidden}, **local}
        for short, node in calls:
            found.setdefault(short, []).append((
                dotted_ast(node.func), node.lineno, [_value(a, 0, env) for a in node.args],
                {k.arg: _value(k.value, 0, env) for k in node.keywords if k.arg is not None}))
    return found


def _scopes(tree: ast.Module):
    """The module and every function in it, each with its own body."""
    yield tree, tree.body
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node, node.body


def _walk_scope(body: List[ast.stmt], classes: bool = True):
    """Every node of a scope's body, not entering nested functions (their own scopes), nor
    class bodies unless `classes`."""
    skip = (ast.FunctionDef, ast.AsyncFunctionDef) if classes else (
        ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    todo: List[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, skip):
                todo.append(child)


def _stored_names(body: List[ast.stmt]) -> set:
    return {n.id for n in _walk_scope(body, classes=False)
            if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}


def _bound_once(body: List[ast.stmt]) -> Dict[str, ast.expr]:
    """Names of a scope bound exactly once, by a plain `name = value`, and by nothing else
    (a loop, `with`, an augmented or tuple assignment): their value is known wherever read."""
    values: Dict[str, ast.expr] = {}
    other: set = set()
    for node in _walk_scope(body, classes=False):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            if target in values:
                other.add(target)
            values[target] = node.value
    for node in _walk_scope(body, classes=False):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            continue
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.With,
                             ast.comprehension, ast.NamedExpr)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
                    other.add(inner.id)
    return {k: v for k, v in values.items() if k not in other}


def _params(func: AnyDef) -> List[str]:
    args = func.args
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]


def _value(node: ast.expr, depth: int, env: Optional[Dict[str, ast.expr]] = None) -> tuple:
    if depth > _VALUE_DEPTH:
        return ("other",)
    env = env or {}
    if isinstance(node, ast.Name) and node.id in env:
        return _value(env[node.id], depth + 1, env)
    if isinstance(node, ast.Subscript):
        entry = _dict_entry(node, env)
        if entry is not None:
            return _value(entry, depth + 1, env)
    if isinstance(node, ast.Call):
        callee = dotted_ast(node.func)
        if callee is None and isinstance(node.func, ast.Subscript):
            entry = _dict_entry(node.func, env)
            callee = dotted_ast(entry) if entry is not None else None
        if callee is None:
            return ("other",)
        return ("call", callee, [_value(a, depth + 1, env) for a in node.args],
                {k.arg: _value(k.value, depth + 1, env) for k in node.keywords if k.arg})
    if isinstance(node, (ast.List, ast.Tuple)):
        return ("list", [_value(e, depth + 1, env) for e in node.elts])
    if isinstance(node, ast.Dict):
        keys = [k.value for k in node.keys
                if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        if len(keys) != len(node.keys):
            return ("other",)  # `**spread` or computed keys: the entries are not known
        return ("dict", {k: _value(v, depth + 1, env) for k, v in zip(keys, node.values)})
    if isinstance(node, ast.Constant):
        return ("const", repr(node.value)[:80])
    name: Optional[str] = dotted_ast(node)
    if name is not None:
        return ("name", name)
    return ("other",)


def _dict_entry(node: ast.Subscript, env: Dict[str, ast.expr], depth: int = 0
                ) -> Optional[ast.expr]:
    """The entry `d[key]` names where `d` is a dict literal bound once (a local of the
    function, or the module's registry dict in `env`) and `key` a constant string, itself
    possibly read from such a dict (`REGISTRY[cfg["name"]]`)."""
    if depth > _VALUE_DEPTH:
        return None
    key: Optional[ast.expr] = node.slice
    if isinstance(key, ast.Subscript):
        key = _dict_entry(key, env, depth + 1)
    elif isinstance(key, ast.Name):
        key = env.get(key.id)
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return None
    table: Optional[ast.expr] = node.value
    if isinstance(table, ast.Name):
        table = env.get(table.id)
    if not isinstance(table, ast.Dict):
        return None
    for k, v in zip(table.keys, table.values):
        if isinstance(k, ast.Constant) and k.value == key.value:
            return v
    return None


def _constructor_facts(cls: ast.ClassDef) -> dict:
    methods = {m.name: m for m in cls.body if isinstance(m, (ast.FunctionDef,
                                                             ast.AsyncFunctionDef))}
    attr_params: dict = {}
    defaults: dict = {}
    init = methods.get("__init__")
    if init is not None and init.args.args:
        positional = init.args.posonlyargs + init.args.args
        for arg, default in zip(positional[len(positional) - len(init.args.defaults):],
                                init.args.defaults):
            defaults[arg.arg] = _value(default, 0)
        for arg, kw_default in zip(init.args.kwonlyargs, init.args.kw_defaults):
            if kw_default is not None:
                defaults[arg.arg] = _value(kw_default, 0)
        attr_params = attributes_from_params(init)
    filled = _filled_from_params(init) if init is not None else {}
    return {"attr_params": attr_params, "defaults": defaults,
            "composes": _composed_param(methods, {**filled, **attr_params}),
            "builds_from": _registries_built_from(init) if init is not None else [],
            "attr_wrapped": _wrapped_params(init) if init is not None else {}}


def attributes_from_params(init: AnyDef) -> Dict[str, str]:
    """`self.attr = param` (or `list(param)`, `param or default`) in `__init__`:
    attribute -> the constructor parameter it keeps."""
    if not init.args.args:
        return {}
    self_name, params = _self_and_params(init)
    found: Dict[str, str] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            attr = _self_attr(node.targets[0], self_name)
            param = _param_in(node.value, params)
            if attr and param:
                found[attr] = param
    return found


def _filled_from_params(init: AnyDef) -> Dict[str, str]:
    """`for t in param: ... self.attr.append(...)` in `__init__`: attribute -> the
    parameter whose members it is filled with, one by one (mmdet's `Compose`)."""
    if not init.args.args:
        return {}
    self_name, params = _self_and_params(init)
    found: Dict[str, str] = {}
    for loop in ast.walk(init):
        if not (isinstance(loop, ast.For) and isinstance(loop.iter, ast.Name) and
                loop.iter.id in params):
            continue
        for node in ast.walk(loop):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr == "append":
                attr = _self_attr(node.func.value, self_name)
                if attr:
                    found[attr] = loop.iter.id
    return found


def _registries_built_from(init: AnyDef) -> List[str]:
    """The registries `__init__` builds config dicts from: `build_from_cfg(cfg, R)` and
    `R.build(cfg)` (dotted, as written)."""
    found: List[str] = []
    for node in ast.walk(init):
        if not isinstance(node, ast.Call):
            continue
        registry = build_registry(node)
        if registry is not None and registry not in found:
            found.append(registry)
    return found


def build_registry(call: ast.Call) -> Optional[str]:
    """`R` of `build_from_cfg(cfg, R)` or `R.build(cfg)` (dotted, as written), else None."""
    callee = dotted_ast(call.func)
    if callee is None:
        return None
    if callee.rpartition(".")[2] == "build_from_cfg" and len(call.args) >= 2:
        return dotted_ast(call.args[1])
    if callee.endswith(".build") and len(call.args) == 1:
        return callee.rpartition(".")[0]
    return None


def _wrapped_params(init: AnyDef) -> Dict[str, tuple]:
    """`self.attr = Wrap(param)` in `__init__`: attribute -> `(Wrap dotted, param)`."""
    if not init.args.args:
        return {}
    self_name, params = _self_and_params(init)
    found: Dict[str, tuple] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.value, ast.Call) and len(node.value.args) == 1:
            attr = _self_attr(node.targets[0], self_name)
            wrap = dotted_ast(node.value.func)
            param = _param_in(node.value.args[0], params)
            if attr and wrap and param:
                found[attr] = (wrap, param)
    return found


def _self_and_params(init: AnyDef):
    """`__init__`'s own name for the instance, and its other parameters."""
    return init.args.args[0].arg, set(_params(init)[1:])


def _self_attr(node: ast.expr, self_name: str) -> Optional[str]:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
            node.value.id == self_name:
        return node.attr
    return None


def _param_in(value: ast.expr, params) -> Optional[str]:
    """`p`, `list(p)`, `p if ... else ...`, `p or default`: the parameter the value keeps."""
    if isinstance(value, ast.Name):
        return value.id if value.id in params else None
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and \
            value.func.id in ("list", "tuple") and len(value.args) == 1:
        return _param_in(value.args[0], params)
    if isinstance(value, ast.IfExp):
        return _param_in(value.body, params) or _param_in(value.orelse, params)
    if isinstance(value, ast.BoolOp):
        return next((p for p in (_param_in(v, params) for v in value.values) if p), None)
    return None


def _composed_param(methods: dict, attr_params: dict) -> Optional[str]:
    """The parameter whose callables `__call__` applies in turn: a loop over `self.attr`
    whose body rebinds the threaded name to the loop variable called on it."""
    call = methods.get("__call__")
    if call is None or len(call.args.args) < 2:
        return None
    self_name = call.args.args[0].arg
    for node in ast.walk(call):
        if not isinstance(node, ast.For) or not isinstance(node.target, ast.Name):
            continue
        attr = _self_attr(node.iter, self_name)
        if attr not in attr_params:
            continue
        for inner in ast.walk(node):
            if not (isinstance(inner, ast.Assign) and len(inner.targets) == 1 and
                    isinstance(inner.targets[0], ast.Name) and
                    isinstance(inner.value, ast.Call)):
                continue
            if _calls_with(inner.value, node.target.id, inner.targets[0].id):
                return attr_params[attr]
    return None


def _calls_with(call: ast.Call, func: str, value: str) -> bool:
    """`t(x)`, or `apply(t, x)` (a helper handed the transform and the value)."""
    names = [a.id for a in call.args if isinstance(a, ast.Name)]
    if isinstance(call.func, ast.Name) and call.func.id == func:
        return value in names
    return func in names and value in names
