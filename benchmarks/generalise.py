"""Metamorphic variants of the corpus: does the static verdict survive the rewrites real
projects use?

Every single-file corpus case is rewritten (libcst codemods) into semantics-preserving
variants: the in-place statement moved into a helper (same module, another module, a
comprehension), the statement as a transform class bound at construction (inline, a local
variable, a `Compose` list, a registry dict), the stored data built another way (a loader in
another module returning a tuple, `np.array(...).astype(...)`, `np.concatenate`,
`torch.stack`, `torch.tensor(...).float()`), cached lazily, reached through a wrapper
(`__getitem__`, `pull_item`), a subclass hook, an `IterableDataset`, dict and record
samples, and import aliases. Training code (state_dict cases) is also rewritten: the training
step (`opt.step()`) moved into a trainer method, a callback object called through a list of
callbacks, a function of another module; the snapshot kept by a holder object of another
module (`holder.keep(m.state_dict())`, read back as `holder.state`).

Each variant is a small project (a folder with `case.py`) run by the corpus runner
(`flake8_copysafety.verify`) to learn its truth: a variant whose runtime verdict differs from
its original's is a wrong rewrite and is dropped. The static verdict is flake8's
(`--select CPS`): a case of `corpus/cps1xx` is "found" iff a CPS1xx code is reported on
its variant, likewise CPS2xx. The table gives agreement per transformation and overall.

Runtime verdicts are cached on disk by the variant's content (`--cache`).

    PYTHONPATH=$PWD python benchmarks/generalise.py                 # every case
    PYTHONPATH=$PWD python benchmarks/generalise.py --sample 5      # 5 cases per rewrite
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flake8_copysafety.verify.corpus import case_paths  # noqa: E402
from flake8_copysafety.verify.markers import parse_markers  # noqa: E402

CORPUS = ROOT / "corpus"
DEFAULT_CACHE = ROOT / "benchmarks" / ".generalise-cache.json"
FAMILIES = ("cps101", "cps102", "cps103", "cps104", "cps201", "cps202", "cps203")

Files = Dict[str, str]  # relative path -> source of one variant project


# --------------------------------------------------------------------------- helpers


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def _stmt(text: str) -> cst.BaseStatement:
    return cst.parse_statement(text)


def _expr(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


def _names(node: cst.CSTNode) -> List[str]:
    """Every Name read or written under `node`, except attribute names and keywords."""
    found: List[str] = []

    class Collect(cst.CSTVisitor):
        def visit_Attribute(self, n: cst.Attribute) -> bool:
            n.value.visit(self)
            return False

        def visit_Arg(self, n: cst.Arg) -> bool:
            n.value.visit(self)
            return False

        def visit_Name(self, n: cst.Name) -> None:
            found.append(n.value)

    node.visit(Collect())
    return found


def _comprehension_targets(node: cst.CSTNode) -> Set[str]:
    found: Set[str] = set()

    class Collect(cst.CSTVisitor):
        def visit_CompFor(self, n: cst.CompFor) -> None:
            found.update(_names(n.target))

        def visit_Lambda(self, n: cst.Lambda) -> None:
            found.update(p.name.value for p in n.params.params)

    node.visit(Collect())
    return found


def _bound_in(func: cst.FunctionDef) -> Set[str]:
    """The local names of a function: parameters and every name it binds."""
    names: Set[str] = set()
    params = func.params
    for p in [*params.posonly_params, *params.params, *params.kwonly_params]:
        names.add(p.name.value)
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)

    class Collect(cst.CSTVisitor):
        def visit_FunctionDef(self, n: cst.FunctionDef) -> bool:
            return n is func

        def visit_ClassDef(self, n: cst.ClassDef) -> bool:
            return False

        def visit_AssignTarget(self, n: cst.AssignTarget) -> None:
            names.update(_target_names(n.target))

        def visit_AugAssign(self, n: cst.AugAssign) -> None:
            names.update(_target_names(n.target))

        def visit_AnnAssign(self, n: cst.AnnAssign) -> None:
            names.update(_target_names(n.target))

        def visit_For(self, n: cst.For) -> None:
            names.update(_target_names(n.target))

        def visit_AsName(self, n: cst.AsName) -> None:
            names.update(_target_names(n.name))

        def visit_NamedExpr(self, n: cst.NamedExpr) -> None:
            names.update(_target_names(n.target))

    func.visit(Collect())
    return names


def _target_names(target: cst.CSTNode) -> List[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        out: List[str] = []
        for el in target.elements:
            out.extend(_target_names(el.value))
        return out
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def _binds(line: cst.SimpleStatementLine) -> List[str]:
    """Names the statement line rebinds (in order)."""
    out: List[str] = []
    for small in line.body:
        targets: List[cst.CSTNode] = []
        if isinstance(small, cst.Assign):
            targets = [t.target for t in small.targets]
        elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
            targets = [small.target]
        for t in targets:
            for name in _target_names(t):
                if name not in out:
                    out.append(name)
    return out


def _root_name(node: cst.CSTNode) -> Optional[str]:
    """The variable at the root of `a.b[c].d`."""
    while True:
        if isinstance(node, cst.Name):
            return node.value
        if isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Subscript):
            node = node.value
        elif isinstance(node, cst.Call):
            node = node.func
        else:
            return None


IN_PLACE_METHODS = {"fill", "sort", "put", "resize", "itemset", "update", "append", "extend",
                    "pop", "insert", "setdefault", "clear", "remove", "shuffle", "copyto",
                    "fill_diagonal", "clip", "normal_", "uniform_", "cvtColor"}


def _receiver(small: cst.BaseSmallStatement) -> Optional[cst.CSTNode]:
    """The expression a statement writes through: an assignment's subscript/attribute target,
    an augmented assignment's target, a method call's object, or a function's first argument
    (`np.random.shuffle(x)`)."""
    if isinstance(small, cst.AugAssign):
        return small.target
    if isinstance(small, cst.Assign):
        for t in small.targets:
            if isinstance(t.target, (cst.Subscript, cst.Attribute)):
                return t.target
        return None
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        call = small.value
        if isinstance(call.func, cst.Attribute):
            method = call.func.attr.value
            root = _root_name(call.func.value)
            if method.endswith("_") or method in IN_PLACE_METHODS:
                if root in ("np", "numpy", "torch", "cv2", "onp", "nn", "F", "init"):
                    return call.args[0].value if call.args else None
                return call.func.value
        elif call.args:
            return call.args[0].value
    return None


def _write_like(line: cst.SimpleStatementLine) -> bool:
    return any(_receiver(s) is not None for s in line.body) and not any(
        isinstance(s, cst.Assign) and all(isinstance(t.target, cst.Attribute) and
                                          _root_name(t.target) == "self" for t in s.targets)
        for s in line.body)


# --------------------------------------------------------------------------- the case model


@dataclass
class Target:
    """The statement line a rewrite moves: the one the case marks (`# expect:`), else its
    first write-like statement outside `__init__`."""

    func: cst.FunctionDef
    line: cst.SimpleStatementLine
    cls: Optional[cst.ClassDef]
    locals: Set[str]


@dataclass
class Case:
    name: str
    family: str
    source: str
    module: cst.Module
    expected: bool
    expects_finding: bool
    target: Optional[Target] = None
    has_entry: bool = False  # defines main/train/datasets
    classes: Dict[str, cst.ClassDef] = field(default_factory=dict)


class _FindTarget(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, lines: Set[int]) -> None:
        self.lines = lines
        self.funcs: List[cst.FunctionDef] = []
        self.classes: List[Optional[cst.ClassDef]] = [None]
        self.marked: Optional[Tuple] = None
        self.candidates: List[Tuple] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.funcs.append(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.funcs.pop()

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if not self.funcs:
            return
        func = self.funcs[-1]
        cls = self.classes[-1] if len(self.funcs) == 1 else None
        pos = self.get_metadata(PositionProvider, node)
        if self.marked is None and any(pos.start.line <= ln <= pos.end.line
                                       for ln in self.lines):
            self.marked = (func, node, cls)
        if func.name.value not in ("__init__", "__len__") and _write_like(node):
            self.candidates.append((func, node, cls))


def load_case(path: Path) -> Optional[Case]:
    source = path.read_text()
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError:
        return None
    markers = parse_markers(source)
    runtime = markers.runtime.get("cpu", markers.runtime.get("*"))
    expected = bool(markers.expected) if runtime is None else runtime
    try:  # named from the corpus on: `cps101/views/pos_permute.py`
        rel = path.resolve().relative_to(CORPUS.resolve())
    except ValueError:
        rel = Path(path.parent.name, path.name)
    case = Case(name=rel.as_posix(), family=rel.parts[0],
                source=source, module=module, expected=expected,
                expects_finding=bool(markers.expected))
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value in (
                "main", "train", "datasets"):
            case.has_entry = True
        if isinstance(stmt, cst.ClassDef):
            case.classes[stmt.name.value] = stmt
    finder = _FindTarget({ln for ln, _ in markers.expected})
    MetadataWrapper(module, unsafe_skip_copy=True).visit(finder)
    chosen = finder.marked or (finder.candidates[0] if finder.candidates else None)
    if chosen:
        func, line, cls = chosen
        case.target = Target(func, line, cls, _bound_in(func))
    return case


def _module_bindings(module: cst.Module) -> Dict[str, cst.CSTNode]:
    """Top-level name -> the statement that binds it."""
    out: Dict[str, cst.CSTNode] = {}
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out[stmt.name.value] = stmt
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        name = (alias.asname.name if alias.asname else alias.name)
                        key = _code(name).split(".")[0]
                        out[key] = stmt
                elif isinstance(small, cst.ImportFrom) and not isinstance(
                        small.names, cst.ImportStar):
                    for alias in small.names:
                        out[_code(alias.asname.name if alias.asname else alias.name)] = stmt
                elif isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = small.targets if isinstance(small, cst.Assign) else [small]
                    for t in targets:
                        for name in _target_names(t.target):
                            out[name] = stmt
    return out


def _imports(module: cst.Module) -> List[cst.CSTNode]:
    return [s for s in module.body if isinstance(s, cst.SimpleStatementLine) and all(
        isinstance(x, (cst.Import, cst.ImportFrom)) for x in x_body(s))]


def x_body(s: cst.SimpleStatementLine):
    return s.body


def _definitions_for(module: cst.Module, names: Sequence[str],
                     allow_classes: bool = False) -> Optional[List[cst.CSTNode]]:
    """The top-level statements (other than imports) the names need, transitively, in module
    order; None where one is a class (its identity would change) or the name is unknown."""
    bindings = _module_bindings(module)
    imports = set(map(id, _imports(module)))
    needed: Dict[int, cst.CSTNode] = {}
    todo = list(names)
    seen: Set[str] = set()
    builtins = set(dir(__builtins__)) if isinstance(__builtins__, dict) is False else set(
        __builtins__)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        stmt = bindings.get(name)
        if stmt is None:
            if name in builtins or name in ("self", "cls"):
                continue
            continue  # a local of the moved code (the caller filters those)
        if id(stmt) in imports:
            continue
        if isinstance(stmt, cst.ClassDef) and not allow_classes:
            return None
        needed[id(stmt)] = stmt
        inner = _names(stmt)
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            inner = [n for n in inner if n not in _bound_in_any(stmt)]
        todo.extend(inner)
    return [s for s in module.body if id(s) in needed]


def _bound_in_any(stmt: cst.CSTNode) -> Set[str]:
    out: Set[str] = set()

    class Collect(cst.CSTVisitor):
        def visit_FunctionDef(self, n: cst.FunctionDef) -> None:
            out.update(_bound_in(n))

    stmt.visit(Collect())
    return out


# --------------------------------------------------------------------------- rewriting


class _Replace(cst.CSTTransformer):
    """Replace one statement line by others; optionally insert statements at module level
    before the first class/function, and append statements at the end."""

    def __init__(self, old: cst.CSTNode, new: Sequence[cst.BaseStatement]) -> None:
        self.old, self.new = old, list(new)

    def on_leave(self, original, updated):
        if original is self.old:
            if len(self.new) == 1:
                return self.new[0]
            return cst.FlattenSentinel(self.new)
        return updated


def _replace(module: cst.Module, old: cst.CSTNode, *new: cst.BaseStatement) -> cst.Module:
    return module.visit(_Replace(old, new))


def _insert_defs(module: cst.Module, defs: Sequence[cst.BaseStatement],
                 before: Optional[str] = None) -> cst.Module:
    """Insert definitions after the imports (or before the named top-level class)."""
    body = list(module.body)
    index = 0
    for i, stmt in enumerate(body):
        if before is not None and isinstance(stmt, cst.ClassDef) and stmt.name.value == before:
            index = i
            break
        if isinstance(stmt, cst.SimpleStatementLine) and all(
                isinstance(x, (cst.Import, cst.ImportFrom, cst.Expr)) for x in stmt.body):
            index = i + 1
        elif before is None and not isinstance(stmt, cst.SimpleStatementLine):
            break
    body[index:index] = list(defs)
    return module.with_changes(body=body)


def _append(module: cst.Module, *stmts: cst.BaseStatement) -> cst.Module:
    return module.with_changes(body=[*module.body, *stmts])


def _add_import(module: cst.Module, text: str) -> cst.Module:
    body = list(module.body)
    index = 0
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine) and any(
                isinstance(x, (cst.Import, cst.ImportFrom)) for x in stmt.body):
            index = i + 1
    body.insert(index, _stmt(text))
    return module.with_changes(body=body)


def _free_locals(case: Case) -> Optional[List[str]]:
    """The locals the target line reads or writes that are bound before it runs."""
    t = case.target
    assert t is not None
    inner = _comprehension_targets(t.line)
    names: List[str] = []
    for name in _names(t.line):
        if name in t.locals and name not in inner and name not in names:
            names.append(name)
    for small in t.line.body:
        if isinstance(small, (cst.Break, cst.Continue, cst.Global, cst.Nonlocal, cst.Raise)):
            return None
        if isinstance(small, cst.Expr) and isinstance(small.value, (cst.Yield, cst.Await)):
            return None
    if _has_yield(t.line):
        return None
    # a name only written (plain assignment) need not be passed in
    written_only = []
    for small in t.line.body:
        if isinstance(small, cst.Assign):
            value_names = set(_names(small.value))
            for target in small.targets:
                for name in _target_names(target.target):
                    if name not in value_names:
                        written_only.append(name)
    return [n for n in names if n not in written_only]


def _has_yield(node: cst.CSTNode) -> bool:
    found = []

    class V(cst.CSTVisitor):
        def visit_Yield(self, n):
            found.append(n)

    node.visit(V())
    return bool(found)


def _is_return(line: cst.SimpleStatementLine) -> bool:
    return len(line.body) == 1 and isinstance(line.body[0], cst.Return)


def _helper(case: Case, name: str) -> Optional[Tuple[cst.FunctionDef, List[cst.BaseStatement],
                                                      List[str]]]:
    """The target line as a module-level function: (its def, the call site, module-level
    names it reads)."""
    t = case.target
    if t is None:
        return None
    params = _free_locals(case)
    if params is None:
        return None
    args = ", ".join(params)
    line = t.line.with_changes(leading_lines=[])
    if _is_return(line):
        body = [line]
        call = [_stmt(f"return {name}({args})")]
    else:
        binds = _binds(line)
        body = [line]
        if binds:
            body.append(_stmt(f"return {', '.join(binds)}"))
            lhs = ", ".join(binds) + ("," if len(binds) == 1 and False else "")
            call = [_stmt(f"{lhs} = {name}({args})")]
        else:
            call = [_stmt(f"{name}({args})")]
    func = cst.FunctionDef(
        name=cst.Name(name),
        params=cst.Parameters(params=[cst.Param(cst.Name(p)) for p in params]),
        body=cst.IndentedBlock(body=body),
        leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
    module_names = [n for n in _names(line) if n not in t.locals]
    return func, call, module_names


def helper_same_module(case: Case) -> Optional[Files]:
    made = _helper(case, "apply_step")
    if made is None:
        return None
    func, call, _ = made
    module = _replace(case.module, case.target.line, *call)
    module = _insert_defs(module, [func])
    return {"case.py": module.code}


def helper_other_module(case: Case) -> Optional[Files]:
    made = _helper(case, "apply_step")
    if made is None:
        return None
    func, call, module_names = made
    defs = _definitions_for(case.module, module_names)
    if defs is None:
        return None
    helpers = cst.Module(body=[*_imports(case.module), *defs, func])
    module = _replace(case.module, case.target.line, *call)
    module = _add_import(module, "from steps import apply_step")
    return {"case.py": module.code, "steps.py": helpers.code}


def comprehension(case: Case) -> Optional[Files]:
    """The statement applied to each item of a one-item list by a comprehension."""
    made = _helper(case, "apply_step")
    if made is None or _is_return(case.target.line):
        return None
    func, _, _ = made
    params = [p.name.value for p in func.params.params]
    binds = _binds(case.target.line)
    if len(params) != 1 or (binds and binds != params):
        return None
    (var,) = params
    body = list(func.body.body)
    if not binds:
        body.append(_stmt(f"return {var}"))
    func = func.with_changes(body=cst.IndentedBlock(body=body))
    call = _stmt(f"{var} = [apply_step(item) for item in [{var}]][0]")
    module = _replace(case.module, case.target.line, call)
    return {"case.py": _insert_defs(module, [func]).code}


def _sample_variant(case: Case, kind: str) -> Optional[Files]:
    t = case.target
    if t is None or len(t.line.body) != 1:
        return None
    small = t.line.body[0]
    receiver = _receiver(small)
    if receiver is None:
        return None
    root = _root_name(receiver)
    if root is None or root not in t.locals or root == "self":
        return None
    # the receiver's root Name node, replaced by the sample's entry
    access = '["value"]' if kind == "dict" else ".value"
    target_node = receiver
    while not isinstance(target_node, cst.Name):
        target_node = target_node.value if not isinstance(target_node, cst.Call) else \
            target_node.func

    class Swap(cst.CSTTransformer):
        def on_leave(self, original, updated):
            if original is target_node:
                return _expr(f"sample{access}")
            return updated

    new_line = t.line.visit(Swap())
    if kind == "dict":
        make = _stmt(f'sample = {{"value": {root}}}')
        defs: List[cst.BaseStatement] = []
    else:
        make = _stmt(f"sample = Record({root})")
        defs = [_stmt("class Record:\n    def __init__(self, value):\n"
                      "        self.value = value\n")]
    binds = _binds(t.line)
    after = [_stmt(f"{root} = sample{access}")] if root in binds else []
    module = _replace(case.module, t.line, make.with_changes(
        leading_lines=t.line.leading_lines), new_line.with_changes(leading_lines=[]), *after)
    if defs:
        module = _insert_defs(module, defs)
    return {"case.py": module.code}


def dict_sample(case: Case) -> Optional[Files]:
    return _sample_variant(case, "dict")


def record_sample(case: Case) -> Optional[Files]:
    return _sample_variant(case, "record")


# ------------------------------------------------------------- dataset-class rewrites


def _dataset_class(case: Case) -> Optional[cst.ClassDef]:
    """The case's one dataset class (defines `__getitem__` and `__len__`), when the runner
    builds it bare (no `main`/`train`/`datasets` entry)."""
    if case.has_entry:
        return None
    found = [c for c in case.classes.values()
             if _method(c, "__getitem__") is not None and _method(c, "__len__") is not None]
    return found[0] if len(found) == 1 else None


def _method(cls: cst.ClassDef, name: str) -> Optional[cst.FunctionDef]:
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
            return stmt
    return None


def _rename_method(cls: cst.ClassDef, old: str, new: str) -> cst.ClassDef:
    body = []
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == old:
            stmt = stmt.with_changes(name=cst.Name(new))
        body.append(stmt)
    return cls.with_changes(body=cls.body.with_changes(body=body))


def _torch_dataset_base(case: Case, cls: cst.ClassDef) -> bool:
    return any(_code(b.value) in ("Dataset", "torch.utils.data.Dataset", "data.Dataset")
               for b in cls.bases)


class _Transform:
    """The target line as `__call__` of a transform class the dataset runs on one value."""

    @staticmethod
    def build(case: Case, binding: str) -> Optional[Files]:
        cls = _dataset_class(case)
        t = case.target
        if cls is None or t is None or t.cls is not cls or t.func.name.value != "__getitem__":
            return None
        params = _free_locals(case)
        binds = _binds(t.line)
        if params is None or len(params) != 1 or params == ["self"] or _is_return(t.line) \
                or (binds and binds != params):
            return None
        (var,) = params
        if _names(t.line).count("self"):
            return None
        init = _method(cls, "__init__")
        if init is None or init.params.star_kwarg is not None or \
                not isinstance(init.params.star_arg, cst.MaybeSentinel):
            return None
        step_line = t.line.with_changes(leading_lines=[])
        step = cst.ClassDef(
            name=cst.Name("Step"),
            body=cst.IndentedBlock(body=[cst.FunctionDef(
                name=cst.Name("__call__"),
                params=cst.Parameters(params=[cst.Param(cst.Name("self")),
                                              cst.Param(cst.Name(var))]),
                body=cst.IndentedBlock(body=[step_line, _stmt(f"return {var}")]))]),
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        call = _stmt(f"if self.transform is not None:\n    {var} = self.transform({var})\n")
        new_params = init.params.with_changes(params=[*init.params.params, cst.Param(
            cst.Name("transform"), default=cst.Name("None"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))])
        new_body = list(init.body.body)
        first = 1 if new_body and isinstance(new_body[0], cst.SimpleStatementLine) and \
            isinstance(new_body[0].body[0], cst.Expr) and isinstance(
                new_body[0].body[0].value, cst.SimpleString) else 0
        new_body.insert(first, _stmt("self.transform = transform"))
        new_init = init.with_changes(params=new_params,
                                     body=init.body.with_changes(body=new_body))
        module = _replace(case.module, t.line, call.with_changes(
            leading_lines=t.line.leading_lines))
        module = _replace(module, _find_same(module, init), new_init)
        defs: List[cst.BaseStatement] = [step]
        name = cls.name.value
        if binding == "inline":
            factory = f"def datasets():\n    return [{name}(transform=Step())]\n"
        elif binding == "local":
            factory = f"def datasets():\n    tfm = Step()\n    return [{name}(transform=tfm)]\n"
        elif binding == "compose":
            defs.append(_stmt(
                "class Compose:\n    def __init__(self, transforms):\n"
                "        self.transforms = transforms\n\n    def __call__(self, x):\n"
                "        for t in self.transforms:\n            x = t(x)\n        return x\n"))
            factory = (f"def datasets():\n    tfm = Compose([Step()])\n"
                       f"    return [{name}(transform=tfm)]\n")
        else:  # registry
            defs.append(_stmt('TRANSFORMS = {"step": Step}\n'))
            factory = (f"def datasets():\n    cfg = {{\"transform\": \"step\"}}\n"
                       f"    return [{name}(transform=TRANSFORMS[cfg[\"transform\"]]())]\n")
        module = _insert_defs(module, defs, before=name)
        module = _append(module, _stmt(factory).with_changes(
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
        return {"case.py": module.code}


def _find_same(module: cst.Module, node: cst.CSTNode) -> cst.CSTNode:
    """`node` (from the original tree) in a rewritten tree, found by its code."""
    wanted = _code(node)
    found: List[cst.CSTNode] = []

    class V(cst.CSTVisitor):
        def on_visit(self, n):
            if not found and type(n) is type(node) and _code(n) == wanted:
                found.append(n)
                return False
            return True

    module.visit(V())
    return found[0] if found else node


def transform_inline(case: Case) -> Optional[Files]:
    return _Transform.build(case, "inline")


def transform_local(case: Case) -> Optional[Files]:
    return _Transform.build(case, "local")


def transform_compose(case: Case) -> Optional[Files]:
    return _Transform.build(case, "compose")


def transform_registry(case: Case) -> Optional[Files]:
    return _Transform.build(case, "registry")


def wrapper_getitem(case: Case) -> Optional[Files]:
    """The dataset, stripped of its base, wrapped by a dataset delegating `__getitem__`."""
    cls = _dataset_class(case)
    if cls is None:
        return None
    name = cls.name.value
    inner = cls.with_changes(name=cst.Name("Source"), bases=[], lpar=cst.MaybeSentinel.DEFAULT,
                             rpar=cst.MaybeSentinel.DEFAULT)
    module = _replace(case.module, cls, inner)
    module = _add_import(module, "from torch.utils.data import Dataset as TorchDataset")
    module = _append(module, _stmt(
        f"class {name}(TorchDataset):\n    def __init__(self):\n"
        f"        self.dataset = Source()\n\n    def __len__(self):\n"
        f"        return len(self.dataset)\n\n    def __getitem__(self, index):\n"
        f"        return self.dataset[index]\n").with_changes(
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
    if "Source" in case.classes or _names(case.module).count("Source"):
        return None
    return {"case.py": module.code}


def wrapper_pull_item(case: Case) -> Optional[Files]:
    """The dataset's `__getitem__` renamed `pull_item`, called by a wrapper dataset."""
    cls = _dataset_class(case)
    if cls is None or _uses_subscript_self(cls):
        return None
    name = cls.name.value
    inner = _rename_method(cls, "__getitem__", "pull_item")
    module = _replace(case.module, cls, inner)
    module = _add_import(module, "from torch.utils.data import Dataset as TorchDataset")
    module = _append(module, _stmt(
        f"class Wrapped(TorchDataset):\n    def __init__(self):\n"
        f"        self.dataset = {name}()\n\n    def __len__(self):\n"
        f"        return len(self.dataset)\n\n    def __getitem__(self, index):\n"
        f"        return self.dataset.pull_item(index)\n").with_changes(
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
    return {"case.py": module.code}


def _uses_subscript_self(cls: cst.ClassDef) -> bool:
    return "self[" in _code(cls).replace(" ", "")


def subclass_hook(case: Case) -> Optional[Files]:
    """`__getitem__` moved to a base class that calls the subclass's `load_item` hook."""
    cls = _dataset_class(case)
    if cls is None or _uses_subscript_self(cls):
        return None
    getitem = _method(cls, "__getitem__")
    if getitem is None or getitem.decorators:
        return None
    bases = ", ".join(_code(b.value) for b in cls.bases)
    base = _stmt(f"class ItemBase({bases}):\n    def __getitem__(self, index):\n"
                 f"        return self.load_item(index)\n")
    inner = _rename_method(cls, "__getitem__", "load_item").with_changes(
        bases=[cst.Arg(cst.Name("ItemBase"))], lpar=cst.LeftParen(), rpar=cst.RightParen())
    module = _replace(case.module, cls, base.with_changes(leading_lines=cls.leading_lines),
                      inner.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
    return {"case.py": module.code}


def iterable_dataset(case: Case) -> Optional[Files]:
    """The dataset as an `IterableDataset` whose `__iter__` yields each item."""
    cls = _dataset_class(case)
    if cls is None or not _torch_dataset_base(case, cls) or _uses_subscript_self(cls):
        return None
    getitem = _method(cls, "__getitem__")
    if getitem is None or getitem.decorators:
        return None
    inner = _rename_method(cls, "__getitem__", "read_item")
    body = list(inner.body.body) + [_stmt(
        "def __iter__(self):\n    for index in range(len(self)):\n"
        "        yield self.read_item(index)\n").with_changes(leading_lines=[cst.EmptyLine()])]
    inner = inner.with_changes(bases=[cst.Arg(cst.Name("IterableDataset"))],
                               body=inner.body.with_changes(body=body))
    module = _replace(case.module, cls, inner)
    module = _add_import(module, "from torch.utils.data import IterableDataset")
    return {"case.py": module.code}


# ------------------------------------------------------------- stored-data rewrites


NP_CTORS = {"zeros", "ones", "empty", "full", "arange", "eye", "linspace", "array",
            "random.rand", "random.randn", "random.random", "ones_like", "zeros_like"}
TORCH_CTORS = {"zeros", "ones", "empty", "full", "arange", "eye", "linspace", "rand",
               "randn", "tensor", "randint"}
FLOAT_CTORS = {"zeros", "ones", "empty", "full", "eye", "linspace", "rand", "randn",
               "random.rand", "random.randn", "random.random"}


def _library_aliases(module: cst.Module) -> Dict[str, str]:
    """Local name -> 'numpy' | 'torch' for `import numpy as np` / `import torch`."""
    out: Dict[str, str] = {}
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        full = _code(alias.name)
                        if full in ("numpy", "torch"):
                            local = alias.asname.name.value if alias.asname else full
                            out[local] = full
    return out


def _ctor(call: cst.Call, aliases: Dict[str, str]) -> Optional[Tuple[str, str]]:
    """('numpy'|'torch', function) for a constructor call such as `np.zeros(...)`."""
    text = _code(call.func)
    head, _, rest = text.partition(".")
    lib = aliases.get(head)
    if lib == "numpy" and rest in NP_CTORS:
        return lib, rest
    if lib == "torch" and rest in TORCH_CTORS:
        return lib, rest
    return None


def _stored_assignments(cls: cst.ClassDef) -> List[cst.SimpleStatementLine]:
    init = _method(cls, "__init__")
    if init is None:
        return []
    out = []
    for stmt in init.body.body:
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 and isinstance(
                stmt.body[0], cst.Assign) and len(stmt.body[0].targets) == 1:
            target = stmt.body[0].targets[0].target
            if isinstance(target, cst.Attribute) and _code(target.value) == "self":
                out.append(stmt)
    return out


def _data_classes(case: Case) -> List[cst.ClassDef]:
    return [c for c in case.classes.values() if _method(c, "__getitem__") is not None]


def _rewrite_ctors(case: Case, rewrite: Callable[[str, str, cst.Call, str],
                                                 Optional[str]]) -> Optional[Files]:
    aliases = _library_aliases(case.module)
    changed = [False]

    class Rewrite(cst.CSTTransformer):
        def __init__(self) -> None:
            self.depth = 0

        def visit_Call(self, node: cst.Call) -> None:
            self.depth += 1

        def leave_Call(self, original: cst.Call, updated: cst.Call):
            self.depth -= 1
            if self.depth:
                return updated
            found = _ctor(original, aliases)
            if found is None:
                return updated
            head = _code(original.func).split(".")[0]
            text = rewrite(found[0], found[1], original, head)
            if text is None:
                return updated
            changed[0] = True
            return _expr(text)

    module = case.module
    for cls in _data_classes(case):
        for stmt in _stored_assignments(cls):
            new = stmt.visit(Rewrite())
            if new is not stmt and changed[0]:
                module = _replace(module, _find_same(module, stmt), new)
    if not changed[0]:
        return None
    return {"case.py": module.code}


def _dtype_of(call: cst.Call) -> Optional[str]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "dtype":
            return _code(arg.value)
    return None


def ctor_astype(case: Case) -> Optional[Files]:
    def rewrite(lib, fn, call, head):
        if lib != "numpy":
            return None
        dtype = _dtype_of(call) or (f"{head}.float64" if fn in FLOAT_CTORS else None)
        if dtype is None:
            return None
        return f"{head}.array({_code(call)}).astype({dtype})"
    return _rewrite_ctors(case, rewrite)


def ctor_concatenate(case: Case) -> Optional[Files]:
    def rewrite(lib, fn, call, head):
        if lib != "numpy":
            return None
        return f"{head}.concatenate([{_code(call)}])"
    return _rewrite_ctors(case, rewrite)


def ctor_stack(case: Case) -> Optional[Files]:
    def rewrite(lib, fn, call, head):
        if lib != "torch":
            return None
        return f"{head}.stack(list({_code(call)}))"
    return _rewrite_ctors(case, rewrite)


def ctor_tensor_float(case: Case) -> Optional[Files]:
    def rewrite(lib, fn, call, head):
        if lib != "torch" or fn not in FLOAT_CTORS or _dtype_of(call):
            return None
        return f"{head}.tensor({_code(call)}.tolist()).float()"
    return _rewrite_ctors(case, rewrite)


def _first_stored(case: Case) -> Optional[Tuple[cst.ClassDef, cst.SimpleStatementLine, str,
                                                 cst.BaseExpression]]:
    """The dataset's first stored attribute built only from module-level names."""
    cls = _dataset_class(case)
    if cls is None:
        return None
    init = _method(cls, "__init__")
    if init is None:
        return None
    local = _bound_in(init)
    aliases = _library_aliases(case.module)
    for stmt in _stored_assignments(cls):
        assign = stmt.body[0]
        value = assign.value
        names = set(_names(value)) - _comprehension_targets(value)
        if names & local or not names & set(aliases):
            continue
        return cls, stmt, assign.targets[0].target.attr.value, value
    return None


def loader_tuple(case: Case) -> Optional[Files]:
    """The stored data built by `load_data()` of another module, returned in a tuple."""
    found = _first_stored(case)
    if found is None:
        return None
    cls, stmt, attr, value = found
    needed = set(_names(value)) - _comprehension_targets(value)
    defs = _definitions_for(case.module, sorted(needed))
    if defs is None:
        return None
    loader = _stmt(f"def load_data():\n    data = {_code(value)}\n"
                   f"    return data, len(data)\n").with_changes(
        leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
    loaders = cst.Module(body=[*_imports(case.module), *defs, loader])
    module = _replace(case.module, stmt, _stmt(f"self.{attr}, self.count = load_data()"))
    if "self.count" in case.source:
        return None
    module = _add_import(module, "from loaders import load_data")
    return {"case.py": module.code, "loaders.py": loaders.code}


def lazy_cache(case: Case) -> Optional[Files]:
    """The stored data as a cache filled on first use (`if self.x[i] is None: ...`) from a
    loader, warmed by the project before use."""
    found = _first_stored(case)
    if found is None:
        return None
    cls, stmt, attr, value = found
    getitem = _method(cls, "__getitem__")
    if getitem is None or getitem.decorators or len(getitem.params.params) < 2:
        return None
    index = getitem.params.params[1].name.value
    # every use outside __init__: `self.attr[index]` in __getitem__ or `len(self.attr)`
    code = _code(cls)
    uses = len(re.findall(rf"self\.{attr}\b", code))
    plain = len(re.findall(rf"len\(self\.{attr}\)", code))
    getitem_code = _code(getitem)
    indexed = len(re.findall(rf"self\.{attr}\[{index}\]", getitem_code))
    if uses != 1 + plain + indexed or indexed == 0 or index in _binds_any(getitem):
        return None

    class Swap(cst.CSTTransformer):
        def leave_Subscript(self, original, updated):
            if _code(original) == f"self.{attr}[{index}]":
                return _expr(f"self.load_{attr}({index})")
            return updated

    new_getitem = getitem.visit(Swap())
    load = _stmt(f"def load_{attr}(self, i):\n    if self.{attr}[i] is None:\n"
                 f"        self.{attr}[i] = read_{attr}(i)\n    return self.{attr}[i]\n"
                 ).with_changes(leading_lines=[cst.EmptyLine()])
    new_cls = _replace(cls, getitem, new_getitem, load)
    new_cls = _replace(new_cls, _find_same(new_cls, stmt),
                       _stmt(f"self.{attr} = [None] * len(source_{attr}())"))
    module = _replace(case.module, cls, new_cls)
    module = _insert_defs(module, [
        _stmt(f"def source_{attr}():\n    return {_code(value)}\n").with_changes(
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()]),
        _stmt(f"def read_{attr}(i):\n    return source_{attr}()[i]\n").with_changes(
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()])], before=cls.name.value)
    module = _append(module, _stmt(
        f"def datasets():\n    dataset = {cls.name.value}()\n"
        f"    for i in range(len(dataset)):\n        dataset.load_{attr}(i)\n"
        f"    return [dataset]\n").with_changes(
            leading_lines=[cst.EmptyLine(), cst.EmptyLine()]))
    return {"case.py": module.code}


def _binds_any(func: cst.FunctionDef) -> Set[str]:
    params = {p.name.value for p in func.params.params}
    return _bound_in(func) - params


# ------------------------------------------------------------- import aliases


ALIASES = {"numpy": "onp", "torch": "th", "copy": "cpmod"}
FROM_ALIASES = {"copy": "cp", "deepcopy": "dcp"}


def import_alias(case: Case) -> Optional[Files]:
    """`import numpy as onp`, `import torch as th`, `from copy import copy as cp`, ..."""
    renames: Dict[str, str] = {}
    plain_dotted = False
    for stmt in case.module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    full = _code(alias.name)
                    local = alias.asname.name.value if alias.asname else full
                    if "." in full and alias.asname is None:
                        plain_dotted = True
                    elif full in ALIASES:
                        renames[local] = ALIASES[full]
            elif isinstance(small, cst.ImportFrom) and small.module is not None and \
                    not isinstance(small.names, cst.ImportStar):
                mod = _code(small.module)
                if mod.split(".")[0] in ("copy", "numpy", "torch"):
                    for alias in small.names:
                        orig = _code(alias.name)
                        local = alias.asname.name.value if alias.asname else orig
                        renames[local] = FROM_ALIASES.get(orig, f"{orig}_")
    if not renames or plain_dotted:
        return None
    taken = set(_names(case.module))
    if set(renames.values()) & taken:
        return None

    class Rename(cst.CSTTransformer):
        def leave_ImportAlias(self, original, updated):
            full = _code(original.name)
            local = original.asname.name.value if original.asname else full
            if local in renames:
                return updated.with_changes(asname=cst.AsName(name=cst.Name(renames[local])))
            return updated

        def visit_ImportAlias(self, node):
            return False

        def leave_ImportFrom(self, original, updated):
            return updated.with_changes(module=original.module)

        def visit_Attribute(self, node):
            node.value.visit(self)
            return True

        def leave_Attribute(self, original, updated):
            return updated.with_changes(attr=original.attr)

        def leave_Arg(self, original, updated):
            return updated.with_changes(keyword=original.keyword)

        def leave_Param(self, original, updated):
            return updated.with_changes(name=original.name)

        def leave_FunctionDef(self, original, updated):
            return updated.with_changes(name=original.name)

        def leave_ClassDef(self, original, updated):
            return updated.with_changes(name=original.name)

        def leave_Name(self, original, updated):
            if original.value in renames:
                return updated.with_changes(value=renames[original.value])
            return updated

    # local variables that shadow an imported name would be renamed too: skip those cases
    for func in _all_functions(case.module):
        if _bound_in(func) & set(renames):
            return None
    return {"case.py": case.module.visit(Rename()).code}


# ---------------------------------------------------------------- state_dict rewrites


def _step_lines(case: Case) -> List[Tuple[cst.FunctionDef, cst.SimpleStatementLine, str]]:
    """`opt.step()` lines (an optimizer held in a local): (function, line, the local)."""
    out: List[Tuple[cst.FunctionDef, cst.SimpleStatementLine, str]] = []
    funcs: List[cst.FunctionDef] = []

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, n):
            funcs.append(n)

        def leave_FunctionDef(self, n):
            funcs.pop()

        def visit_SimpleStatementLine(self, n):
            if not funcs or len(n.body) != 1 or not isinstance(n.body[0], cst.Expr):
                return
            call = n.body[0].value
            if (isinstance(call, cst.Call) and not call.args
                    and isinstance(call.func, cst.Attribute) and call.func.attr.value == "step"
                    and isinstance(call.func.value, cst.Name)
                    and call.func.value.value in _bound_in(funcs[-1])):
                out.append((funcs[-1], n, call.func.value.value))

    case.module.visit(V())
    return out


def _move_steps(case: Case, call_site: Callable[[str], List[cst.BaseStatement]]
                ) -> Optional[cst.Module]:
    steps = _step_lines(case)
    if not steps:
        return None
    module = case.module
    for _, line, opt in steps:
        module = module.visit(_Replace(line, [
            s.with_changes(leading_lines=line.leading_lines if i == 0 else [])
            for i, s in enumerate(call_site(opt))]))
    return module


_TRAINER = """class Trainer:
    def __init__(self, optimizer):
        self.optimizer = optimizer

    def step(self):
        self.optimizer.step()
"""

_CALLBACK = """class StepCallback:
    def __init__(self, optimizer):
        self.optimizer = optimizer

    def on_batch_end(self):
        self.optimizer.step()
"""


def train_step_method(case: Case) -> Optional[Files]:
    """The training step (`opt.step()`) as a trainer method: `Trainer(opt).step()`."""
    module = _move_steps(case, lambda opt: [_stmt(f"trainer = Trainer({opt})\n"),
                                            _stmt("trainer.step()\n")])
    if module is None:
        return None
    return {"case.py": _insert_defs(module, [_stmt(_TRAINER)]).code}


def train_step_callback(case: Case) -> Optional[Files]:
    """The training step in a callback object called through a list of callbacks."""
    module = _move_steps(case, lambda opt: [
        _stmt(f"callbacks = [StepCallback({opt})]\n"),
        _stmt("for callback in callbacks:\n    callback.on_batch_end()\n")])
    if module is None:
        return None
    return {"case.py": _insert_defs(module, [_stmt(_CALLBACK)]).code}


def train_step_other_module(case: Case) -> Optional[Files]:
    """The training step in a function of another module: `optimizer_step(opt)`."""
    module = _move_steps(case, lambda opt: [_stmt(f"optimizer_step({opt})\n")])
    if module is None:
        return None
    module = _add_import(module, "from training import optimizer_step")
    return {"case.py": module.code,
            "training.py": "def optimizer_step(optimizer):\n    optimizer.step()\n"}


def _snapshot_line(case: Case) -> Optional[Tuple[cst.FunctionDef, cst.SimpleStatementLine,
                                                  str]]:
    """The snapshot: `name = <value>` where the value takes `.state_dict()`, or a list/dict of
    a module's parameters; the marked line first: (function, line, name)."""
    found: List[Tuple[cst.FunctionDef, cst.SimpleStatementLine, str]] = []
    funcs: List[cst.FunctionDef] = []
    marked = case.target.line if case.target is not None else None

    def snapshot(value: cst.BaseExpression) -> bool:
        text = _code(value)
        if ".state_dict(" in text:
            return True
        outer = _code(value.func) if isinstance(value, cst.Call) else ""
        return ("parameters(" in text and (
            outer in ("list", "dict", "tuple") or isinstance(value, (cst.ListComp,
                                                                     cst.DictComp))))

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, n):
            funcs.append(n)

        def leave_FunctionDef(self, n):
            funcs.pop()

        def visit_SimpleStatementLine(self, n):
            if not funcs or len(n.body) != 1 or not isinstance(n.body[0], cst.Assign):
                return
            assign = n.body[0]
            if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
                return
            if snapshot(assign.value):
                found.append((funcs[-1], n, assign.targets[0].target.value))

    case.module.visit(V())
    found.sort(key=lambda f: f[1] is not marked)
    for func, line, name in found:
        if func.name.value != "__init__" and _bound_count(func, name) >= 1:
            return func, line, name
    return None


