"""Where a module of the linted file's own project is on disk (no libcst, no imports run).

One rule for the cheap plan and for the analysis that follows helpers into other modules:
look upwards from the linted file for the module's file, but never into the interpreter's
standard library or an installed-packages directory, and never for a standard-library
name: `from collections import OrderedDict` in a file that happens to sit inside a Python
installation is not the project's own code.
"""

import hashlib
import os
import stat
import sys
import sysconfig
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

SEARCH_DEPTH = 8  # directories upwards from the linted file where a package may start
# Files whose folder is a project's top (the project model starts there).
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
# Folders upwards from the linted file whose subfolders a program may put on `sys.path`.
_SYS_PATH_LEVELS = 3
_INSTALLED = frozenset({"site-packages", "dist-packages"})
MAX_READ_BYTES = 256_000_000  # a file larger than this (a cache, a module) is not read
_digests: Dict[str, Tuple[tuple, Optional[str]]] = {}


class Consulted(Set[Path]):
    """The files of the project's modules one lint found (iterating gives them), and the
    project models it asked (`projects`: their roots): a cached result for that file holds
    only while they are unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.projects: Dict[Tuple[str, ...], object] = {}


_recorders: List[Consulted] = []


@contextmanager
def recording_modules() -> Iterator[Consulted]:
    """Collect what linting one file consulted (`Consulted`)."""
    found = Consulted()
    _recorders.append(found)
    try:
        yield found
    finally:  # by identity: recorders nest, and two empty ones are equal
        _recorders[:] = [r for r in _recorders if r is not found]


def note_project(roots: Tuple[str, ...], model: object) -> None:
    """Record that a lint consulted the project model of `roots` (the whole index: its
    digest, `ProjectModel.digest`, stands for every module of the project)."""
    for recorder in _recorders:
        recorder.projects[roots] = model


def file_digest(path) -> Optional[str]:
    """A hash of the file's content, read once per process while its size, times and inode
    stay the same (a long-lived process sees an edit); None when it cannot be read."""
    name = str(path)
    try:
        info = os.stat(name)
    except (OSError, ValueError):
        return None
    signature = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    kept = _digests.get(name)
    if kept is not None and kept[0] == signature:
        return kept[1]
    data = read_regular(name)
    digest = None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()
    _digests[name] = (signature, digest)
    return digest


def read_regular(path, limit: int = MAX_READ_BYTES) -> Optional[bytes]:
    """The bytes of the regular file at `path`; None for anything else (a FIFO, a socket, a
    device or a folder put in its place is never waited on) or for a file over `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def note_file(path: Path) -> None:
    """Record that a lint read the module file at `path` (its result depends on it)."""
    _found(path)


def _found(path: Optional[Path]) -> Optional[Path]:
    if path is not None:
        for recorder in _recorders:
            recorder.add(path)
    return path


@lru_cache(maxsize=1)
def library_dirs() -> FrozenSet[Path]:
    """The interpreter's standard library folders, resolved."""
    paths = sysconfig.get_paths()
    found = set()
    for key in ("stdlib", "platstdlib"):
        if paths.get(key):
            try:
                found.add(Path(paths[key]).resolve())
            except (OSError, RuntimeError):
                continue
    return frozenset(found)


def is_standard_library(top: str) -> bool:
    """Whether a top-level module name is one of the interpreter's own."""
    names = getattr(sys, "stdlib_module_names", None)  # Python 3.10+
    if names is not None:
        return top in names
    return top in sys.builtin_module_names or any(
        (d / top).is_dir() or (d / f"{top}.py").is_file() for d in library_dirs())


def module_file(base: Path, module: str) -> Optional[Path]:
    """`base/a/b.py` or `base/a/b/__init__.py` for module "a.b" (relative to `base`)."""
    parts = [p for p in module.split(".") if p]
    target = base.joinpath(*parts) if parts else base
    for candidate in (target.with_suffix(".py") if parts else None, target / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return _found(candidate)
    return None


def file_on_disk(path) -> bool:
    """Whether `path` names a file (not stdin, not a string flake8 was handed)."""
    return bool(path) and str(path) not in ("-", "stdin", "<string>")


def project_file(path) -> bool:
    """A file of a project on disk: not stdin, not an installed package's."""
    return file_on_disk(path) and not installed_file(path)


def installed_file(path) -> bool:
    """Whether a file belongs to an installed package (`site-packages`)."""
    try:
        return installed_folder(Path(resolved(path)).parent)
    except (OSError, RuntimeError, ValueError):
        return True


@lru_cache(maxsize=16384)
def _resolved(path: str) -> str:
    return str(Path(path).resolve())


def resolved(path) -> str:
    """`Path(path).resolve()` as text, looked up on disk once per absolute path and run:
    the plan and the model ask it of the linted file again for every name they resolve (a
    system call per folder of the path each time). A relative path is resolved each time
    (from the working directory, which may change). `forget_resolved` starts a new run."""
    path = str(path)
    return _resolved(path) if os.path.isabs(path) else str(Path(path).resolve())


def forget_resolved() -> None:
    _resolved.cache_clear()


def installed_folder(folder: Path) -> bool:
    return any(part in _INSTALLED for part in folder.parts)


def project_module(here: Path, module: str) -> Optional[Path]:
    """The file of absolute module `module` in the project around directory `here`."""
    return _found(_project_module(here, module))


@lru_cache(maxsize=4096)
def _project_module(here: Path, module: str) -> Optional[Path]:
    if not module or is_standard_library(module.split(".")[0]):
        return None
    base = here
    for _ in range(SEARCH_DEPTH):
        if base.name in _INSTALLED or base in library_dirs():
            return None
        found = module_file(base, module)
        if found is not None:
            return found
        if base.parent == base:
            return None
        base = base.parent
    return None


def sys_path_module(here: Path, module: str) -> Optional[Path]:
    """The file of top-level module `module` in a folder beside the linted file's folder or
    one of its parents (up to the project's top, three levels at most): where a program that
    puts its script folders on `sys.path` finds it (`import pc_utils` in `datasets/x.py` of
    `utils/pc_utils.py`). None where no file, or more than one, has that name."""
    return _found(_sys_path_module(here, module))


@lru_cache(maxsize=4096)
def _sys_path_module(here: Path, module: str) -> Optional[Path]:
    if not module.isidentifier() or is_standard_library(module):
        return None
    base = here
    for _ in range(_SYS_PATH_LEVELS):
        if base.name in _INSTALLED or base in library_dirs():
            return None
        try:
            found = [d / f"{module}.py" for d in base.iterdir() if d.is_dir() and
                     not d.name.startswith(".") and (d / f"{module}.py").is_file()]
        except OSError:
            return None
        if len(found) > 1:
            return None
        if found:
            return found[0]
        if base.parent == base or any((base / m).exists() for m in PROJECT_MARKERS):
            return None  # the project's top: folders above it are not the program's
        base = base.parent
    return None


def is_module_file(path: str, module: str) -> bool:
    """Whether the file at `path` is module `module` ("mypkg.utils": `.../mypkg/utils.py`
    or `.../mypkg/utils/__init__.py`), judged by its path alone."""
    parts = [p for p in module.split(".") if p]
    if not parts or not path:
        return False
    file = Path(path)
    if file.name == "__init__.py":
        file = file.parent
    elif file.suffix == ".py":
        file = file.with_suffix("")
    tail = list(file.parts[-len(parts):])
    return tail == parts
