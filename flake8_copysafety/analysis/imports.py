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
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..core.names import ImportTable
from ..core.source import decode, parse_quietly, source_lines
from ..plan.candidates import first_line
from ..project.files import module_file, project_module
from .flow import FileContext
from .regions import Region, build_callees
from .summaries import CalleeRef

_MAX_BYTES = 2_000_000
_cache: Dict[Tuple[str, str], Optional["ForeignModule"]] = {}


class ForeignModule:
    """One other module of the project: its functions, summarised on demand."""

    def __init__(self, path: Path, text: str, tree: ast.Module, copy_functions) -> None:
        self.path = path
        self.text = text
        self.tree = tree
        self.imports = ImportTable(tree)
        self.copy_functions = copy_functions
        self._callees = None
        self._parsable = True
        self._positions: Dict[int, object] = {}
        self.regions: List[Tuple[cst.Module, int]] = []

    def callee(self, name: str, label: str):
        callees = self._load()
        if callees is None or name not in callees.functions:
            return None
        ref = callees.function_call(name)
        return CalleeRef(label, ref.summary, ref.params, False, where=self.where)

    def _load(self):
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
                          path=str(self.path), follow_import=imported_callee)
        self._callees = build_callees(ctx, regions)
        self._parsable = True
        return self._callees

    def where(self, node: cst.CSTNode) -> Optional[str]:
        """`transforms.py:12` for a node of this module."""
        for index, (module, offset) in enumerate(self.regions):
            if index not in self._positions:
                wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
                self._positions[index] = wrapper.resolve(PositionProvider)
            found = self._positions[index].get(node)
            if found is not None:
                return f"{self.path.name}:{found.start.line + offset}"
        return None


def imported_callee(ctx: FileContext, name: str):
    """The summary of `name` when the file imports it from a module of its own project."""
    if not ctx.path or ctx.path in ("-", "stdin", "<string>"):
        return None
    here = Path(ctx.path).resolve().parent
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
    return foreign.callee(attr, name) if foreign is not None else None


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
        if tree is not None:
            _cache[key] = ForeignModule(path, text, tree, copy_functions)
    return _cache[key]
