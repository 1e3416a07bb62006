"""Results kept on disk, so that linting an unchanged file again costs no analysis.

Editors lint a file when it is opened and on every save, often unchanged, and each time in a
fresh flake8 process that would import libcst (about 0.1-0.2 s) and parse again. A result is
reused only when all of these are unchanged: the file's bytes (a hash of its content), what
the analysis read besides (`dependencies`: the digest of the project model's index when it
asked the model, else the hashes of the few module files it found), the settings that change
findings, the path as given and as resolved (messages name it; imports resolve from it), the
interpreter (what parses differs between versions) and the tool itself (its version and the
size and modification time of each of its source files, so an edited checkout never reuses
an old verdict). Each file is hashed once per process (`project.module_paths.file_digest`).

Where (as ruff's `.ruff_cache`): `.copysafety_cache/` in the working directory, which holds a
`.gitignore` of `*` so version control leaves it alone; `COPYSAFETY_CACHE_DIR` moves it, and
`COPYSAFETY_NO_CACHE=1` (or the front ends' no-cache options) turns it off. One small entry
per file and settings (its findings and dependency keys), written through a temporary file
and a rename; entries of other tool versions for the same interpreter are removed when the
first entry of a new one is written; the folder is kept under `MAX_BYTES`, least recently
used entries first. What is read is data from a folder anyone could have written: an entry
that is not a regular file, not JSON or not of the layout written here is passed over and
written again. A cache that cannot be read or written is passed over in silence: the file is
analysed as if there were none.

Not seen: a project module that did not exist when the result was stored and appears later
outside the project model's roots (only modules found are recorded); clear the folder after
such a change.
"""

import hashlib
import json
import os
import re
import time
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

from ..core.atomic import write_atomic
from ..core.environment import flag
from ..core.fingerprint import tool_fingerprint
from ..core.findings import Finding, Fix
from ..project.module_paths import Consulted, file_digest, read_regular
from ..project.model import interpreter_tag, project_digest

DIR_NAME = ".copysafety_cache"
ENV_DIR = "COPYSAFETY_CACHE_DIR"
ENV_OFF = "COPYSAFETY_NO_CACHE"
MAX_BYTES = 30_000_000  # the entries of one folder; above it the least recently used go
MAX_ENTRY_BYTES = 4_000_000  # an entry larger than this is not read
PRUNE_EVERY = 256  # writes of one process between two looks at the folder (its first, too)
STALE_TEMPORARY_S = 600  # a temporary file this old belongs to no running write
_NOT_CACHED = ("CPS900",)  # an internal error is not a verdict: try again next time
_CODE = re.compile(r"CPS[0-9]{3}\Z")
_writes: List[int] = [0]
_deferred: List[List[Tuple["ResultCache", str, dict]]] = []  # see `writes_deferred`


class Invalid(ValueError):
    """An entry that does not have the layout written here."""


