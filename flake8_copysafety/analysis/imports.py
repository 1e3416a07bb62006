"""Helpers imported from other modules of the same project, found on disk.

`from .transforms import normalize` (or `from mypkg.transforms import normalize`, found by
looking upwards from the linted file) is parsed and summarised like a helper of the file
itself. Each module is analysed once per content (the cache is keyed by a hash of its
bytes), so an editor linting on every save pays for it once. Modules that are not on disk
next to the project (installed libraries) are not followed: their callees stay silent.
"""

import ast
import hashlib
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ..core.names import ImportTable
from ..core.source import decode, parse_quietly, source_lines
from ..plan.candidates import first_line
from ..project.bindings import call_method, file_bound_chains
from ..project.module_paths import (file_on_disk, installed_file, module_file,
                                    project_file, project_module, sys_path_module)
from ..project.model import project_model_for
from .flow import FileContext
from .regions import Region, build_callees
from .summaries import CalleeRef, Callees

_MAX_BYTES = 2_000_000
_cache: Dict[Tuple[str, str], Optional["ForeignModule"]] = {}
_inherited: Dict[tuple, Optional[CalleeRef]] = {}


class ForeignModule:
    """One other module of the project: its functions, summarised on demand."""

    def __init__(self, path: Path, text: str, tree: ast.Module, copy_functions) -> None:
        self.path = path
        self.text = text
        self.tree = tree
        self.imports = ImportTable(tree)
        self.copy_functions = copy_functions
        self._callees: Optional[Callees] = None
        self._parsable = True
        self._positions: Dict[int, Mapping[cst.CSTNode, CodeRange]] = {}
        self.regions: List[Tuple[cst.Module, int]] = []

    def callee(self, name: str, label: str, depth: int = 0):
        if name not in self.imports.relative and not any(
                isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name
                for s in self.tree.body):
            return None  # a class or a constant: no summary, and no libcst parse for it
        callees = self._load()
        if callees is None or name not in callees.functions:
            return self._reexported(name, label, depth)
        ref = callees.function_call(name)
        if ref is None:
            return None
        return CalleeRef(label, ref.summary, ref.params, False, where=self.where,
                         position=self.position)

    def instance_helper(self, name: str, label: str, owner: cst.ClassDef, stored, home):
        """This module's function `name`, given an instance of `owner` (a class of the
        calling module, whose kinds of stored data are `stored` and whose callees `home`
        resolve the instance's methods and transforms) as its first argument."""
        callees = self._load()
        ref = callees.instance_helper(name, owner, stored, home) \
            if callees is not None and name in callees.functions else None
        if ref is None:
            return None
        return CalleeRef(label, ref.summary, ref.params, True, where=self.where,
                         position=self.position, instance_arg=True, self_param=ref.self_param)

    def _reexported(self, name: str, label: str, depth: int):
        """`from .compose import apply_transform` in a package's `__init__.py`: the
        function of the module it names."""
        if depth > 4 or name not in self.imports.relative:
            return None
        level, module, attr = self.imports.relative[name]
        base = self.path.parent
        for _ in range(level - 1):
            base = base.parent
        found = module_file(base, module)
        foreign = _load(found, self.copy_functions) if found is not None else None
        return foreign.callee(attr, label, depth + 1) if foreign is not None else None

    def method(self, class_name: str, name: str):
        """`self.name(...)` run by a subclass in another module: this module's class's
        method, with this module's lines named in messages."""
        callees = self._load()
        cls = callees.classes.get(class_name) if callees is not None else None
        ref = callees.method_call(cls, name) if callees is not None and cls is not None \
            else None
        if ref is None:
            return None
        return CalleeRef(ref.name, ref.summary, ref.params, True, where=self.where,
                         position=self.position)

    def callees(self) -> Optional[Callees]:
        """The module's callees (functions and classes), parsed on first use; None when
        libcst cannot parse it."""
        return self._load()

    def class_call(self, name: str, label: str, method: str = "__call__"):
        """Calling an instance of this module's class `name`: its `__call__` (or the method
        its framework base's `__call__` runs), with positions in this file (for transforms
        bound where the dataset is built)."""
        callees = self._load()
        ref = callees.instance_call(name, label, method) if callees is not None else None
        if ref is None:
            return None
        return CalleeRef(label, ref.summary, ref.params, False, where=self.where,
                         position=self.position)

    def position(self, node: cst.CSTNode) -> Optional[tuple]:
        """`(path, line, col, end_line, end_col)` of a node of this module."""
        found = self._range(node)
        if found is None:
            return None
        start, end, offset = found
        return (str(self.path), start.line + offset, start.column, end.line + offset,
                end.column)

    def line_of(self, node: cst.CSTNode) -> Optional[int]:
        found = self._range(node)
        return None if found is None else found[0].line + found[2]

    def _range(self, node: cst.CSTNode):
        for index, (module, offset) in enumerate(self.regions):
            if index not in self._positions:
                wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
                self._positions[index] = wrapper.resolve(PositionProvider)
            found = self._positions[index].get(node)
            if found is not None:
                return found.start, found.end, offset
        return None

    def _load(self) -> Optional[Callees]:
        """Parse the module's functions and classes once (not its other statements)."""
        if self._callees is not None or not self._parsable:
            return self._callees
        self._parsable = False
        defs = [i for i, s in enumerate(self.tree.body)
                if isinstance(s, (ast.FunctionDef, ast.ClassDef))]
        if not defs:
            return None
        lines = source_lines(self.text)
        regions = []
        for i in defs:
            stmt = self.tree.body[i]
            start, end = first_line(stmt), stmt.end_lineno or stmt.lineno
            try:
                regions.append(Region(cst.parse_module("".join(lines[start - 1:end])),
                                      start - 1))
            except cst.ParserSyntaxError:
                return None
        self.regions = [(r.module, r.offset) for r in regions]
        ctx = FileContext(regions[0].module, self.imports, set(self.copy_functions), None,
                          path=str(self.path), follow_import=imported_callee,
                          follow_return=imported_return,
                          bound_transforms=bound_transforms, follow_method=inherited_method,
                          follow_instance_helper=imported_instance_helper,
                          follow_class=imported_class,
                          follow_class_method=imported_class_method)
        self._callees = build_callees(ctx, regions)
        self._parsable = True
        return self._callees

    def where(self, node: cst.CSTNode) -> Optional[str]:
        """`transforms.py:12` for a node of this module."""
        line = self.line_of(node)
        return None if line is None else f"{self.path.name}:{line}"