def _bound_count(func: cst.FunctionDef, name: str) -> int:
    count = [0]

    class V(cst.CSTVisitor):
        def visit_AssignTarget(self, n):
            count[0] += _target_names(n.target).count(name)

        def visit_AugAssign(self, n):
            count[0] += _target_names(n.target).count(name)

        def visit_For(self, n):
            count[0] += _target_names(n.target).count(name)

        def visit_CompFor(self, n):
            count[0] -= 1000 * _target_names(n.target).count(name)

        def visit_Param(self, n):
            count[0] -= 1000 * (n.name.value == name)

        def visit_Nonlocal(self, n):
            count[0] -= 1000

        def visit_Global(self, n):
            count[0] -= 1000

    func.visit(V())
    return count[0]


def snapshot_holder_other_module(case: Case) -> Optional[Files]:
    """The snapshot kept by a holder object of another module: `holder.keep(<value>)`, every
    other use of the name is `holder.state` (`holder = Snapshot()` opens the function)."""
    found = _snapshot_line(case)
    if found is None:
        return None
    func, line, name = found
    assign = line.body[0]

    class Rewrite(cst.CSTTransformer):
        def __init__(self):
            self.skip: Set[int] = set()  # attribute and keyword names

        def visit_Attribute(self, n):
            self.skip.add(id(n.attr))

        def visit_Arg(self, n):
            if n.keyword is not None:
                self.skip.add(id(n.keyword))

        def leave_SimpleStatementLine(self, original, updated):
            if original is line:
                return updated.with_changes(body=[cst.Expr(cst.Call(
                    _expr("holder.keep"), args=[cst.Arg(assign.value)]))])
            return updated

        def leave_Name(self, original, updated):
            if original.value == name and id(original) not in self.skip:
                return _expr("holder.state")
            return updated

    class InFunc(cst.CSTTransformer):
        def leave_FunctionDef(self, original, updated):
            if original is not func:
                return updated
            new = original.visit(Rewrite())
            body = list(new.body.body)
            first = 1 if body and isinstance(body[0], cst.SimpleStatementLine) and isinstance(
                body[0].body[0], cst.Expr) and isinstance(body[0].body[0].value,
                                                          cst.SimpleString) else 0
            body.insert(first, _stmt("holder = Snapshot()\n"))
            return new.with_changes(body=new.body.with_changes(body=body))

    if "holder" in _bound_in(func):
        return None
    module = case.module.visit(InFunc())
    module = _add_import(module, "from holders import Snapshot")
    holder = ("class Snapshot:\n    def __init__(self):\n        self.state = None\n\n"
              "    def keep(self, state):\n        self.state = state\n")
    return {"case.py": module.code, "holders.py": holder}


