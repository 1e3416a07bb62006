"""Where in the user's code something happened: the innermost frame that is not library code.

Library code is this package (its guards, its command line and console script), torch, numpy,
the standard library and third-party packages. Whether a file is under site-packages does not
decide it: a user's project installed there (`pip install .`, then `copysafety run -m
pkg.train`) is user code. A package in site-packages is user code when it is the top-level
package of the module the user ran, or when its distribution was installed from a local
folder (PEP 610 `direct_url.json` with `dir_info`: the user's project, not a download).
"""

import json
import os
import site
import sys
import sysconfig
from dataclasses import dataclass
from types import FrameType
from typing import Dict, Iterable, Optional, Set, Tuple

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
# The runtime corpus ships inside the package (a wheel install): its cases are programs the
# guards watch, not the guards.
_CORPUS_DIR = os.path.join(_PACKAGE_DIR, "corpus")
_SITE_NAMES = ("site-packages", "dist-packages")


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root + os.sep)


def _site_dirs() -> Tuple[str, ...]:
    dirs = set()
    paths = sysconfig.get_paths()
    for key in ("purelib", "platlib"):
        if paths.get(key):
            dirs.add(os.path.realpath(paths[key]))
    try:
        dirs.update(os.path.realpath(p) for p in site.getsitepackages())
    except AttributeError:  # an old virtualenv's site module
        pass
    user = getattr(site, "USER_SITE", None)
    if user:
        dirs.add(os.path.realpath(user))
    for entry in sys.path:  # `pip install --target DIR` then PYTHONPATH=DIR, and the like
        if entry and os.path.basename(entry.rstrip(os.sep)) in _SITE_NAMES:
            dirs.add(os.path.realpath(entry))
    return tuple(sorted(dirs, key=len, reverse=True))


def _library_roots() -> Tuple[str, ...]:
    roots = {_PACKAGE_DIR}
    for name in ("torch", "numpy"):
        module = sys.modules.get(name)
        file = getattr(module, "__file__", None) if module is not None else None
        if file:
            roots.add(os.path.dirname(os.path.realpath(file)))
    return tuple(sorted(roots))


def _stdlib_roots() -> Tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(sorted({os.path.realpath(paths[key]) for key in ("stdlib", "platstdlib")
                         if paths.get(key)}))


def _scripts_dirs() -> Tuple[str, ...]:
    """Where console scripts live: `bin/copysafety` runs this package, not the user's code."""
    dirs = {os.path.dirname(os.path.abspath(sys.executable)),
            os.path.realpath(os.path.dirname(sys.executable))}
    scripts = sysconfig.get_paths().get("scripts")
    if scripts:
        dirs.add(os.path.realpath(scripts))
    return tuple(sorted(dirs))


def local_projects(site_dirs: Iterable[str]) -> Set[str]:
    """Top-level names of the distributions in `site_dirs` installed from a local folder."""
    names: Set[str] = set()
    for root in site_dirs:
        try:
            entries = os.listdir(root)
        except OSError:
            continue
        for entry in entries:
            if not entry.endswith(".dist-info"):
                continue
            info = os.path.join(root, entry)
            try:
                with open(os.path.join(info, "direct_url.json"), encoding="utf-8") as handle:
                    direct = json.load(handle)
            except (OSError, ValueError):
                continue
            if not isinstance(direct, dict) or "dir_info" not in direct:
                continue
            names.update(_top_level_names(info))
    return names


def _top_level_names(info: str) -> Set[str]:
    names: Set[str] = set()
    try:
        with open(os.path.join(info, "RECORD"), encoding="utf-8") as handle:
            for row in handle:
                first = row.split(",", 1)[0].split("/", 1)[0]
                if first and not first.endswith((".dist-info", ".data", ".pth")) \
                        and first != "..":
                    names.add(first[:-3] if first.endswith(".py") else first)
    except OSError:
        pass
    return names