def imported_callee(ctx: FileContext, name: str):
    """The summary of `name` when the file imports it from a module of its own project."""
    found = _imported(ctx, name)
    if found is None:
        return None
    foreign, attr = found
    return foreign.callee(attr, name)


def imported_class_method(ctx: FileContext, class_name: str, method: str):
    """The summary of `method` of the class the file imports as `class_name` from a module
    of its own project (an instance's method call: `holder.keep(sd)`)."""
    found = _imported(ctx, class_name)
    if found is None:
        return None
    foreign, attr = found
    return foreign.method(attr, method)


def imported_class(ctx: FileContext, class_name: str):
    """`(class, its module's context, where)` for the class the file imports as
    `class_name` from a module of its own project; None elsewhere."""
    found = _imported(ctx, class_name)
    if found is None:
        return None
    foreign, attr = found
    callees = foreign.callees()
    if callees is None or attr not in callees.classes:
        return None
    return (callees.classes[attr], callees.ctx, foreign.where)


def imported_instance_helper(ctx: FileContext, name: str, owner: cst.ClassDef, stored):
    """The summary of `name`, imported from a module of the project and given an instance
    of `owner` first, run as a method of it."""
    found = _imported(ctx, name)
    if found is None:
        return None
    foreign, attr = found
    if ctx.callees is None:
        return None
    return foreign.instance_helper(attr, name, owner, stored, ctx.callees.of_instance(owner))


def imported_return(ctx: FileContext, name: str):
    """What `name` returns when the file imports it from a module of its own project."""
    found = _imported(ctx, name)
    if found is None:
        return None
    foreign, attr = found
    callees = foreign.callees()
    return callees.returned_type(attr) if callees is not None else None


def _imported(ctx: FileContext, name: str) -> Optional[Tuple["ForeignModule", str]]:
    """The project module `name` is imported from, and its name there."""
    if ctx.path is None or not file_on_disk(ctx.path):
        return None
    here = Path(ctx.path).resolve().parent
    if "." in name:
        return _imported_module(ctx, here, name)
    if name in ctx.imports.relative:
        level, module, attr = ctx.imports.relative[name]
        base = here
        for _ in range(level - 1):
            base = base.parent
        found = module_file(base, module)
    elif name in ctx.imports.aliases:
        module, _, attr = ctx.imports.aliases[name].rpartition(".")
        found = project_module(here, module)
    else:
        return None
    if found is None:
        return None
    foreign = _load(found, ctx.copy_functions)
    return (foreign, attr) if foreign is not None else None