def _all_functions(module: cst.Module) -> List[cst.FunctionDef]:
    out: List[cst.FunctionDef] = []

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, n):
            out.append(n)

    module.visit(V())
    return out


TRANSFORMATIONS: Dict[str, Callable[[Case], Optional[Files]]] = {
    "helper_same_module": helper_same_module,
    "helper_other_module": helper_other_module,
    "comprehension": comprehension,
    "transform_inline": transform_inline,
    "transform_local": transform_local,
    "transform_compose": transform_compose,
    "transform_registry": transform_registry,
    "loader_tuple": loader_tuple,
    "ctor_astype": ctor_astype,
    "ctor_concatenate": ctor_concatenate,
    "ctor_stack": ctor_stack,
    "ctor_tensor_float": ctor_tensor_float,
    "lazy_cache": lazy_cache,
    "wrapper_getitem": wrapper_getitem,
    "wrapper_pull_item": wrapper_pull_item,
    "dict_sample": dict_sample,
    "record_sample": record_sample,
    "subclass_hook": subclass_hook,
    "iterable_dataset": iterable_dataset,
    "import_alias": import_alias,
    "train_step_method": train_step_method,
    "train_step_callback": train_step_callback,
    "train_step_other_module": train_step_other_module,
    "snapshot_holder_other_module": snapshot_holder_other_module,
}

