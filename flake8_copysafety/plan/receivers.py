"""Which receivers of `state_dict()` are torch modules or optimizers, shown from the `ast`.

Other objects have `state_dict()` methods too (training loops, trackers, schedulers) that
build new plain dicts on every call; CPS2xx applies only where the receiver is shown to be
an `nn.Module` or a `torch.optim.Optimizer`. Evidence, per function (def path) and per
class attribute (`self.x`, set in any method):

- construction: a `torch.nn`/`torchvision.models` constructor, a `torch.optim` optimizer, a
  class deriving from `nn.Module`/`Optimizer` (in this module, or in a project module it
  imports), `copy.deepcopy(module)`, `module.to(...)`/`.cuda()`/`.eval()` (they return it);
- use: `.parameters()`, `.named_parameters()`, `.buffers()`, `.modules()`, `.children()`,
  `.forward(...)`, `.to(...)`, `.cuda()`, `.train()`, `.eval()` (modules), `.param_groups`
  (optimizers); `self` in a class deriving from `nn.Module`;
- a parameter given such a value at a call in this module (functions, constructors,
  methods of instances, `instance(...)`), and, for a class that keeps a parameter's
  state_dict on itself (a snapshot holder), at calls in the project modules beside it.

Anything else — a parameter nobody is seen passing a module to — is unknown: no finding.
"""

import ast
from pathlib import Path
from typing import (Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Protocol, Set, Tuple,
                    Union)

from ..core.names import ImportTable, class_ancestors, dotted_ast
from ..facts import frameworks as fw
from ..facts import module_changes as mc
from ..project.module_paths import project_file
from ..project.model import project_model_for

MODULE, OPTIMIZER = "module", "optimizer"
_INSTANCE = "instance:"
# Packages whose functions' results moved with `.to(...)` are tensors, not modules.
_TENSOR_PACKAGES = frozenset({"torch"})
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)
_ROUNDS = 6  # propagation through call sites: enough for helpers of helpers
_NEARBY_LIMIT = 300  # project files read when looking for a holder's callers
_NEARBY_BYTES = 1_000_000
DefPath = Tuple[str, ...]
# The nodes evidence is read from: bindings, calls, attribute reads.
_RELEVANT = (ast.Assign, ast.AnnAssign, ast.NamedExpr, ast.Call, ast.Attribute, ast.comprehension,
             ast.For)


class _Scope:
    def __init__(self, path: DefPath, node: Union[ast.Module, ast.ClassDef, ast.FunctionDef,
                                                  ast.AsyncFunctionDef],
                 cls: Optional[str]) -> None:
        self.path = path
        self.node = node
        self.cls = cls  # the class, for a method
        self.names: Dict[str, str] = {}
        self.self_name: Optional[str] = None
        self.params: List[str] = []
        self.keyword_params: Set[str] = set()
        self.trains = False  # steps an optimizer or calls a training function
        self.state_dict_receivers: Optional[Set[Optional[str]]] = None
        self.classes_of: Dict[str, str] = {}  # names bound to instances of this module's classes
        if isinstance(node, _DEFS):
            args = node.args.posonlyargs + node.args.args
            names = [a.arg for a in args]
            static = any(dotted_ast(d) == "staticmethod" for d in node.decorator_list)
            if cls is not None and names and not static:
                self.self_name = names[0]
                names = names[1:]
            self.params = names
            self.keyword_params = set(names) | {a.arg for a in node.args.kwonlyargs}
        self.nodes: List[ast.AST] = [n for n in _own_nodes(
            node.body if isinstance(node, _DEFS) else
            [s for s in node.body if not isinstance(s, (ast.ClassDef,) + _DEFS)])
            if isinstance(n, _RELEVANT)]


def _own_nodes(body: List[ast.stmt]) -> Iterator[ast.AST]:
    """Every node of these statements, not entering nested functions and classes."""
    stack: List[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.ClassDef, ast.Lambda) + _DEFS):
                stack.append(child)


class Receivers(Protocol):
    """What the analysis asks of the receiver evidence (`LiveReceivers`, or the engine's
    recording of its answers)."""

    outside_reads: Dict[str, Set[str]]

    def kind(self, path: DefPath, receiver: str) -> Optional[str]: ...

    def param_class(self, path: DefPath, name: str) -> Optional[str]: ...

    def given_from_outside(self, path: DefPath, receiver: str) -> bool: ...

    def method_trains(self, path: DefPath, method: str) -> bool: ...

    def class_method_trains(self, cls: str, method: str) -> bool: ...

    def method_loads(self, path: DefPath, method: str) -> FrozenSet[str]: ...

    def stepped_by_class(self, path: DefPath, receiver: str) -> bool: ...

    def trained_between_calls(self, path: DefPath) -> bool: ...

    def class_kind(self, name: Optional[str]) -> Optional[str]: ...

    def training_methods(self) -> FrozenSet[str]: ...


