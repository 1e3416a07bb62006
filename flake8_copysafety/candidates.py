"""Which parts of a file could hold a finding, decided from the `ast` flake8 already parsed.

libcst is slow to parse and slower to walk (pure Python), so it only sees the top-level
statements that matter: dataset classes whose `__getitem__` does something in place (and
their in-module bases), and functions/classes that keep or change a `state_dict()` result.
This module must not import libcst: most files stop here.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Set, Tuple

from . import semantics as sem
from .names import ImportTable, dotted_ast

DATASET_BASES = frozenset({
    "torch.utils.data.Dataset", "torch.utils.data.dataset.Dataset",
    "torch.utils.data.TensorDataset", "torch.utils.data.dataset.TensorDataset",
    "torchvision.datasets.VisionDataset", "torchvision.datasets.vision.VisionDataset",
})
# Method names that change something in place (any receiver), for the cheap pre-check.
_MUTATOR_NAMES = frozenset(
    set().union(*sem.MUTATING_METHODS.values()) | sem.CONTAINER_MUTATORS | {"pop", "shuffle"}
    | {name.rpartition(".")[2] for name in sem.MUTATING_FUNCTIONS}
)
_IN_PLACE_KEYWORDS = sem.OUTPUT_KEYWORDS | {sem.INPLACE_KEYWORD}
# A state_dict() passed straight to one of these is consumed at once: nothing is kept.
_CONSUMERS = frozenset({"save", "load_state_dict", "deepcopy", "print", "len", "set_state_dict"})
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_PROJECT_DEPTH = 8  # directories upwards from a file where its project's packages may be
_MAX_DEPTH = 1000  # syntax-tree depth past which a statement is not analysed


@dataclass
class Plan:
    """What the libcst analysis must parse, and what the cheap pass already knows."""

    statements: List[int] = field(default_factory=list)  # indices into the module's body
    whole_module: bool = False  # module-level code keeps a state_dict: parse everything
    datasets: Set[str] = field(default_factory=set)  # names of dataset classes
    # Def paths (("Trainer", "fit"), ("train",)) of functions and classes that mention
    # state_dict, and the functions that return a live one: libcst need not search for them.
    state_dict_scopes: Set[Tuple[str, ...]] = field(default_factory=set)
    producers: Set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.statements) or self.whole_module


def _statements(body: Iterable[ast.stmt], into_defs: bool = True) -> Iterator[ast.stmt]:
    """Every statement, nested ones included, without descending into expressions (nor
    into function and class bodies unless `into_defs`)."""
    for stmt in body:
        yield stmt
        if not into_defs and isinstance(stmt, _DEFS):
            continue
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list):
                yield from _statements(inner, into_defs)
        for handler in getattr(stmt, "handlers", ()):
            yield from _statements(handler.body, into_defs)
        for case in getattr(stmt, "cases", ()):
            yield from _statements(case.body, into_defs)


def _lines_with(text: str, word: str) -> List[int]:
    found, start = [], 0
    while True:
        at = text.find(word, start)
        if at < 0:
            return found
        found.append(text.count("\n", 0, at) + 1)
        start = text.find("\n", at) + 1 or len(text)


def first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", ())
    return min([stmt.lineno] + [d.lineno for d in decorators])


def _covers(stmt: ast.stmt, lines: List[int]) -> bool:
    start, end = first_line(stmt), stmt.end_lineno or stmt.lineno
    return any(start <= line <= end for line in lines)


class DatasetNames:
    """Which classes are map-style datasets: by base (any import spelling, any in-module
    depth), by configured base, or by defining both `__getitem__` and `__len__`."""

    def __init__(self, classes: List[ast.ClassDef], imports: ImportTable,
                 extra_bases: Iterable[str]) -> None:
        self.by_name: Dict[str, ast.ClassDef] = {c.name: c for c in classes}
        self.imports = imports
        self.known = DATASET_BASES | set(extra_bases)
        self._memo: Dict[str, bool] = {}

    def ancestors(self, cls: ast.ClassDef) -> List[ast.ClassDef]:
        seen: List[ast.ClassDef] = []
        stack = [cls]
        while stack:
            current = stack.pop(0)
            if any(current is s for s in seen):
                continue
            seen.append(current)
            for base in current.bases:
                name = dotted_ast(base.value if isinstance(base, ast.Subscript) else base)
                if name in self.by_name:
                    stack.append(self.by_name[name])
        return seen

    def is_dataset(self, cls: ast.ClassDef) -> bool:
        if cls.name not in self._memo:
            self._memo[cls.name] = self._decide(cls)
        return self._memo[cls.name]

    def _decide(self, cls: ast.ClassDef) -> bool:
        methods: Set[str] = set()
        for member in self.ancestors(cls):
            methods |= {s.name for s in member.body if isinstance(s, ast.FunctionDef)}
            for base in member.bases:
                base = base.value if isinstance(base, ast.Subscript) else base
                name = dotted_ast(base)
                if self.imports.qualify_ast(base) in self.known or name in self.known:
                    return True
        return {"__getitem__", "__len__"} <= methods


def _changes_in_place(func: ast.AST) -> bool:
    """Anything that looks like an in-place change; the libcst analysis decides the rest."""
    for node in ast.walk(func):
        if isinstance(node, (ast.AugAssign, ast.Delete)):
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if any(isinstance(t, ast.Subscript) for t in ast.walk(target)):
                    return True
        if isinstance(node, ast.Call):
            if any(k.arg in _IN_PLACE_KEYWORDS for k in node.keywords):
                return True
            if isinstance(node.func, ast.Attribute):
                name = node.func.attr
                if name in _MUTATOR_NAMES or (name.endswith("_") and not name.startswith("__")):
                    return True
    return False


class _Helpers:
    """Which calls in `__getitem__` may change what they are given, decided cheaply: calls of
    the module's own functions and methods that change something in place (directly or
    through the module's functions they call), of a stored transform whose class's
    `__call__` does, and of functions imported from the project (relative imports, or
    packages found next to the file)."""

    def __init__(self, tree: ast.Module, imports: ImportTable, filename: Optional[str]):
        self.tree = tree
        self.imports = imports
        self.filename = filename
        self._mutators: Optional[Set[str]] = None

    def mutators(self) -> Set[str]:
        if self._mutators is None:
            functions = [s for s in _statements(self.tree.body)
                         if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
            found = {f.name for f in functions if _changes_in_place(f)}
            calls = {f.name: _called_names(f) for f in functions}
            grew = True
            while grew:
                grew = False
                for name, called in calls.items():
                    if name not in found and called & found:
                        found.add(name)
                        grew = True
            self._mutators = found
        return self._mutators

    def called_by(self, getitem: ast.FunctionDef) -> bool:
        self_name = getitem.args.args[0].arg if getitem.args.args else "self"
        for node in ast.walk(getitem):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name):
                if func.id in self.mutators() or self._from_project(func.id):
                    return True
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                    and func.value.id == self_name:
                if func.attr in self.mutators() or "__call__" in self.mutators():
                    return True
        return False

    def _from_project(self, name: str) -> bool:
        if name in self.imports.relative:
            return True
        qualified = self.imports.aliases.get(name)
        if not qualified or "." not in qualified or not self.filename:
            return False
        root = qualified.split(".")[0]
        try:
            here = Path(self.filename).resolve().parent
        except (OSError, ValueError):
            return False
        return any((d / root).is_dir() or (d / f"{root}.py").is_file()
                   for d in [here, *here.parents][:_PROJECT_DEPTH])


def _keeps_state_dict(stmt: ast.AST) -> bool:
    """A `state_dict()` call whose result is not consumed at once (saved, loaded, returned)."""
    for parent in ast.walk(stmt):
        for child in ast.iter_child_nodes(parent):
            if not _is_state_dict_call(child):
                continue
            if isinstance(parent, (ast.Return, ast.Expr)):
                continue  # returned, or called for its effect: nothing is kept here
            holder = parent
            if isinstance(parent, ast.keyword):
                holder = _parent_call(stmt, parent)
            if isinstance(holder, ast.Call) and holder.func is not child:
                callee = dotted_ast(holder.func) or ""
                if callee.rpartition(".")[2] in _CONSUMERS:
                    continue
            return True
    return False


def _parent_call(root: ast.AST, keyword: ast.keyword) -> Optional[ast.AST]:
    for node in ast.walk(root):
        if isinstance(node, ast.Call) and keyword in node.keywords:
            return node
    return None


def _is_state_dict_call(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "state_dict"):
        return False
    receiver = node.func.value
    if isinstance(receiver, ast.Call) and (dotted_ast(receiver.func) or "").endswith("deepcopy"):
        return False  # `copy.deepcopy(model).state_dict()` is a real snapshot
    return True


def plan(tree: ast.Module, text: str, imports: ImportTable,
         extra_bases: Iterable[str] = (), filename: Optional[str] = None) -> Plan:
    result = Plan()
    getitem_lines = _lines_with(text, "__getitem__")
    state_dict_lines = _lines_with(text, "state_dict")
    chosen: Set[int] = set()  # dataset classes: their callees are parsed too
    keeping: Set[int] = set()  # state_dict users: only the producers they call are
    if getitem_lines:
        located: List[Tuple[ast.ClassDef, int]] = []
        for index, top in enumerate(tree.body):
            located.extend((s, index) for s in _statements([top])
                           if isinstance(s, ast.ClassDef))
        names = DatasetNames([c for c, _ in located], imports, extra_bases)
        helpers = _Helpers(tree, imports, filename)
        top_of = {id(c): i for c, i in located}
        for cls, index in located:
            if not names.is_dataset(cls):
                continue
            result.datasets.add(cls.name)
            getitem = next((s for s in cls.body if isinstance(s, ast.FunctionDef)
                            and s.name == "__getitem__"), None)
            if getitem is not None and (_changes_in_place(getitem)
                                        or helpers.called_by(getitem)):
                chosen.update(top_of[id(a)] for a in names.ancestors(cls))
    if state_dict_lines:
        producers = _state_dict_producers(tree, state_dict_lines)
        result.producers = producers
        result.state_dict_scopes = _scopes_covering(tree.body, state_dict_lines, ())
        for index, top in enumerate(tree.body):
            keeps = _covers(top, state_dict_lines) and _keeps_state_dict(top)
            if keeps or (producers and _calls_any(top, producers)):
                if isinstance(top, _DEFS):
                    keeping.add(index)
                else:
                    result.whole_module = True
        keeping |= {i for i, top in enumerate(tree.body)
                    if isinstance(top, _DEFS) and top.name in producers}
    statements = with_callees(tree, chosen) | keeping
    result.statements = sorted(i for i in statements if not _too_deep(tree.body[i]))
    if result.whole_module and any(_too_deep(s) for s in tree.body if not isinstance(s, _DEFS)):
        result.whole_module = False
    return result


def _too_deep(node: ast.AST) -> bool:
    """Nesting no hand-written dataset or training loop has (generated code, stress tests):
    libcst's parser is slow on it, so such statements are left out, silently."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(current))
    return False