def _imported_module(ctx: FileContext, here: Path, written: str
                     ) -> Optional[Tuple["ForeignModule", str]]:
    """`pkg.mod.func` written where `pkg` (or `mod`) is a module the file imports: the
    project module holding `func`. A folder put on `sys.path` by the program (`import
    pc_utils` of `utils/pc_utils.py`) is found through the project model's modules."""
    head, _, rest = written.partition(".")
    inner, _, attr = rest.rpartition(".")
    found = None
    if head in ctx.imports.relative:
        level, module, name = ctx.imports.relative[head]
        base = here
        for _ in range(level - 1):
            base = base.parent
        found = module_file(base, ".".join(p for p in (module, name, inner) if p))
    else:
        module = ".".join(p for p in (ctx.imports.aliases[head], inner) if p)
        found = project_module(here, module)
        if found is None and "sys" in ctx.imports.aliases.values():
            found = sys_path_module(here, module)  # the program extends `sys.path`
    if found is None:
        return None
    foreign = _load(found, ctx.copy_functions)
    return (foreign, attr) if foreign is not None else None


def _load(path: Path, copy_functions) -> Optional[ForeignModule]:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    key = (str(path), hashlib.blake2b(data, digest_size=16).hexdigest())
    if key not in _cache:
        _cache[key] = None  # an import cycle sees nothing rather than recursing
        text = decode(data) if len(data) <= _MAX_BYTES else None
        tree = parse_quietly(text) if text is not None else None
        if text is not None and tree is not None:
            _cache[key] = ForeignModule(path, text, tree, copy_functions)
    return _cache[key]


def bound_transforms(ctx: FileContext, class_name: str, attr: str) -> List[List[CalleeRef]]:
    """The `__call__` (or `transform`) chains bound to `self.<attr>` of `class_name` where
    the project builds the dataset (`project.bindings`); each callee's changes carry their
    own file's positions. Empty outside a project, for installed packages and for stdin."""
    if ctx.path is None or not project_file(ctx.path):
        return []
    model, found = file_bound_chains(ctx.path, class_name, attr)
    chains: List[List[CalleeRef]] = []
    if model is None:
        return chains
    for chain in found:
        refs: List[CalleeRef] = []
        for qualified in chain:
            owner, _, name = qualified.rpartition(".")
            path = model.files.get(owner)
            foreign = _load(path, ctx.copy_functions) if path is not None else None
            method = call_method(model, qualified)
            ref = foreign.class_call(name, f"{name}.{method}", method) \
                if foreign and method else None
            if ref is None:
                break
            refs.append(ref)
        if refs:
            chains.append(refs)
    return chains


def inherited_method(ctx: FileContext, class_name: str, name: str):
    """The method `name` that `class_name` of the linted module inherits from a project
    class of another module (found through the project model; None elsewhere)."""
    if not file_on_disk(ctx.path):
        return None
    key = (ctx.path, class_name, name, tuple(sorted(ctx.copy_functions)))
    if key not in _inherited:
        _inherited[key] = None  # a cycle through the bases sees nothing
        _inherited[key] = _inherited_method(ctx, class_name, name)
    return _inherited[key]


def _inherited_method(ctx: FileContext, class_name: str, name: str):
    if installed_file(ctx.path):
        return None
    model = project_model_for(ctx.path)
    module = model.module_of(ctx.path) if model is not None else None
    if model is None or module is None:
        return None
    owner = model.method_owner(f"{module}.{class_name}", name)
    if owner is None or owner.rpartition(".")[0] == module:
        return None
    path = model.files.get(owner.rpartition(".")[0])
    foreign = _load(path, ctx.copy_functions) if path is not None else None
    return foreign.method(owner.rpartition(".")[2], name) if foreign is not None else None


def load_module(path: Path, copy_functions) -> Optional["ForeignModule"]:
    """Another module of the project, parsed and summarised on demand (cached by content)."""
    return _load(path, copy_functions)


def imported_function(ctx: FileContext, name: str):
    """`(function, where)` for the project function the file imports as `name` (or reaches
    as `module.name`); None elsewhere. Its body is read by the caller's own rule (what it
    does to the module it is given), as a function of this module's is."""
    found = _imported(ctx, name)
    if found is None:
        return None
    foreign, attr = found
    callees = foreign.callees()
    if callees is None or attr not in callees.functions:
        return None
    return callees.functions[attr], foreign.where