class LiveReceivers:
    """Evidence that names are modules or optimizers, per def path (`()`: module level)."""

    def __init__(self, tree: ast.Module, imports: ImportTable, filename: Optional[str] = None,
                 nearby: bool = True) -> None:
        self.imports = imports
        self._project_kinds: Dict[str, Optional[str]] = {}
        self._training_methods: Optional[FrozenSet[str]] = None
        self.filename = filename
        self._nearby = nearby and filename is not None and bool(filename) and \
            not filename.startswith("<")
        self.classes: Dict[str, ast.ClassDef] = {}
        self.scopes: Dict[DefPath, _Scope] = {}
        self.attrs: Dict[str, Dict[str, str]] = {}
        # attributes of this module's classes read from outside (`stopper.best_state`)
        self.outside_reads: Dict[str, Set[str]] = {}
        self._class_kinds: Dict[str, Optional[str]] = {}
        self._class_dicts: Dict[Tuple[str, str], Set[str]] = {}
        # answers of `tag` and `class_of` for attribute chains, valid while `_version` (one
        # more for every binding learnt) stays the same: `_scan` asks about each node of
        # `self.a.a.a…`, and each answer needs the one of the shorter chain
        self._version = 0
        self._answers: Dict[Tuple[int, int, int], Tuple[int, ast.AST, Optional[str]]] = {}
        self._collect(tree.body, (), None)
        for name in self.classes:
            self.attrs.setdefault(name, {})
        self._callback_hooks: Set[DefPath] = set()
        for scope in self.scopes.values():
            self._annotated(scope)
            if scope.self_name and self.class_kind(scope.cls) == MODULE:
                scope.names[scope.self_name] = MODULE
                self._version += 1
            param = self._callback_module_param(scope.cls)
            if param and scope.path[-1].startswith("on_") and param in scope.keyword_params:
                scope.names[param] = MODULE  # the framework hands the module to its hooks
                self._version += 1
                self._callback_hooks.add(scope.path)
        self._propagate([])
        self._looked_nearby = False
        self._trained: Optional[Set[DefPath]] = None
        self._outside_trained: Set[DefPath] = set()
        self._optimizer_calls: Optional[Set[int]] = None
        self._live_calls: Optional[Set[int]] = None

    # ----- building -------------------------------------------------------------------
    def _qualified_kind(self, qualified: Optional[str], local: Optional[str]) -> Optional[str]:
        """MODULE/OPTIMIZER for a known base, a torch class, or a class of the project's
        other modules deriving from one (`local`: the name as this file spells it; each
        asked of the project model once)."""
        known = _known_kind(qualified)
        if known is not None or not local:
            return known
        return self._project_kind(local)

    def _project_kind(self, local: str) -> Optional[str]:
        """`_project_class_kind` of a name of this file, asked of the project model once per
        name: the propagation asks again for every call of it in every round."""
        if local not in self._project_kinds:
            self._project_kinds[local] = _project_class_kind(self.filename, local)
        return self._project_kinds[local]

    def _annotated(self, scope: _Scope) -> None:
        """Parameters annotated as a module or an optimizer (`model: nn.Module`,
        `opt: torch.optim.Optimizer`, a project class deriving from one)."""
        if not isinstance(scope.node, _DEFS):
            return
        args = scope.node.args
        for arg in args.posonlyargs + args.args + args.kwonlyargs:
            annotation = arg.annotation
            if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
                try:
                    annotation = ast.parse(annotation.value, mode="eval").body
                except SyntaxError:
                    continue
            if annotation is None or not isinstance(annotation, (ast.Name, ast.Attribute)):
                continue
            local = dotted_ast(annotation)
            kind = self._qualified_kind(self.imports.qualify_ast(annotation), local)
            if kind is None and local in self.classes:
                kind = self.class_kind(local)
            if kind in (MODULE, OPTIMIZER):
                scope.names[arg.arg] = kind

    def _delegate_kind(self, name: str) -> Optional[str]:
        """A wrapper class whose `state_dict()` returns a module's or an optimizer's
        (`return self.opt.state_dict()`): its instances hand out that live state."""
        cls = self.classes.get(name)
        if cls is None:
            return None
        for stmt in cls.body:
            if not (isinstance(stmt, _DEFS) and stmt.name == "state_dict" and stmt.args.args):
                continue
            self_name = stmt.args.args[0].arg
            for node in ast.walk(stmt):
                value = node.value if isinstance(node, ast.Return) else None
                if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
                        and value.func.attr == "state_dict"):
                    continue
                held = value.func.value
                if isinstance(held, ast.Attribute) and isinstance(held.value, ast.Name) and \
                        held.value.id == self_name:
                    kind = self.attrs.get(name, {}).get(held.attr)
                    if kind in (MODULE, OPTIMIZER):
                        return kind
        return None

    def _collect(self, body: List[ast.stmt], path: DefPath, cls: Optional[str]) -> None:
        if not path:
            self.scopes[()] = _Scope((), ast.Module(body=body, type_ignores=[]), None)
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                self.classes.setdefault(stmt.name, stmt)
                self._collect_class(stmt, path + (stmt.name,))
            elif isinstance(stmt, _DEFS):
                inner = path + (stmt.name,)
                self.scopes[inner] = _Scope(inner, stmt, cls)
                self._collect([s for s in stmt.body if isinstance(s, (ast.ClassDef,) + _DEFS)],
                              inner, None)

    def _collect_class(self, cls: ast.ClassDef, path: DefPath) -> None:
        for stmt in cls.body:
            if isinstance(stmt, _DEFS):
                inner = path + (stmt.name,)
                self.scopes[inner] = _Scope(inner, stmt, cls.name)
            elif isinstance(stmt, ast.ClassDef):
                self.classes.setdefault(stmt.name, stmt)
                self._collect_class(stmt, path + (stmt.name,))

    def class_kind(self, name: Optional[str]) -> Optional[str]:
        """MODULE or OPTIMIZER for a class of this module deriving from one (at any depth,
        through this module's classes and the project's modules)."""
        if name is None or name not in self.classes:
            return None
        if name not in self._class_kinds:
            self._class_kinds[name] = None
            found = None
            for member in class_ancestors(self.classes[name], _base_names, self.classes):
                for base in member.bases:
                    found = found or self._qualified_kind(self.imports.qualify_ast(base),
                                                          dotted_ast(base))
            self._class_kinds[name] = found
        return self._class_kinds[name]

    def _callback_module_param(self, name: Optional[str]) -> Optional[str]:
        if name is None or name not in self.classes:
            return None
        for member in class_ancestors(self.classes[name], _base_names, self.classes):
            for base in member.bases:
                found = fw.CALLBACK_BASES.get(self.imports.qualify_ast(base) or "")
                if found:
                    return found
        return None

    def _propagate(self, outside: List[Tuple[DefPath, str, str]]) -> None:
        """Bindings, uses and call sites, to a fixed point; `outside` adds tags given to
        parameters by callers in other modules."""
        for _ in range(_ROUNDS):
            grew = False
            for path, param, tag in outside:
                scope = self.scopes.get(path)
                if scope is not None and param not in scope.names:
                    scope.names[param] = tag
                    self._version += 1
                    grew = True
            for scope in self.scopes.values():
                grew |= self._scan(scope)
            if not grew:
                return

    def _scan(self, scope: _Scope) -> bool:
        grew = False
        for node in scope.nodes:
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
                value = node.value
                if value is None:
                    continue
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(
                            value, (ast.Tuple, ast.List)) and len(target.elts) == len(value.elts):
                        pairs = list(zip(target.elts, value.elts))
                    else:
                        pairs = [(target, value)]
                    for bound, source in pairs:
                        cls = self.class_of(scope, source)
                        key = dotted_ast(bound)
                        if cls and key and key not in scope.classes_of:
                            scope.classes_of[key] = cls
                            self._version += 1
                            grew = True
                        tag = self.tag(scope, source)
                        if tag is not None:
                            grew |= self._set(scope, dotted_ast(bound), tag)
            elif isinstance(node, (ast.comprehension, ast.For)):
                grew |= self._literal_loop(scope, node)
            elif isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute):
                    if func.attr in mc.MODULE_METHODS and self.tag(scope, func.value) != OPTIMIZER:
                        grew |= self._set(scope, dotted_ast(func.value), MODULE)
                    if func.attr == "step" or mc.TRAINING_CALL.search(func.attr) and node.args:
                        scope.trains = True
                elif isinstance(func, ast.Name) and mc.TRAINING_CALL.search(func.id) and node.args:
                    scope.trains = True
                if node.args and isinstance(func, (ast.Name, ast.Attribute)) and \
                        self._has_state_dict(scope, func):
                    grew |= self._set(scope, dotted_ast(func), MODULE)  # a forward call
                grew |= self._call_site(scope, node)
            elif isinstance(node, ast.Attribute):
                if node.attr in mc.OPTIMIZER_ATTRIBUTES:
                    grew |= self._set(scope, dotted_ast(node.value), OPTIMIZER)
                cls = self.class_of(scope, node.value)
                if cls and cls != scope.cls:
                    # `stopper.best_state`: the class's users read what it keeps
                    self.outside_reads.setdefault(cls, set()).add(node.attr)
        return grew

    def _literal_loop(self, scope: _Scope, loop: Union[ast.comprehension, ast.For]) -> bool:
        """`for item in [self]`: the variable is the literal's element itself (its class
        and its kind, where every element shares them)."""
        if not isinstance(loop.target, ast.Name) or \
                not isinstance(loop.iter, (ast.List, ast.Tuple)) or not loop.iter.elts or \
                any(isinstance(e, ast.Starred) for e in loop.iter.elts):
            return False
        key = loop.target.id
        grew = False
        classes = {self.class_of(scope, e) for e in loop.iter.elts}
        cls = classes.pop() if len(classes) == 1 else None
        if cls and key not in scope.classes_of:
            scope.classes_of[key] = cls
            self._version += 1
            grew = True
        tags = {self.tag(scope, e) for e in loop.iter.elts}
        tag = tags.pop() if len(tags) == 1 else None
        if tag is not None:
            grew |= self._set(scope, key, tag)
        return grew

    def _has_state_dict(self, scope: _Scope, func: ast.AST) -> bool:
        """Whether this function also takes `func`'s `state_dict()` (calling it with
        inputs is then a forward pass)."""
        key = dotted_ast(func)
        if key is None or self.tag(scope, func) is not None:
            return False
        if scope.state_dict_receivers is None:
            scope.state_dict_receivers = {
                dotted_ast(n.func.value) for n in scope.nodes
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and n.func.attr in ("state_dict", "load_state_dict")}
        return key in scope.state_dict_receivers or key in self._class_state_dicts(scope)

    def _class_state_dicts(self, scope: _Scope) -> Set[str]:
        """`self.x` whose state_dict any method of the class takes."""
        if scope.cls is None or not scope.self_name:
            return set()
        key = (scope.cls, scope.self_name)
        if key in self._class_dicts:
            return self._class_dicts[key]
        found: Set[str] = set()
        self._class_dicts[key] = found
        for other in self.scopes.values():
            if other.cls == scope.cls and other.self_name:
                for n in other.nodes:
                    if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and \
                            n.func.attr in ("state_dict", "load_state_dict"):
                        held = dotted_ast(n.func.value) or ""
                        head, _, rest = held.partition(".")
                        if head == other.self_name and rest:
                            found.add(f"{scope.self_name}.{rest}")
        return found

    def _set(self, scope: _Scope, key: Optional[str], tag: str) -> bool:
        if not key:
            return False
        head, _, attr = key.partition(".")
        if scope.self_name and head == scope.self_name and attr and "." not in attr \
                and scope.cls is not None:
            attrs = self.attrs.setdefault(scope.cls, {})
            if attrs.get(attr) is None:
                attrs[attr] = tag
                self._version += 1
                return True
            return False
        if key not in scope.names:
            scope.names[key] = tag
            self._version += 1
            return True
        return False

    def _call_site(self, scope: _Scope, call: ast.Call) -> bool:
        callee = self._callee(scope, call)
        if callee is None:
            return False
        target = self.scopes.get(callee)
        if target is None:
            return False
        grew = False
        for param, arg in _arguments(target, call):
            cls = self.class_of(scope, arg)
            if cls and param not in target.classes_of:
                target.classes_of[param] = cls
                self._version += 1
                grew = True
            tag = self.tag(scope, arg)
            if tag is not None and param not in target.names:
                target.names[param] = tag
                self._version += 1
                grew = True
        return grew

    def _callee(self, scope: _Scope, call: ast.Call) -> Optional[DefPath]:
        func = call.func
        if isinstance(func, ast.Name):
            if func.id in self.classes:
                return self._method(func.id, "__init__")
            if (func.id,) in self.scopes:
                return (func.id,)
            cls = self.class_of(scope, func)
            if cls:
                return self._method(cls, "__call__")
        elif isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id == scope.self_name and scope.cls:
                return self._method(scope.cls, func.attr)
            cls = self.class_of(scope, func.value)
            if cls:
                return self._method(cls, func.attr)
        return None

    def _method(self, cls: str, name: str) -> Optional[DefPath]:
        if cls not in self.classes:
            return None
        for member in class_ancestors(self.classes[cls], _base_names, self.classes):
            path = self._class_path(member.name) + (name,)
            if path in self.scopes:
                return path
        return None

    def _class_path(self, cls: str) -> DefPath:
        for path, scope in self.scopes.items():
            if scope.cls == cls:
                return path[:-1]
        return (cls,)

    # ----- questions ----------------------------------------------------------------------
    def tag(self, scope: _Scope, expr: ast.AST) -> Optional[str]:
        """MODULE, OPTIMIZER, `instance:<class>`, or None for an expression in `scope`."""
        return self._answer(0, self._tag, scope, expr)

    def class_of(self, scope: _Scope, expr: ast.AST) -> Optional[str]:
        """The class of this module that `expr` is an instance of, if known."""
        return self._answer(1, self._class_of, scope, expr)

    def _answer(self, question: int, compute, scope: _Scope, expr: ast.AST) -> Optional[str]:
        if not isinstance(expr, ast.Attribute):
            return compute(scope, expr)
        key = (question, id(scope), id(expr))
        known = self._answers.get(key)
        if known is not None and known[0] == self._version and known[1] is expr:
            return known[2]
        found = compute(scope, expr)
        self._answers[key] = (self._version, expr, found)
        return found

    def _tag(self, scope: _Scope, expr: ast.AST) -> Optional[str]:
        key = dotted_ast(expr) if isinstance(expr, (ast.Name, ast.Attribute)) else None
        if key is not None:
            if key in scope.names:
                return scope.names[key]
            if isinstance(expr, ast.Name):
                return self.scopes[()].names.get(key) if scope.path else None
            assert isinstance(expr, ast.Attribute)
            cls = self.class_of(scope, expr.value)
            return self.attrs.get(cls, {}).get(expr.attr) if cls else None
        if not isinstance(expr, ast.Call):
            return None
        func = expr.func
        qualified = self.imports.qualify_ast(func)
        if qualified == "copy.deepcopy" and expr.args:
            inner = self.tag(scope, expr.args[0])
            return inner if inner in (MODULE, OPTIMIZER) else None
        if qualified is None and isinstance(func, ast.Name) and func.id in self.imports.relative:
            kind = self._project_kind(func.id)  # `from .models import Net`
            if kind is not None:
                return kind
            relative = self._qualified(func)
            if relative:
                return _INSTANCE + relative  # `from .stopping import EarlyStopping`
        if qualified is not None:
            kind = self._qualified_kind(qualified, dotted_ast(func))
            return kind or _INSTANCE + qualified
        if isinstance(func, ast.Name) and func.id in self.classes:
            return self.class_kind(func.id) or self._delegate_kind(func.id) or \
                _INSTANCE + func.id
        if isinstance(func, ast.Attribute) and func.attr in mc.SELF_RETURNING_METHODS:
            inner = self.tag(scope, func.value)
            return MODULE if inner == MODULE or _moved_instance(inner) else None
        return None

    def _class_of(self, scope: _Scope, expr: ast.AST) -> Optional[str]:
        if isinstance(expr, ast.Name) and expr.id == scope.self_name and scope.cls:
            return scope.cls
        key = dotted_ast(expr) if isinstance(expr, (ast.Name, ast.Attribute)) else None
        if key is not None:
            if key in scope.classes_of:
                return scope.classes_of[key]
            if isinstance(expr, ast.Name) and scope.path and key in self.scopes[()].classes_of:
                return self.scopes[()].classes_of[key]
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and \
                expr.func.id in self.classes:
            return expr.func.id
        tag = self.tag(scope, expr) if key is not None else None
        if tag and tag.startswith(_INSTANCE) and tag[len(_INSTANCE):] in self.classes:
            return tag[len(_INSTANCE):]
        return None

    def kind(self, path: DefPath, receiver: str) -> Optional[str]:
        """MODULE or OPTIMIZER when `receiver` (dotted, as written in the function at
        `path`; `()` for module level) is shown to be one, else None."""
        scope = self.scopes.get(path)
        if scope is None:
            return None
        found = self._kind(scope, receiver)
        if found is None and self._nearby and not self._looked_nearby and \
                scope.cls is not None and receiver.partition(".")[0] in scope.params:
            self._look_nearby()
            found = self._kind(scope, receiver)
        if found is None and scope.cls is not None and scope.self_name and \
                receiver.startswith(scope.self_name + ".") and receiver.count(".") == 1:
            found = self._stored_param_kind(scope.cls, receiver.partition(".")[2])
        return found

    def _stored_param_kind(self, cls: str, attr: str) -> Optional[str]:
        """`self.model` where a method stores its parameter `model` there (`__init__`):
        the kind callers give that parameter (here or in a project module beside)."""
        for other in list(self.scopes.values()):
            if other.cls != cls or not other.self_name:
                continue
            for node in other.nodes:
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and \
                        node.value.id in other.params and any(
                            dotted_ast(t) == f"{other.self_name}.{attr}" for t in node.targets):
                    found = self.kind(other.path, node.value.id)
                    if found is not None:
                        return found
        return None

    def _kind(self, scope: _Scope, receiver: str) -> Optional[str]:
        expr = _parse_dotted(receiver)
        tag = self.tag(scope, expr) if expr is not None else None
        return tag if tag in (MODULE, OPTIMIZER) else None

    def live_state_dicts(self) -> Set[int]:
        """ids of the `x.state_dict()` calls (in the `ast` tree given) whose `x` is shown to
        be a module or an optimizer: only those can hold a CPS2xx finding."""
        if self._live_calls is None:
            self._live_calls = set()
            for path, scope in list(self.scopes.items()):
                for node in scope.nodes:
                    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                            and node.func.attr == "state_dict"):
                        continue
                    receiver = node.func.value
                    if self.tag(scope, receiver) in (MODULE, OPTIMIZER) or \
                            self.kind(path, dotted_ast(receiver) or "") is not None:
                        self._live_calls.add(id(node))
        return self._live_calls

    def optimizer_state_dicts(self) -> Set[int]:
        """ids of the `x.state_dict()` calls (in the `ast` tree given) whose `x` is shown to be
        an optimizer: loading one into another optimizer shares its state tensors."""
        if self._optimizer_calls is None:
            self._optimizer_calls = set()
            for scope in self.scopes.values():
                for node in scope.nodes:
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                            node.func.attr == "state_dict" and \
                            self._kind(scope, dotted_ast(node.func.value) or "") == OPTIMIZER:
                        self._optimizer_calls.add(id(node))
        return self._optimizer_calls

    def param_class(self, path: DefPath, name: str) -> Optional[str]:
        """The class of this module whose instances the callers of the function at `path`
        pass as its parameter `name` (`remember(self)` called from a method of `Runner`)."""
        scope = self.scopes.get(path)
        if scope is None or name not in scope.params:
            return None
        return scope.classes_of.get(name)

    def given_from_outside(self, path: DefPath, receiver: str) -> bool:
        """Whether `receiver` is a parameter of the function at `path`, or `self.x` where a
        method of the class stores a parameter as `self.x` (`self.model = model`): a module
        that code outside the class holds, and may train between calls."""
        scope = self.scopes.get(path)
        if scope is None:
            return False
        head, _, attr = receiver.partition(".")
        if head in scope.params:
            return True
        if head != scope.self_name or not attr or "." in attr or scope.cls is None:
            return False
        for other in self.scopes.values():
            if other.cls != scope.cls:
                continue
            for node in other.nodes:
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and \
                        node.value.id in other.params and any(
                            dotted_ast(t) == f"{other.self_name}.{attr}" for t in node.targets):
                    return True
        return False

    def method_trains(self, path: DefPath, method: str) -> bool:
        """Whether `self.method(...)` called in the method at `path` trains: it steps an
        optimizer or calls a training function, itself or through other methods."""
        scope = self.scopes.get(path)
        if scope is None or scope.cls is None:
            return False
        return self.class_method_trains(scope.cls, method)

    def training_methods(self) -> FrozenSet[str]:
        """Names of the module's methods that train (step an optimizer, themselves or
        through their class's methods): calling one may change a module."""
        if self._training_methods is None:
            self._training_methods = frozenset(
                path[-1] for path, scope in self.scopes.items()
                if scope.cls is not None and path and
                self.class_method_trains(scope.cls, path[-1]))
        return self._training_methods

    def changing_methods(self) -> FrozenSet[str]:
        """The training methods, and the methods that load a state_dict into a module their
        instance holds (`set_parameters`): calling one of them on `self` changes a module."""
        return self.training_methods() | frozenset(
            path[-1] for path, scope in self.scopes.items()
            if scope.cls is not None and path and self.method_loads(path, path[-1]))

    def class_method_trains(self, cls: str, method: str) -> bool:
        """Whether `obj.method(...)` on an instance of the module's class `cls` (a trainer,
        a callback) trains, itself or through the class's other methods."""
        return any(self.scopes[path].trains for path in self._methods_reached(cls, method))

    def method_loads(self, path: DefPath, method: str) -> FrozenSet[str]:
        """The attributes of `self` that `self.method(...)`, called in the method at `path`,
        loads a state_dict into (`def set_parameters(self, sd): self.model.load_state_dict(sd)`
        gives {"model"}), itself or through the class's other methods: a load copies new
        values into that module."""
        scope = self.scopes.get(path)
        if scope is None or not scope.cls:
            return frozenset()
        found: Set[str] = set()
        for current in self._methods_reached(scope.cls, method):
            inner = self.scopes[current]
            for node in inner.nodes:
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                        node.func.attr == "load_state_dict":
                    head, _, attr = (dotted_ast(node.func.value) or "").partition(".")
                    if inner.self_name and head == inner.self_name and attr and \
                            "." not in attr:
                        found.add(attr)
        return frozenset(found)

    def _methods_reached(self, cls: str, method: str) -> Iterator[DefPath]:
        """`method` of `cls` and the methods of the class it calls on its own instance,
        through each other, each once."""
        start = self._method(cls, method)
        seen: Set[DefPath] = set()
        pending = [start] if start else []
        while pending:
            current = pending.pop()
            if current in seen:
                continue
            seen.add(current)
            yield current
            inner = self.scopes[current]
            for node in inner.nodes:
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                        isinstance(node.func.value, ast.Name) and inner.self_name and \
                        node.func.value.id == inner.self_name and inner.cls:
                    found = self._method(inner.cls, node.func.attr)
                    if found:
                        pending.append(found)

    def stepped_by_class(self, path: DefPath, receiver: str) -> bool:
        """Whether `receiver` (`self.opt`, `worker.optimizer`) is an attribute that a method
        of its holder's class steps or hands to a training call."""
        scope = self.scopes.get(path)
        head, _, attr = receiver.partition(".")
        if scope is None or not attr or "." in attr:
            return False
        cls = self.class_of(scope, ast.Name(id=head, ctx=ast.Load()))
        if cls is None:
            return False
        members = {m.name for m in class_ancestors(self.classes[cls], _base_names, self.classes)}
        for other in self.scopes.values():
            if other.cls not in members or not other.self_name:
                continue
            wanted = f"{other.self_name}.{attr}"
            for node in other.nodes:
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr == "step" and \
                        dotted_ast(func.value) == wanted:
                    return True
                name = func.attr if isinstance(func, ast.Attribute) else dotted_ast(func) or ""
                if mc.TRAINING_CALL.search(name) and any(
                        dotted_ast(a) == wanted for a in node.args):
                    return True
        return False

    def trained_between_calls(self, path: DefPath) -> bool:
        """Whether the function at `path` is called by code that trains between calls (a
        step or a training call in the calling function), here or in a nearby module."""
        return path in self._trained_callees or path in self._callback_hooks

    @property
    def _trained_callees(self) -> Set[DefPath]:
        if self._trained is not None:
            return self._trained | self._outside_trained
        found: Set[DefPath] = set()
        methods = self.training_methods()
        for scope in self.scopes.values():
            if not scope.trains and not any(  # `callback.on_batch_end()` steps an optimizer
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and
                    n.func.attr in methods for n in scope.nodes):
                continue
            for node in scope.nodes:
                if isinstance(node, ast.Call):
                    callee = self._callee(scope, node)
                    if callee is not None:
                        found.add(callee)
        self._trained = found
        return found | self._outside_trained

    # ----- callers in nearby project modules ------------------------------------------------
    def _look_nearby(self) -> None:
        """Calls of this module's classes and functions in the project's modules beside it
        (its directory and two above, from the project model): what they pass gives the
        parameters evidence."""
        self._looked_nearby = True
        model = project_model_for(self.filename)
        if model is None or self.filename is None:
            return
        stem = Path(self.filename).stem
        names = set(self.classes) | {p[0] for p in self.scopes if len(p) == 1}
        given: List[Tuple[DefPath, str, str]] = []
        for module, other_path in model.modules_near(self.filename, limit=_NEARBY_LIMIT,
                                                     max_bytes=_NEARBY_BYTES):
            data = model.text(module)
            if data is None:
                continue
            if not _holds(data, stem) or not any(_holds(data, n) for n in names):
                continue
            # Each file beside it that asks finds the same neighbours: what they call and
            # read is made once per model and content, and kept (small; the tree is not).
            facts = model.derived("receivers", module, data,
                                  lambda: _nearby_facts(model, module, data, other_path),
                                  kept=None)
            if facts is not None:
                given.extend(self._calls_from(facts, stem))
        self._propagate(given)

    def _calls_from(self, facts: "_NearbyFacts", stem: str
                    ) -> Iterator[Tuple[DefPath, str, str]]:
        def ours(qualified: Optional[str]) -> Optional[str]:
            if not qualified:
                return None
            module, _, name = qualified.rpartition(".")
            if module.rpartition(".")[2] == stem and (name in self.classes
                                                      or (name,) in self.scopes):
                return name
            return None

        for instance, attr in facts.reads:
            name = ours(instance)
            if name in self.classes:
                self.outside_reads.setdefault(name, set()).add(attr)
        for call in facts.calls:
            callee = None
            name = ours(call.qualified)
            if name is not None:
                callee = self._method(name, "__init__") if name in self.classes else (name,)
            else:
                name = ours(call.holder)
                if name is not None and name in self.classes:
                    callee = self._method(name, call.method)
            target = self.scopes.get(callee) if callee else None
            if callee is None or target is None:
                continue
            if call.trains:
                self._outside_trained.add(callee)
            for index, tag in enumerate(call.positional):
                if index < len(target.params) and tag in (MODULE, OPTIMIZER):
                    yield callee, target.params[index], tag
            for keyword, tag in call.keywords:
                if keyword in target.keyword_params and tag in (MODULE, OPTIMIZER):
                    yield callee, keyword, tag

    def nearby_facts(self) -> "_NearbyFacts":
        """What this module's code calls and reads that a module beside it may define
        (`_calls_from` matches them with the module asking), in the order of its scopes."""
        reads: List[Tuple[str, str]] = []
        calls: List[_NearbyCall] = []

        def instance(tag: Optional[str]) -> Optional[str]:
            return tag[len(_INSTANCE):] if tag and tag.startswith(_INSTANCE) else None

        for scope in self.scopes.values():
            for node in scope.nodes:
                if isinstance(node, ast.Attribute):
                    held = instance(self.tag(scope, node.value))
                    if held:
                        reads.append((held, node.attr))
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                qualified = self._qualified(func)
                holder_node = func if isinstance(func, ast.Name) else (
                    func.value if isinstance(func, ast.Attribute) else None)
                holder = instance(self.tag(scope, holder_node)) if holder_node is not None \
                    else None
                if not qualified and not holder:
                    continue
                positional: List[Optional[str]] = []
                for arg in node.args:
                    if isinstance(arg, ast.Starred):
                        break
                    positional.append(self.tag(scope, arg))
                keywords = tuple((k.arg, self.tag(scope, k.value)) for k in node.keywords
                                 if k.arg is not None)
                calls.append(_NearbyCall(
                    qualified, holder,
                    func.attr if isinstance(func, ast.Attribute) else "__call__",
                    scope.trains, tuple(positional), keywords))
        return _NearbyFacts(tuple(reads), tuple(calls))

    def _qualified(self, func: ast.AST) -> Optional[str]:
        qualified = self.imports.qualify_ast(func)
        if qualified is None and isinstance(func, ast.Name) and func.id in self.imports.relative:
            _, module, name = self.imports.relative[func.id]
            qualified = f"{module}.{name}" if module else name
        return qualified


