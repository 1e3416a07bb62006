"""Which calls may hand data to a helper that changes it in place, decided from the `ast`.

Calls of the module's own functions and methods that change what they are given (directly or
through the module's functions they call), of a stored transform whose class's `__call__`
may, and of functions imported from the project (relative imports, or packages found next to
the file). A helper that changes only its own objects, or only a parameter that the call
fills with something that is never stored data (a constant, the index it was given, a new
object), is left out: `Sequential.__getitem__` handing `idx` to a helper doing `idx %= size`
costs no libcst parse.
"""

import ast
from functools import lru_cache
from pathlib import Path
from typing import (Callable, Dict, FrozenSet, Iterator, List, NamedTuple, Optional, Set, Tuple,
                    Union)

from ..core.names import ImportTable, dotted_ast
from ..project.module_paths import (file_digest, module_file, project_module, read_regular,
                                    sys_path_module)
from .ast_walk import Walked, called_name, inner_blocks
from .inplace_sites import Bindings, changed_params, parameters

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Helper(NamedTuple):
    func: Union[ast.FunctionDef, ast.AsyncFunctionDef]
    binds_self: bool  # `obj.name(...)` fills its first parameter
    changes: Optional[FrozenSet[str]]  # parameters it changes; None: it may change anything


def called_names(node: ast.AST) -> Set[str]:
    """Names called as `f(...)` or `obj.f(...)` anywhere under `node`."""
    return {called_name(c) for c in ast.walk(node) if isinstance(c, ast.Call)} - {""}


def _functions(body: List[ast.stmt], in_class: bool = False
               ) -> Iterator[Tuple[Union[ast.FunctionDef, ast.AsyncFunctionDef], bool]]:
    """Every function of the module, nested ones included, with whether it is a method."""
    for stmt in body:
        if isinstance(stmt, _DEFS):
            static = any(isinstance(d, ast.Name) and d.id == "staticmethod"
                         for d in stmt.decorator_list)
            yield stmt, in_class and not static
            yield from _functions(stmt.body)
        elif isinstance(stmt, ast.ClassDef):
            yield from _functions(stmt.body, in_class=True)
        else:
            for inner in inner_blocks(stmt):
                yield from _functions(inner, in_class)