@dataclass(frozen=True)
class Place:
    """A source position: `path` as the user ran it, `line` 1-based, `column` 1-based (the
    start of the expression that ran there, where Python records it; else 1)."""

    path: str
    line: int
    column: int = 1

    def display(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


_POSITIONS: Dict[object, list] = {}


def frame_column(code, lasti: int) -> int:
    """The 1-based column where the instruction at byte offset `lasti` of `code` starts."""
    positions = _POSITIONS.get(code)
    if positions is None:
        try:
            positions = list(code.co_positions())
        except AttributeError:  # before Python 3.11: lines only
            positions = []
        _POSITIONS[code] = positions
    index = lasti // 2
    if 0 <= index < len(positions):
        column = positions[index][2]
        if column is not None:
            return column + 1
    return 1


def statement_column(code, line: int) -> int:
    """The 1-based column where the code of `line` starts (the statement, as the linter
    places a finding about a whole statement: `best = model.state_dict()`)."""
    frame_column(code, 0)  # fills the positions
    columns = [p[2] for p in _POSITIONS.get(code, ()) if p[0] == line and p[2] is not None]
    return min(columns) + 1 if columns else 1


def frame_place(frame, statement: bool = False) -> Place:
    code, line = frame.f_code, frame.f_lineno
    column = statement_column(code, line) if statement else frame_column(code, frame.f_lasti)
    return Place(code.co_filename, line, column)


class Places:
    """Finds the user's frame; remembers which files are library code (once per file).
    `user_modules`: top-level packages the user ran (`-m pkg.train` gives `pkg`)."""

    def __init__(self, user_modules: Iterable[str] = ()) -> None:
        self._roots = _library_roots()
        self._stdlib = _stdlib_roots()
        self._sites = _site_dirs()
        self._scripts = _scripts_dirs()
        self._user_modules = {name.split(".")[0] for name in user_modules if name}
        self._local: Optional[Set[str]] = None
        self._library: dict = {}

    def is_library(self, filename: str) -> bool:
        known = self._library.get(filename)
        if known is None:
            known = filename.startswith("<") or self._classify(os.path.realpath(filename))
            self._library[filename] = known
        return known

    def _classify(self, real: str) -> bool:
        if _under(real, _CORPUS_DIR):
            return False
        if any(_under(real, root) for root in self._roots):
            return True
        for root in self._sites:
            if _under(real, root):
                top = real[len(root) + 1:].split(os.sep, 1)[0]
                top = top[:-3] if top.endswith(".py") else top
                if top in self._user_modules or top == _main_package():
                    return False
                if self._local is None:
                    self._local = local_projects(self._sites)
                return top not in self._local
        if any(_under(real, root) for root in self._stdlib):
            return True
        return os.path.dirname(real) in self._scripts

    def user_frame(self, depth: int = 1):
        """The innermost frame of user code above the caller (`depth` frames up)."""
        try:
            frame: Optional[FrameType] = sys._getframe(depth + 1)
        except ValueError:
            return None
        while frame is not None:
            if not self.is_library(frame.f_code.co_filename):
                return frame
            frame = frame.f_back
        return None

    def user_place(self, depth: int = 1, statement: bool = False) -> Optional[Place]:
        """Where the innermost frame of user code above the caller is now: the expression
        running there, or with `statement`, the start of its line's code."""
        frame = self.user_frame(depth + 1)
        return frame_place(frame, statement) if frame is not None else None

    def kept_place(self, depth: int = 1) -> Optional[Place]:
        """Where what the caller hands back is kept: the statement of the innermost user
        frame, or, where that frame returns it at once (`return self.model.state_dict()`,
        `return list(model.parameters())`), its user caller's, as the linter places a
        snapshot a helper returns at the statement that keeps it."""
        frame = self.user_frame(depth + 1)
        if frame is None:
            return None
        while returns_at_once(frame) and frame.f_back is not None and \
                not self.is_library(frame.f_back.f_code.co_filename):
            frame = frame.f_back
        return frame_place(frame, statement=True)


_RETURN = frozenset(("RETURN_VALUE", "RETURN_CONST"))
_PASSES = ("LOAD_", "BUILD_", "CALL", "PRECALL", "KW_NAMES", "PUSH_NULL", "CACHE", "COPY",
           "SWAP", "LIST_EXTEND", "DICT_UPDATE", "DICT_MERGE", "NOP", "EXTENDED_ARG")
_RETURNS: Dict[Tuple[object, int], bool] = {}


def returns_at_once(frame) -> bool:
    """Whether the frame's statement returns what its current call gives, unstored (the
    instructions after the call up to a `return` build and call only)."""
    code, lasti = frame.f_code, frame.f_lasti
    known = _RETURNS.get((code, lasti))
    if known is None:
        import dis

        known = False
        for ins in dis.get_instructions(code):
            if ins.offset <= lasti:
                continue
            if ins.opname in _RETURN:
                known = True
                break
            if not ins.opname.startswith(_PASSES):
                break
        _RETURNS[(code, lasti)] = known
    return known


def _main_package() -> Optional[str]:
    """The top-level package of the module run as `__main__` (`python -m pkg.train`)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    name = getattr(spec, "name", None)
    return name.split(".")[0] if name else None


def display_path(path: str) -> str:
    """Relative to the working directory when under it, as the linter prints paths."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith(os.pardir) else rel


def code_place(function) -> Optional[Place]:
    """The `def` line of a Python function (None for builtins)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    return Place(code.co_filename, code.co_firstlineno)