# the rewrites of training code: they apply to state_dict cases (`corpus/cps2xx`) only
STATE_DICT_TRANSFORMATIONS = ("train_step_method", "train_step_callback",
                              "train_step_other_module", "snapshot_holder_other_module")

# --------------------------------------------------------------------------- running


@dataclass
class Variant:
    case: Case
    transformation: str
    files: Files
    folder: Path = Path()
    runtime: Optional[str] = None
    original_runtime: Optional[str] = None
    static: Optional[bool] = None
    codes: List[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        h = hashlib.sha256()
        for rel in sorted(self.files):
            h.update(rel.encode() + b"\0" + self.files[rel].encode() + b"\0")
        return h.hexdigest()[:24]

    @property
    def valid(self) -> bool:
        return self.runtime in ("mutated", "unchanged") and self.runtime == self.original_runtime

    @property
    def truth(self) -> bool:
        """A finding is due iff the original case expects one: the rewrite kept its
        runtime verdict (`valid`), so it kept its truth (a case whose changes are wanted says
        `# runtime: mutated` without expecting a finding)."""
        return self.case.expects_finding

    @property
    def agrees(self) -> bool:
        return self.static == self.truth


def cases(families: Sequence[str] = FAMILIES) -> List[Case]:
    """The single-file cases of each family, its theme folders included (the corpus's own
    discovery, `verify.corpus.case_paths`; folder cases are not rewritten)."""
    out = []
    for family in families:
        for found in case_paths(str(CORPUS / family)):
            path = Path(found)
            if path.is_file() and path.name.startswith(("pos_", "neg_")):
                case = load_case(path)
                if case is not None:
                    out.append(case)
    return out


def generate(all_cases: Sequence[Case], only: Optional[Sequence[str]] = None,
             sample: Optional[int] = None, seed: int = 0) -> List[Variant]:
    variants = []
    for name, make in TRANSFORMATIONS.items():
        if only and name not in only:
            continue
        made = []
        for case in all_cases:
            try:
                files = make(case)
            except Exception as exc:  # noqa: BLE001 - a rewrite that does not apply
                print(f"  {name} failed on {case.name}: {type(exc).__name__}: {exc}",
                      file=sys.stderr)
                files = None
            if files is not None and files.get("case.py") != case.source:
                made.append(Variant(case, name, files))
        if sample is not None and len(made) > sample:
            made = random.Random(f"{seed}:{name}").sample(made, sample)
        variants.extend(made)
    return variants


def _write(folder: Path, files: Files) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "setup.cfg").write_text("")
    for rel, text in files.items():
        (folder / rel).write_text(text)