def _holds(data: bytes, word: str) -> bool:
    """Whether the text of `data` (UTF-8, undecodable bytes replaced) holds `word`: for an
    ASCII word, whether the bytes do (replacement never makes nor breaks ASCII), without
    decoding each neighbour again for every file that asks."""
    if word.isascii():
        return word.encode("ascii") in data
    return word in data.decode("utf-8", errors="replace")


def _arguments(target: _Scope, call: ast.Call) -> Iterator[Tuple[str, ast.AST]]:
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            break
        if index < len(target.params):
            yield target.params[index], arg
    for keyword in call.keywords:
        if keyword.arg in target.keyword_params:
            yield keyword.arg, keyword.value


def _parse_dotted(text: str) -> Optional[ast.AST]:
    try:
        expr = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError):
        return None
    return expr if isinstance(expr, (ast.Name, ast.Attribute, ast.Call)) else None


def _base_names(cls: ast.ClassDef) -> List[Optional[str]]:
    return [dotted_ast(b.value if isinstance(b, ast.Subscript) else b) for b in cls.bases]


def _factory_kind(qualified: str) -> Optional[str]:
    if qualified in fw.MODULE_FACTORIES_OUTSIDE:
        return MODULE
    if qualified.startswith(fw.MODULE_FACTORY_PREFIXES) and \
            not qualified.startswith(fw.NOT_MODULE_FACTORIES):
        return MODULE
    if qualified.startswith(fw.OPTIMIZER_FACTORY_PREFIX) and \
            not qualified.startswith(fw.NOT_OPTIMIZER_FACTORIES) and \
            qualified.rpartition(".")[2][:1].isupper():
        return OPTIMIZER
    return None