def default_dir() -> Optional[str]:
    """The cache folder for this process, or None when caching is turned off."""
    if flag(ENV_OFF):
        return None
    return os.environ.get(ENV_DIR) or os.path.join(os.getcwd(), DIR_NAME)


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ResultCache:
    """Entries of one tool version and interpreter: the findings of one file under one set
    of settings, looked up and stored by the engine (and, under their own names, the last
    analysis of the file's chosen statements, `engine/reuse.py`)."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.folder = os.path.join(directory, f"{interpreter_tag()}-{tool_fingerprint()}")

    def entry_name(self, filename: str, settings: str) -> str:
        key = hashlib.blake2b(f"{os.path.abspath(filename)}\0{filename}\0{settings}".encode(
            "utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return os.path.join(self.folder, key + ".json")

    def read(self, name: str) -> Optional[dict]:
        """The entry stored under `name`, or None when there is none that can be read (a
        FIFO or a folder in its place is not waited on)."""
        raw = read_regular(name, MAX_ENTRY_BYTES)
        if raw is None:
            return None
        try:
            entry = json.loads(raw)
        except (ValueError, RecursionError):
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
        fresh = self._prepare()
        data = json.dumps(entry, separators=(",", ":")).encode("utf-8", "surrogatepass")
        write_atomic(self.folder, name, data)
        _writes[0] += 1
        if fresh or _writes[0] % PRUNE_EVERY == 1:  # a process's first write, then now and then
            prune(self.folder)

    def get(self, filename: str, settings: str, content: str) -> Optional[List[Finding]]:
        name = self.entry_name(filename, settings)
        entry = self.read(name)
        try:
            if entry is None or entry.get("content") != content or \
                    not dependencies_unchanged(entry.get("deps")):
                return None
            found = findings_from_json(entry.get("findings"))
        except Invalid:
            return None  # written again after the analysis
        _touch(name)
        return found

    def put(self, filename: str, settings: str, content: str, consulted,
            findings: List[Finding]) -> None:
        if any(f.code in _NOT_CACHED for f in findings):
            return
        try:
            entry = {"content": content, "deps": dependencies(consulted),
                     "findings": [finding_as_json(f) for f in findings]}
            self.write(self.entry_name(filename, settings), entry)
        except (OSError, ValueError):
            pass

    def _prepare(self) -> bool:
        """Make the folder; True when it was made (then older versions' are removed)."""
        import shutil

        if os.path.isdir(self.folder):
            return False
        os.makedirs(self.folder, exist_ok=True)
        ignore = os.path.join(self.directory, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as out:
                out.write("# Automatically created by flake8-copysafety.\n*\n")
        mine = os.path.basename(self.folder)
        same_interpreter = mine.rpartition("-")[0] + "-"
        for name in os.listdir(self.directory):  # results of other tool versions
            other = os.path.join(self.directory, name)
            if name != mine and (name.startswith(same_interpreter) or "-" not in name) and \
                    os.path.isdir(other) and not os.path.islink(other):
                shutil.rmtree(other, ignore_errors=True)
        return True


def _touch(name: str) -> None:
    """Mark an entry used (the folder is pruned least recently used first)."""
    try:
        os.utime(name)
    except OSError:
        pass


def prune(folder: str, limit: int = MAX_BYTES) -> None:
    """Remove temporary files no write is using any more, and, while the folder's entries
    exceed `limit`, the least recently used (down to three quarters of it). Parallel runs
    may prune at once: an entry removed under a reader is a miss, never a wrong result."""
    now = time.time()
    entries = []
    try:
        with os.scandir(folder) as found:
            for item in found:
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if item.name.endswith(".tmp"):
                    if now - info.st_mtime > STALE_TEMPORARY_S:
                        _remove(item.path)
                elif item.name.endswith(".json"):
                    entries.append((info.st_mtime, info.st_size, item.path))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    if total <= limit:
        return
    for _, size, path in sorted(entries):
        if total <= limit * 3 // 4:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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


def dependencies(consulted) -> Dict[str, Any]:
    """What a result depends on besides its file: the digest of each project model it
    asked (`projects`: roots and digest), and the hash of each module file it found
    outside those (`files`). Raises OSError when one cannot be read."""
    projects = getattr(consulted, "projects", {}) if isinstance(consulted, Consulted) else {}
    covered: Set[str] = set()
    stored_projects = []
    for roots, model in sorted(projects.items()):
        stored_projects.append([list(roots), model.digest])
        covered.update(str(p) for p in model.files.values())
    files = {}
    for path in sorted(str(p) for p in consulted):
        if path in covered:
            continue
        digest = file_digest(path)
        if digest is None:
            raise OSError(f"cannot read {path}")
        files[path] = digest
    return {"projects": stored_projects, "files": files}


def dependencies_unchanged(deps: Any) -> bool:
    """Whether what `dependencies` recorded still holds (raises Invalid for any other
    layout)."""
    if not isinstance(deps, dict) or not isinstance(deps.get("projects"), list) or \
            not isinstance(deps.get("files"), dict):
        raise Invalid("dependencies")
    for path, digest in deps["files"].items():
        if not isinstance(digest, str):
            raise Invalid("a file's hash")
        if file_digest(path) != digest:
            return False
    for item in deps["projects"]:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], list) and
                all(isinstance(r, str) for r in item[0]) and isinstance(item[1], str)):
            raise Invalid("a project's digest")
        if project_digest(item[0]) != item[1]:
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


def findings_from_json(items: Any) -> List[Finding]:
    """The findings `finding_as_json` wrote (raises Invalid for any other layout)."""
    if not isinstance(items, list):
        raise Invalid("findings")
    return [finding_from_json(item) for item in items]


def finding_from_json(item: Any) -> Finding:
    """The finding `finding_as_json` wrote (raises Invalid for any other layout)."""
    if not isinstance(item, dict) or not isinstance(item.get("at"), list) or \
            len(item["at"]) != 4:
        raise Invalid("a finding")
    line, col, end_line, end_col = item["at"]
    code, message, fix = item.get("code"), item.get("message"), item.get("fix", False)
    if not (_count(line) and _count(col) and _count(end_line, True) and
            _count(end_col, True) and isinstance(code, str) and _CODE.match(code) and
            isinstance(message, str)):
        raise Invalid("a finding")
    if fix is not None:
        if not (isinstance(fix, list) and len(fix) == 5):
            raise Invalid("a fix")
        start, end, replacement, needs_import, description = fix
        if not (isinstance(replacement, str) and isinstance(needs_import, bool) and
                isinstance(description, str)):
            raise Invalid("a fix")
        fix = Fix(_pair(start), _pair(end), replacement, needs_import, description)
    return Finding(line, col, code, message, end_line, end_col, fix)


def _count(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _pair(value: Any) -> Tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and _count(value[0]) and
            _count(value[1])):
        raise Invalid("a position")
    return value[0], value[1]