def _runtime_key(key: str) -> str:
    runner = ROOT / "flake8_copysafety" / "verify" / "runtime.py"
    return key + ":" + hashlib.sha256(runner.read_bytes()).hexdigest()[:12]


def run_runtime(variants: Sequence[Variant], workdir: Path, cache_path: Optional[Path],
                timeout: float = 60.0) -> None:
    """Each variant's and each original's verdict under the corpus runner (cached)."""
    cache: Dict[str, str] = {}
    if cache_path is not None and cache_path.exists():
        cache = json.loads(cache_path.read_text())
    originals: Dict[str, Variant] = {}
    for v in variants:
        if v.case.name not in originals:
            originals[v.case.name] = Variant(v.case, "original", {"case.py": v.case.source})
    todo = [v for v in [*originals.values(), *variants] if _runtime_key(v.key) not in cache]
    if todo:
        from flake8_copysafety.verify.corpus import Worker

        worker = Worker()
        try:
            pending = {}
            for v in todo:
                folder = workdir / "runtime" / v.key
                _write(folder, v.files)
                ident = worker.submit("case", timeout, path=str(folder / "case.py"),
                                      device="cpu", observer="diff")
                pending[ident] = v
            while pending:
                reply = worker.result(timeout)
                v = pending.pop(reply.get("id"), None)
                if v is None:
                    break
                cache[_runtime_key(v.key)] = reply.get("verdict", "crashed")
        finally:
            worker.close()
        if cache_path is not None:
            cache_path.write_text(json.dumps(cache, indent=0, sort_keys=True))
    for v in variants:
        v.runtime = cache.get(_runtime_key(v.key), "crashed")
        v.original_runtime = cache.get(_runtime_key(originals[v.case.name].key), "crashed")


