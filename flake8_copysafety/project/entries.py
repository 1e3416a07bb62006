"""What one module contributes to the project model, read from its `ast` alone.

An entry is a pure function of the module's text (no paths, no other modules), so it can be
cached by content hash and computed in parallel worker processes. It is made of plain
tuples, dicts and strings: cheap to pickle, nothing to import when loaded.

Entry layout (`ModuleEntry`, a dict):

- `"imports"`: local name -> `(level, module, name)`; `level` 0 for absolute imports,
  `name` None for `import a.b as c` (the module itself).
- `"classes"`: name -> `{"line": int, "bases": [dotted], "methods": {name: [params]},
  "decorators": [dotted], "attr_params": {attr: param}, "defaults": {param: Value},
  "composes": param or None}` for top-level classes; `params` exclude `self`.
  `attr_params`: `self.attr = param` in `__init__`; `defaults`: `__init__`'s default
  values; `composes`: the `__init__` parameter holding a list of callables that `__call__`
  calls in turn, threading the value (`for t in self.transforms: x = t(x)`).
- `"functions"`: name -> `[params]` for top-level functions.

`calls_named(tree, name)` gives, on demand, the calls of a module whose dotted callee ends in
`name` (construction sites): `[(callee dotted, line, args, keywords)]`, `args` a list of
`Value`s, `keywords` a dict name -> `Value`.

`Value` describes an argument: `("call", callee dotted, args, keywords)`,
`("list", [Value])`, `("name", dotted)`, `("const", repr)`, or `("other",)`.
"""

import ast
from typing import Any, Dict, List, Optional

from ..core.names import dotted_ast

ModuleEntry = Dict[str, Any]
ENTRY_VERSION = 3  # bump when the layout changes: cached entries of other versions are ignored
_VALUE_DEPTH = 4


def module_entry(tree: ast.Module) -> ModuleEntry:
    """The entry of one parsed module."""
    entry: ModuleEntry = {"imports": {}, "classes": {}, "functions": {}}
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
            methods = {}
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
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            entry["functions"][stmt.name] = _params(stmt)
    return entry


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
    """Calls whose dotted callee ends in `name`: `(callee, line, args, keywords)`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = dotted_ast(node.func)
            if callee and callee.rpartition(".")[2] == name:
                found.append((callee, node.lineno, [_value(a, 0) for a in node.args],
                              {k.arg: _value(k.value, 0) for k in node.keywords
                               if k.arg is not None}))
    return found


def _params(func: ast.AST) -> List[str]:
    args = func.args
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]


def _value(node: ast.expr, depth: int) -> tuple:
    if depth > _VALUE_DEPTH:
        return ("other",)
    if isinstance(node, ast.Call):
        callee = dotted_ast(node.func)
        if callee is None:
            return ("other",)
        return ("call", callee, [_value(a, depth + 1) for a in node.args],
                {k.arg: _value(k.value, depth + 1) for k in node.keywords if k.arg})
    if isinstance(node, (ast.List, ast.Tuple)):
        return ("list", [_value(e, depth + 1) for e in node.elts])
    if isinstance(node, ast.Constant):
        return ("const", repr(node.value)[:80])
    name: Optional[str] = dotted_ast(node)
    if name is not None:
        return ("name", name)
    return ("other",)


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
        for arg, default in zip(init.args.kwonlyargs, init.args.kw_defaults):
            if default is not None:
                defaults[arg.arg] = _value(default, 0)
        attr_params = attributes_from_params(init)
    return {"attr_params": attr_params, "defaults": defaults,
            "composes": _composed_param(methods, attr_params)}


def attributes_from_params(init: ast.FunctionDef) -> Dict[str, str]:
    """`self.attr = param` (or `list(param)`, `param or default`) in `__init__`:
    attribute -> the constructor parameter it keeps."""
    if not init.args.args:
        return {}
    self_name = init.args.args[0].arg
    params = set(_params(init)[1:])
    found: Dict[str, str] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            attr = _self_attr(node.targets[0], self_name)
            param = _param_in(node.value, params)
            if attr and param:
                found[attr] = param
    return found


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