class Helpers:
    """The module's functions, summarised by name on demand (most files ask about none)."""

    def __init__(self, tree: ast.Module, imports: ImportTable, filename: Optional[str]):
        self.tree = tree
        self.imports = imports
        self.filename = filename
        self._defs: Optional[Dict[str, List[Tuple[Union[ast.FunctionDef, ast.AsyncFunctionDef],
                                                  bool]]]] = None
        self._summaries: Dict[str, List[Helper]] = {}
        self._busy: Set[str] = set()

    def helpers(self, name: str) -> List[Helper]:
        """The functions and methods called `name` that may change something in place."""
        if self._defs is None:
            self._defs = {}
            for func, is_method in _functions(self.tree.body):
                self._defs.setdefault(func.name, []).append((func, is_method))
        if name in self._summaries:
            return self._summaries[name]
        if name not in self._defs:
            return []
        if name in self._busy:  # recursion: assume the worst
            return [Helper(f, m, None) for f, m in self._defs[name]]
        self._busy.add(name)
        try:
            found = []
            for func, is_method in self._defs[name]:
                changes = changed_params(func)
                # Calling a function that changes things may change anything.
                if changes is not None and any(self.helpers(n) for n in called_names(func)):
                    changes = None
                if changes != frozenset():
                    found.append(Helper(func, is_method, changes))
        finally:
            self._busy.discard(name)
        self._summaries[name] = found
        return found

    def may_change(self, caller: Walked, self_name: Optional[str],
                   carries: Callable[[ast.expr], bool]) -> bool:
        """Whether a call in `caller` may hand a helper that changes its argument in place
        something `carries` says may matter (or `self`, or anything given to a helper that
        may change anything). Calls resolve as the analysis resolves them: `f(...)` of the
        module or the project, `self.m(...)`."""
        for node in caller.of(ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                if self._from_project(func.id):
                    return True
                if any(_harms(node, h, False, carries) for h in self.helpers(func.id)):
                    return True
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                    and func.value.id == self_name:
                if self.helpers("__call__"):
                    return True  # `self.transform(x)` may be an instance of such a class
                if any(_harms(node, h, h.binds_self, carries) for h in self.helpers(func.attr)):
                    return True
            elif isinstance(func, ast.Attribute):
                found = self._module_from_project(func.value)
                if found is not None and _may_change_in(found, func.attr):
                    return True
                if self._instance_method_may_change(caller, node, carries):
                    return True
        return False

    def _instance_method_may_change(self, caller: Walked, call: ast.Call,
                                    carries: Callable[[ast.expr], bool]) -> bool:
        """`KMeans(k).fit(x)`, or `km.fit(x)` with `km = KMeans(k)` in the caller: the
        method of a class of the project (imported: it may; of this module: as its
        summary says), as the analysis resolves an instance's method."""
        func = call.func
        assert isinstance(func, ast.Attribute)
        made = [func.value] if isinstance(func.value, ast.Call) else [
            a.value for a in caller.of(ast.Assign) if isinstance(func.value, ast.Name) and
            isinstance(a.value, ast.Call) and any(
                isinstance(t, ast.Name) and t.id == func.value.id for t in a.targets)]
        classes = {m.func.id for m in made if isinstance(m.func, ast.Name)}
        if not classes or not any(carries(a) for a in call.args):
            return False
        if any(self._from_project(name) for name in classes):
            return True
        defined = {c.name for c in self.tree.body if isinstance(c, ast.ClassDef)}
        return bool(classes & defined) and any(
            _harms(call, h, h.binds_self, carries) for h in self.helpers(func.attr))

    def _module_from_project(self, value: ast.expr) -> Optional[Path]:
        """`pc_utils` of `pc_utils.jitter(x)`: the file of a module of the project the file
        imports (a package's module, or a script folder the program puts on `sys.path`)."""
        written = dotted_ast(value) or ""
        head = written.partition(".")[0]
        if not self.filename or (head not in self.imports.aliases and
                                 head not in self.imports.relative):
            return None
        try:
            here = Path(self.filename).resolve().parent
        except (OSError, ValueError, RuntimeError):
            return None
        if head in self.imports.relative:
            level, module, name = self.imports.relative[head]
            for _ in range(level - 1):
                here = here.parent
            rest = written[len(head):].lstrip(".")
            return module_file(here, ".".join(p for p in (module, name, rest) if p))
        module = f"{self.imports.aliases[head]}{written[len(head):]}"
        found = project_module(here, module)
        if found is None and "sys" in self.imports.aliases.values():
            found = sys_path_module(here, module)
        return found

    def _from_project(self, name: str) -> bool:
        if name in self.imports.relative:
            return True
        qualified = self.imports.aliases.get(name)
        if not qualified or "." not in qualified or not self.filename:
            return False
        try:
            here = Path(self.filename).resolve().parent
        except (OSError, ValueError, RuntimeError):
            return False
        return project_module(here, qualified.rpartition(".")[0]) is not None


def _may_change_in(path: Path, name: str) -> bool:
    """Whether function `name` of the module at `path` may change what it is given: it
    changes a parameter, or calls a function of its module or one it imports (a class, a
    constant or a function changing only its own objects: no)."""
    digest = file_digest(path)
    return digest is None or _may_change_cached(str(path), digest, name)


@lru_cache(maxsize=1024)
def _may_change_cached(path: str, digest: str, name: str) -> bool:
    data = read_regular(path)
    try:
        tree = ast.parse(data or b"")
    except (SyntaxError, ValueError):
        return True
    defs = {s.name: s for s in tree.body if isinstance(s, _DEFS)}
    func = defs.get(name)
    if func is None:
        return name in ImportTable(tree).relative  # re-exported by a package's `__init__`
    if changed_params(func) != frozenset():
        return True
    known = set(defs) | set(ImportTable(tree).aliases) | set(ImportTable(tree).relative)
    return bool(called_names(func) & known)


def may_hold_stored_data(caller: ast.AST, self_name: Optional[str]
                         ) -> Callable[[ast.expr], bool]:
    """For arguments of calls in `caller`: False for those that never hold stored data
    (constants, the caller's own parameters other than `self` when never rebound from
    anything else, names only ever bound to new objects)."""
    bindings = Bindings(caller)
    own = bindings.fresh_only | (bindings.own_param - {self_name})

    def carries(value: ast.expr) -> bool:
        if isinstance(value, ast.Constant):
            return False
        return not (isinstance(value, ast.Name) and value.id in own)

    return carries


def _harms(call: ast.Call, helper: Helper, binds_self: bool,
           carries: Callable[[ast.expr], bool]) -> bool:
    """Whether `call` may fill a parameter that `helper` changes with what matters."""
    if helper.changes is None:
        return True
    if any(isinstance(a, ast.Starred) for a in call.args) or \
            any(k.arg is None for k in call.keywords):
        return True
    args = helper.func.args
    positional = [a.arg for a in args.posonlyargs + args.args]
    given: Dict[str, Optional[ast.expr]] = {}  # None: the slot the instance itself fills
    if binds_self and positional:
        given[positional.pop(0)] = None
    for index, value in enumerate(call.args):
        if index < len(positional):
            given[positional[index]] = value
        elif args.vararg is None or args.vararg.arg in helper.changes:
            return True
    given.update((k.arg, k.value) for k in call.keywords if k.arg is not None)
    unknown = helper.changes - set(parameters(helper.func))
    if unknown:
        return True
    # A parameter left to its default gets an object of the function's own.
    return any(name in given and _carried(given[name], carries) for name in helper.changes)


def _carried(arg: Optional[ast.expr], carries: Callable[[ast.expr], bool]) -> bool:
    return arg is None or carries(arg)