def _moved_instance(inner: Optional[str]) -> bool:
    """`create_model(cfg).to(device)`, `build_net(args).cuda()`: what a factory outside torch
    returns, moved with a method that modules and tensors share. Tensors come from torch's own
    functions (`torch.zeros(3).to(device)`); anything else moved so is a module, and it is
    what a later `.state_dict()`/`.load_state_dict()` on it shows (a tensor has neither)."""
    if inner is None or not inner.startswith(_INSTANCE):
        return False
    made_by = inner[len(_INSTANCE):]
    return made_by.partition(".")[0] not in _TENSOR_PACKAGES


def _known_kind(qualified: Optional[str]) -> Optional[str]:
    if not qualified:
        return None
    if qualified in fw.MODULE_BASES:
        return MODULE
    if qualified in fw.OPTIMIZER_BASES:
        return OPTIMIZER
    return _factory_kind(qualified)


def _project_class_kind(filename: Optional[str], local: str) -> Optional[str]:
    """The kind of a class of another project module, named `local` in the linted file:
    from its bases at any depth across modules, as the project model resolves them. Not
    asked for an installed package's files (as for every other use of the model)."""
    model = project_model_for(filename) if project_file(filename) else None
    module = model.module_of(filename) if model is not None else None
    if model is None or module is None:
        return None
    cls = model.resolve(module, local)
    if cls is None or cls.rpartition(".")[0] == module or model.class_entry(cls) is None:
        return None  # this module's own classes are walked by `class_kind`
    for ancestor in model.ancestors(cls)[1:]:
        kind = _known_kind(ancestor)
        if kind is not None:
            return kind
    return None


class _NearbyCall(NamedTuple):
    """A call in a module beside the linted one, as `_calls_from` matches it."""

    qualified: Optional[str]  # what the called name is imported as
    holder: Optional[str]  # the class of the instance called or whose method is called
    method: str  # the method called on `holder` (`__call__` for `holder(...)`)
    trains: bool  # the calling function trains
    positional: Tuple[Optional[str], ...]  # tags of the arguments, up to a `*args`
    keywords: Tuple[Tuple[str, Optional[str]], ...]  # (keyword, tag of its value)


class _NearbyFacts(NamedTuple):
    reads: Tuple[Tuple[str, str], ...]  # (class of an instance, attribute read from it)
    calls: Tuple[_NearbyCall, ...]


def _nearby_facts(model, module: str, data: bytes, path: Path) -> Optional[_NearbyFacts]:
    """The evidence of a module beside the linted one (its own only: no further look)."""
    tree = model.tree(module, data)
    if tree is None:
        return None
    return LiveReceivers(tree, ImportTable(tree), str(path), nearby=False).nearby_facts()
