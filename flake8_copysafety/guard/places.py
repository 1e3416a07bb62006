"""Where in the user's code something happened: the innermost frame outside torch, numpy,
the standard library, installed packages and this package (its guards, its command line)."""

import os
import sys
import sysconfig
from dataclasses import dataclass
from types import FrameType
from typing import Optional, Tuple

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def _library_roots() -> Tuple[str, ...]:
    roots = {_PACKAGE_DIR}
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if paths.get(key):
            roots.add(os.path.realpath(paths[key]))
    for name in ("torch", "numpy"):
        module = sys.modules.get(name)
        file = getattr(module, "__file__", None) if module is not None else None
        if file:
            roots.add(os.path.dirname(os.path.realpath(file)))
    return tuple(sorted(roots))


@dataclass(frozen=True)
class Place:
    """A source position: `path` as the user ran it, `line` 1-based."""

    path: str
    line: int

    def display(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


class Places:
    """Finds the user's frame; remembers which files are library code (one stat per file)."""

    def __init__(self) -> None:
        self._roots = _library_roots()
        self._library: dict = {}

    def is_library(self, filename: str) -> bool:
        known = self._library.get(filename)
        if known is None:
            if filename.startswith("<"):
                known = True
            else:
                real = os.path.realpath(filename)
                known = any(real == root or real.startswith(root + os.sep)
                            for root in self._roots)
            self._library[filename] = known
        return known

    def user_place(self, depth: int = 1) -> Optional[Place]:
        """The innermost frame of user code above the caller (`depth` frames up)."""
        try:
            frame: Optional[FrameType] = sys._getframe(depth + 1)
        except ValueError:
            return None
        while frame is not None:
            filename = frame.f_code.co_filename
            if not self.is_library(filename):
                return Place(filename, frame.f_lineno)
            frame = frame.f_back
        return None


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