def _scopes_covering(body: List[ast.stmt], lines: List[int], path: Tuple[str, ...]
                     ) -> Set[Tuple[str, ...]]:
    """Def paths of the functions and classes whose lines hold any of `lines`."""
    found: Set[Tuple[str, ...]] = set()
    for stmt in _statements(body, into_defs=False):
        if isinstance(stmt, _DEFS) and _covers(stmt, lines):
            inner = path + (stmt.name,)
            found.add(inner)
            found |= _scopes_covering(stmt.body, lines, inner)
    return found


def _called_names(node: ast.AST) -> Set[str]:
    """Names called as `f(...)` or `obj.f(...)` anywhere under `node`."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Name):
                names.add(call.func.id)
            elif isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
    return names


def _calls_any(node: ast.AST, names: Set[str]) -> bool:
    return bool(_called_names(node) & names)


def with_callees(tree: ast.Module, chosen: Set[int]) -> Set[int]:
    """Add the module's own functions and classes that chosen code calls, transitively, so
    the analysis can follow data into them."""
    defs = {top.name: index for index, top in enumerate(tree.body) if isinstance(top, _DEFS)}
    result, pending = set(chosen), list(chosen)
    while pending:
        index = pending.pop()
        for name in _called_names(tree.body[index]):
            callee = defs.get(name)
            if callee is not None and callee not in result:
                result.add(callee)
                pending.append(callee)
    return result


def _state_dict_producers(tree: ast.Module, lines: List[int]) -> Set[str]:
    """Functions that return a live `state_dict()`: their callers keep one too."""
    producers = set()
    for top in tree.body:
        if not _covers(top, lines):
            continue
        for func in _statements([top]):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    isinstance(r, ast.Return) and r.value is not None
                    and _is_state_dict_call(r.value) for r in ast.walk(func)):
                producers.add(func.name)
    return producers
