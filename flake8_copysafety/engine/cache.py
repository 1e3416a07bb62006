"""Results kept on disk, so that linting an unchanged file again costs no analysis.

Editors lint a file when it is opened and on every save, often unchanged, and each time in a
fresh flake8 process that would import libcst (about 0.1-0.2 s) and parse again. A result is
reused only when all of these are unchanged: the file's bytes (a hash of its content), the
files of the project's own modules the analysis read for it (their hashes), the settings that
change findings, the path (messages name it; imports resolve from it) and the tool itself
(its version and the size and modification time of each of its source files, so an edited
checkout never reuses an old verdict).

Where (as ruff's `.ruff_cache`): `.copysafety_cache/` in the working directory, which holds a
`.gitignore` of `*` so version control leaves it alone; `COPYSAFETY_CACHE_DIR` moves it, and
`COPYSAFETY_NO_CACHE=1` (or the front ends' no-cache options) turns it off. One entry per file
and settings, overwritten as the file changes; entries of other tool versions are removed when
the first entry of a new one is written. A cache that cannot be read or written is passed
over in silence: the file is analysed as if there were none.

Not seen: a project module that did not exist when the result was stored and appears later
(only modules found are recorded); clear the folder after such a change.
"""

import hashlib
import json
import os
from contextlib import contextmanager
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from .. import __version__
from ..core.environment import flag
from ..core.findings import Finding, Fix

DIR_NAME = ".copysafety_cache"
ENV_DIR = "COPYSAFETY_CACHE_DIR"
ENV_OFF = "COPYSAFETY_NO_CACHE"
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_NOT_CACHED = ("CPS900",)  # an internal error is not a verdict: try again next time
_tool: List[str] = []
_deferred: List[List[Tuple["ResultCache", str, dict]]] = []  # see `writes_deferred`


def default_dir() -> Optional[str]:
    """The cache folder for this process, or None when caching is turned off."""
    if flag(ENV_OFF):
        return None
    return os.environ.get(ENV_DIR) or os.path.join(os.getcwd(), DIR_NAME)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def tool_fingerprint() -> str:
    """The version and the size and mtime of every source file of the package (its corpus
    aside), computed once per process: a stat of some 60 files."""
    if not _tool:
        digest = hashlib.blake2b(__version__.encode(), digest_size=8)
        for root, dirs, files in os.walk(_PACKAGE):
            dirs[:] = sorted(d for d in dirs if d not in ("corpus", "__pycache__"))
            for name in sorted(files):
                if name.endswith((".py", ".md")):
                    try:
                        info = os.stat(os.path.join(root, name))
                    except OSError:
                        continue
                    digest.update(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns};".encode())
        _tool.append(digest.hexdigest())
    return _tool[0]


class ResultCache:
    """Entries of one tool version: the findings of one file under one set of settings,
    looked up and stored by the engine (and, under their own names, the last analysis of
    the file's chosen statements, `engine/reuse.py`)."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.folder = os.path.join(directory, tool_fingerprint())

    def entry_name(self, filename: str, settings: str) -> str:
        key = hashlib.blake2b(f"{os.path.abspath(filename)}\0{settings}".encode("utf-8",
                              "surrogatepass"), digest_size=16).hexdigest()
        return os.path.join(self.folder, key + ".json")

    def read(self, name: str) -> Optional[dict]:
        """The entry stored under `name`, or None when there is none that can be read."""
        try:
            with open(name, encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        return entry if isinstance(entry, dict) else None

    def write(self, name: str, entry: dict) -> None:
        """Store `entry` under `name`, atomically (parallel processes may write the same
        entry); raises OSError when the folder cannot be written. Within `writes_deferred`,
        kept until its caller writes them."""
        if _deferred:
            _deferred[-1].append((self, name, entry))
            return
        self.write_now(name, entry)

    def write_now(self, name: str, entry: dict) -> None:
        import tempfile

        self._prepare()
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(entry, out)
        os.replace(temporary, name)

    def get(self, filename: str, settings: str, content: str) -> Optional[List[Finding]]:
        entry = self.read(self.entry_name(filename, settings))
        try:
            if entry is None or entry["content"] != content or \
                    not modules_unchanged(entry["modules"]):
                return None
            return [finding_from_json(item) for item in entry["findings"]]
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, filename: str, settings: str, content: str, modules,
            findings: List[Finding]) -> None:
        if any(f.code in _NOT_CACHED for f in findings):
            return
        try:
            entry = {"content": content, "modules": recorded_modules(modules),
                     "findings": [finding_as_json(f) for f in findings]}
            self.write(self.entry_name(filename, settings), entry)
        except OSError:
            pass

    def _prepare(self) -> None:
        import shutil

        if os.path.isdir(self.folder):
            return
        os.makedirs(self.folder, exist_ok=True)
        ignore = os.path.join(self.directory, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as out:
                out.write("# Automatically created by flake8-copysafety.\n*\n")
        for name in os.listdir(self.directory):  # results of other tool versions
            other = os.path.join(self.directory, name)
            if other != self.folder and os.path.isdir(other):
                shutil.rmtree(other, ignore_errors=True)


@contextmanager
def writes_deferred() -> Iterator[Callable[[], None]]:
    """Entries stored within are kept in memory; the function yielded writes them (the
    editor worker answers first and writes after). Errors are passed over, as `put` does."""
    pending: List[Tuple[ResultCache, str, dict]] = []
    _deferred.append(pending)

    def write_pending() -> None:
        for cache, name, entry in pending:
            try:
                cache.write_now(name, entry)
            except OSError:
                pass
        pending.clear()

    try:
        yield write_pending
    finally:
        _deferred[:] = [d for d in _deferred if d is not pending]


def recorded_modules(modules) -> Dict[str, str]:
    """The content hash of each project module file an analysis read (raises OSError)."""
    return {str(path): content_hash(path.read_bytes()) for path in sorted(modules)}


def modules_unchanged(modules: Dict[str, str]) -> bool:
    for path, digest in modules.items():
        try:
            with open(path, "rb") as handle:
                if content_hash(handle.read()) != digest:
                    return False
        except OSError:
            return False
    return True


def finding_as_json(finding: Finding) -> dict:
    """A finding as JSON data (the result cache's entries, the worker's replies)."""
    fix = finding.fix
    return {
        "at": [finding.line, finding.col, finding.end_line, finding.end_col],
        "code": finding.code, "message": finding.message,
        "fix": None if fix is None else [list(fix.start), list(fix.end), fix.replacement,
                                         fix.needs_import_copy, fix.description],
    }


def finding_from_json(item: dict) -> Finding:
    """The finding `finding_as_json` wrote (raises KeyError, TypeError, ValueError)."""
    line, col, end_line, end_col = item["at"]
    fix = item["fix"]
    if fix is not None:
        start, end, replacement, needs_import, description = fix
        fix = Fix(_pair(start), _pair(end), replacement, needs_import, description)
    return Finding(line, col, item["code"], item["message"], end_line, end_col, fix)


def _pair(value) -> Tuple[int, int]:
    return int(value[0]), int(value[1])