def run_static(variants: Sequence[Variant], workdir: Path, jobs: int = 1,
               linter: Path = ROOT) -> None:
    """flake8 --select CPS over every variant project (each folder is its own project), with
    the plugin of the checkout at `linter` (another checkout gives the figure before a
    change)."""
    static_dir = workdir / "static"
    if static_dir.exists():
        shutil.rmtree(static_dir)
    for i, v in enumerate(variants):
        v.folder = static_dir / f"v{i:05d}"
        _write(v.folder, v.files)
    if not variants:
        return
    env = dict(os.environ, PYTHONPATH=str(linter), COPYSAFETY_NO_CACHE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", "--select", "CPS", f"--jobs={jobs}",
         "--format=%(path)s\t%(row)d\t%(code)s", str(static_dir)],
        capture_output=True, text=True, env=env, cwd=str(static_dir))
    if proc.returncode not in (0, 1):
        raise SystemExit(f"flake8 failed:\n{proc.stderr[-3000:]}")
    found: Dict[str, List[str]] = {}
    for line in proc.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rel = os.path.relpath(parts[0], static_dir).split(os.sep)[0]
            found.setdefault(rel, []).append(parts[2])
    for v in variants:
        prefix = "CPS1" if v.case.family.startswith("cps1") else "CPS2"
        v.codes = sorted(c for c in found.get(v.folder.name, []) if c.startswith(prefix))
        v.static = bool(v.codes)


def table(variants: Sequence[Variant]) -> str:
    rows = [("transformation", "variants", "dropped", "agree", "missed", "false alarms",
             "agreement")]
    total = [0, 0, 0, 0, 0]
    for name in TRANSFORMATIONS:
        mine = [v for v in variants if v.transformation == name]
        if not mine:
            continue
        valid = [v for v in mine if v.valid]
        agree = sum(v.agrees for v in valid)
        missed = sum(1 for v in valid if not v.agrees and v.truth)
        alarms = len(valid) - agree - missed
        counts = [len(valid), len(mine) - len(valid), agree, missed, alarms]
        total = [a + b for a, b in zip(total, counts)]
        rows.append((name, *map(str, counts),
                     f"{agree / len(valid):.3f}" if valid else "-"))
    rows.append(("overall", *map(str, total),
                 f"{total[2] / total[0]:.3f}" if total[0] else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def disagreements(variants: Sequence[Variant]) -> List[str]:
    out = []
    for v in variants:
        if v.valid and not v.agrees:
            what = "missed" if v.truth else "false alarm " + ",".join(v.codes)
            out.append(f"{v.transformation:20s} {v.case.name:60s} {what}  [{v.folder}]")
    return out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=None,
                        help="at most N variants per transformation (seeded)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", default=None, metavar="TRANSFORMATION")
    parser.add_argument("--family", nargs="*", default=list(FAMILIES))
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "copysafety-generalise")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    parser.add_argument("--linter", type=Path, default=ROOT, metavar="CHECKOUT",
                        help="the checkout whose plugin gives the static verdicts "
                             "(default: this one)")
    args = parser.parse_args(argv)
    variants = generate(cases(args.family), args.only, args.sample, args.seed)
    run_runtime(variants, args.workdir, None if args.no_cache else args.cache)
    valid = [v for v in variants if v.valid]
    run_static(valid, args.workdir, args.jobs, args.linter)
    print(table(variants))
    for label, prefix in (("dataset cases (corpus/cps1xx)", "cps1"),
                          ("state_dict cases (corpus/cps2xx)", "cps2")):
        part = [v for v in variants if v.case.family.startswith(prefix)]
        if part and len(part) != len(variants):
            print(f"\n{label}:")
            print(table(part))
    if args.show:
        print()
        print("\n".join(disagreements(variants)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
