"""The project model: one index of every module of the project a linted file belongs to.

Real projects build a dataset across modules: the class derives from a base defined in
another module, its transform is made in the training script, a registry maps config names
to classes. The model answers such questions across modules, from the `ast` alone (no
libcst, no imports run):

    model = project_model_for("src/pkg/data/dataset.py")   # None: no project around it
    model.module_of(path)                      # "pkg.data.dataset"
    model.resolve("pkg.train", "Net")          # "pkg.models.net.Net" (imports, re-exports)
    model.derives_from("pkg.models.net.Net", {"torch.nn.Module"})  # True, across modules
    model.subclasses_of({"torch.nn.Module"})   # every project class deriving from it
    model.class_entry("pkg.models.net.Net")    # {"bases", "methods", "line", "decorators"}
    model.constructions("pkg.data.dataset.Digits")  # [Construction(module, line, args, kw)]
    model.registered("Expand")                 # [("pkg.registry.TRANSFORMS", "pkg.t.Expand")]
    model.assigned("train", "cfg.pipeline")    # ("configs.cfg", ("list", [...])) or None

Which files: the flake8 plugin indexes the project found upwards from the linted file (the
nearest directory holding `pyproject.toml`, `setup.py`, `setup.cfg` or `.git`, else the top
of the file's package chain; never the standard library or `site-packages` as a whole: a
file of an installed package indexes that package). `copysafety check` indexes the trees it
is given (`ProjectModel(paths)`).

Built once per process and root, lazily, module by module: a query parses only the modules
it asks about (`entries` is a mapping whose look-ups make the one entry asked for; only
iterating it indexes every module), and `modules_mentioning` finds, from the texts alone,
the few modules that can matter to a question (no module can bind, call or derive from a
name its text does not hold). Each module's entry (`entries.py`) is cached on disk by
content hash, tool version, entry layout and interpreter, as JSON checked against the entry
layout when read (`cache_schema.py`; never a pickle: a repository may ship the folder), in
`<root>/.copysafety_cache/` (with its own `.gitignore`), or under `$COPYSAFETY_CACHE_DIR`;
an installed package's cache goes to the user's cache folder. `COPYSAFETY_NO_CACHE=1` (the
command's `--no-cache`) turns it off. Entries made on demand are stored with the reach index
(`save_entries`). Writes are atomic renames, so parallel processes never read half a file,
and one process at a time builds (the others wait, then read); a stale, corrupt or odd cache
is ignored and rebuilt. Each file is hashed once per run (`files.file_digest`); `digest`
stands for the whole index, and a result that consulted the model depends on it alone.
"""

import ast
import gc
import hashlib
import json
import os
import re
import sys
import time
import warnings
from collections import OrderedDict
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, Iterator, List, Optional, Set, Tuple

from .. import __version__
from ..core.atomic import write_atomic
from ..core.environment import flag
from ..core.fingerprint import tool_fingerprint
from .entries import ENTRY_VERSION, ModuleEntry, calls_named, calls_named_any, module_entry
from .module_paths import (PROJECT_MARKERS, file_digest, file_on_disk, forget_resolved,
                           installed_folder, library_dirs, note_project, read_regular,
                           resolved)
from .cache_schema import Invalid, entry_from_json

_MARKERS = PROJECT_MARKERS
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "env",
                        "__pycache__", "build", "dist", "node_modules", ".mypy_cache",
                        ".pytest_cache", ".copysafety_cache", ".eggs"})
_SEARCH_DEPTH = 8
_MAX_BYTES = 2_000_000
_MAX_FILES = 20_000  # a "project" larger than this is not one: no model
_PARALLEL_FROM = 200  # cold builds of at least this many files use worker processes
TREES_KEPT = 256  # parsed modules a model keeps (those asked for last)
CACHE_DIR_NAME = ".copysafety_cache"
_CALLED_NAME = re.compile(rb"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(")
# A coding cookie (PEP 263) on one of the first two lines.
_COOKIE = re.compile(rb"^[ \t\f]*#[^\r\n]*?coding[:=]", re.MULTILINE)
_COOKIE_SPAN = 400


@dataclass(frozen=True)
class Construction:
    """`Cls(args, keywords)` somewhere in the project: where, and the arguments it passes
    (as `entries.Value` tuples, names unresolved: resolve them in `module`)."""

    module: str
    line: int
    args: Tuple[Any, ...]
    keywords: Dict[str, Any]


class _Entries(Mapping):
    """A model's module -> entry mapping: a look-up makes the one entry asked for
    (`ProjectModel.entry`); iterating makes every entry first (`_whole_index`)."""

    def __init__(self, model: "ProjectModel") -> None:
        self._model = model

    def __getitem__(self, module: str) -> ModuleEntry:
        entry = self._model.entry(module)
        if entry is None:
            raise KeyError(module)
        return entry

    def get(self, module, default=None):
        entry = self._model.entry(module) if isinstance(module, str) else None
        return default if entry is None else entry

    def __contains__(self, module) -> bool:
        return isinstance(module, str) and self._model.entry(module) is not None

    def __iter__(self) -> Iterator[str]:
        self._model._whole_index()
        return iter([m for m in self._model.content_keys() if self._model.entry(m) is not None])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class ProjectModel:
    """The modules under `roots`, their classes, functions, imports and construction sites."""

    def __init__(self, roots: Iterable[Path], use_cache: Optional[bool] = None,
                 cache_dir: Optional[Path] = None) -> None:
        self.roots = [Path(r).resolve() for r in roots]
        self.files: Dict[str, Path] = {}  # module name -> file
        # module name -> entry, each module parsed (or read from the cache) when first asked
        self._entries = _Entries(self)
        self._made: Dict[str, Optional[ModuleEntry]] = {}
        self._stored: Optional[Dict[str, Optional[ModuleEntry]]] = None  # content key -> entry
        self._unsaved = False  # entries made here that the cache on disk lacks
        self._whole = False  # every module's entry made
        self._searchable: Dict[str, bytes] = {}  # module -> text the name scans search
        # Scripts in different folders may share a name (`train.py` importing its folder's
        # `dataset.py`): the second and later get the key `name@N`, and imports resolve to
        # the module of the importer's own import folder first.
        self._base_of: Dict[str, Path] = {}
        self._by_base: Dict[Tuple[Optional[Path], str], str] = {}
        for path in _python_files(self.roots):
            name = module_name(path)
            if not name:
                continue
            key = name if name not in self.files else f"{name}@{len(self.files)}"
            base = path.parents[name.count(".") + (path.name == "__init__.py")]
            self.files[key] = path
            self._base_of[key] = base
            self._by_base[(base, name)] = key
        if use_cache is None:
            use_cache = not flag("COPYSAFETY_NO_CACHE")
        self._cache = _EntryCache(cache_dir or _cache_dir_for(self.roots)) if use_cache \
            else None
        self._by_path = {str(p): m for m, p in self.files.items()}
        self._resolving: Set[Tuple[str, str]] = set()
        self._constructions: Dict[str, List[Tuple[str, tuple]]] = {}
        self._calls: Dict[str, Set[str]] = {}  # module -> the names its text calls
        # module -> parsed, on demand; the most recently used `TREES_KEPT` only
        self._trees: "OrderedDict[str, Optional[ast.Module]]" = OrderedDict()
        self._registered: Optional[Dict[str, List[Tuple[str, str]]]] = None
        self._keys: Optional[Dict[str, str]] = None
        self._digest: Optional[str] = None
        self._raw: Dict[str, Optional[bytes]] = {}  # module -> bytes, read once per model
        self._digests: Dict[str, bytes] = {}  # module -> hash of its bytes in `_raw`
        # (kind, module, content) -> what a caller derived from the module's tree
        self._derived: "OrderedDict[Tuple[str, str, bytes], Any]" = OrderedDict()

    # ----- building ---------------------------------------------------------------------
    @property
    def entries(self) -> "_Entries":
        """module -> entry, as a mapping whose look-ups parse (or read from the cache) only
        the module asked for: a project's queries concern few of its modules
        (`modules_mentioning` finds which), and only iterating it builds every entry."""
        return self._entries

    def entry(self, module: str) -> Optional[ModuleEntry]:
        """The module's entry (None: not a module the index reads, or not Python)."""
        made = self._made
        if module in made:
            return made[module]
        key = self.content_keys().get(module)
        entry = None
        if key is not None:
            stored = self._stored_entries()
            if key in stored:
                entry = stored[key]
            else:
                data = read_regular(self.files[module], _MAX_BYTES)
                entry = stored[key] = self._entry_of(module, data if data is not None else b"")
                self._unsaved = True
        made[module] = entry
        return entry

    def _entry_of(self, module: str, data: bytes) -> Optional[ModuleEntry]:
        """The entry of the module's text: from its tree when the model keeps it (`tree()`
        parsed it already), else parsed here and dropped (most entries are asked for
        without their tree, and kept trees are memory the collector walks)."""
        if module in self._trees and data:
            tree = self._trees[module]
            return _entry_of_tree(tree) if tree is not None else None
        with _collector_paused():
            return _entry_of_bytes(data)

    def _stored_entries(self) -> Dict[str, Optional[ModuleEntry]]:
        if self._stored is None:
            self._stored = self._cache.load() if self._cache is not None else {}
        return self._stored

    def save_entries(self) -> None:
        """Store the entries made on demand in the cache on disk (with those stored there
        for the project's current files), for later runs and the other processes."""
        if self._cache is None or not self._unsaved:
            return
        keys = set(self.content_keys().values())
        with self._cache.building():
            stored = {k: e for k, e in self._cache.load().items() if k in keys}
            stored.update((k, e) for k, e in self._stored_entries().items() if k in keys)
            self._cache.save(stored)
        self._unsaved = False

    def _whole_index(self) -> None:
        """Every module's entry (iterating `entries`): those the cache lacks are built
        in one pass, in parallel for a large project."""
        if self._whole:
            return
        made: Dict[str, ModuleEntry] = {}
        self._build(made)
        keys = self.content_keys()
        stored = self._stored_entries()
        for name, key in keys.items():
            stored[key] = made.get(name)
            self._made.setdefault(name, made.get(name))
        self._whole = True

    def content_keys(self) -> Dict[str, str]:
        """module -> the hash of its file's content, for the files the index reads (each
        file hashed once per process, `files.file_digest`)."""
        if self._keys is None:
            self._keys = {}
            for name, path in self.files.items():
                try:
                    if path.stat().st_size > _MAX_BYTES:
                        continue
                except OSError:
                    continue
                key = file_digest(path)
                if key is not None:
                    self._keys[name] = key
        return self._keys

    @property
    def digest(self) -> str:
        """A hash of the whole index's input (every module's name, file and content): a
        result that consulted the model holds while this is unchanged."""
        if self._digest is None:
            digest = hashlib.blake2b(digest_size=16)
            for name, key in sorted(self.content_keys().items()):
                digest.update(f"{name}\0{self.files[name]}\0{key}\n".encode(
                    "utf-8", "surrogatepass"))
            self._digest = digest.hexdigest()
        return self._digest

    def _build(self, entries: Dict[str, ModuleEntry]) -> None:
        keys = self.content_keys()
        stored = self._cache.load() if self._cache is not None else {}
        stored.update(self._stored or {})  # what this process made already
        if self._cache is not None and any(keys[n] not in stored for n in keys):
            with self._cache.building():  # another process may be building the same
                stored = self._cache.load()
                self._fill(keys, stored, entries)
        else:
            self._fill(keys, stored, entries)

    def _fill(self, keys: Dict[str, str], stored: Dict[str, Optional[ModuleEntry]],
              entries: Dict[str, ModuleEntry]) -> None:
        missing = [n for n in keys if keys[n] not in stored]
        texts: Dict[str, bytes] = {}
        for name in missing:
            data = read_regular(self.files[name], _MAX_BYTES)
            texts[name] = data if data is not None else b""
        made = _entries_of([texts[n] for n in missing])
        for name, entry in zip(missing, made):
            stored[keys[name]] = entry
        for name in keys:
            entry = stored.get(keys[name])
            if entry is not None:
                entries[name] = entry
        if self._cache is not None and (missing or self._unsaved):
            self._cache.save({keys[n]: stored[keys[n]] for n in keys})
            self._unsaved = False

    def stored_reach(self, compute) -> Dict[str, FrozenSet[str]]:
        """The reach index (`reach.py`) stored on disk for this index, else `compute()`d
        (by one process at a time) and stored."""
        if self._cache is None:
            return compute()
        found = self._cache.load_reach(self.digest)
        if found is None:
            with self._cache.building():
                found = self._cache.load_reach(self.digest)
                if found is None:
                    found = compute()
                    self._cache.save_reach(self.digest, found)
                    self.save_entries()
        return found

    # ----- queries ----------------------------------------------------------------------
    def module_of(self, path) -> Optional[str]:
        """The module name of a file of the project (None: not one of its files)."""
        return self._by_path.get(resolved(path))

    def resolve(self, module: str, dotted: str) -> Optional[str]:
        """The qualified name that `dotted`, written in `module`, refers to: through the
        module's imports (relative ones included) and the project's re-exports
        (`from .dataset import Digits` in a package `__init__`). Names of other packages
        stay as imported (`torch.nn.Module`); None when the head is not bound."""
        entry = self.entries.get(module)
        if entry is None:
            return None
        head, _, rest = dotted.partition(".")
        found: Optional[str]
        if head in entry["classes"] or head in entry["functions"] or \
                head in entry.get("assigns", ()):
            found = f"{module}.{head}"
        elif head in entry["imports"]:
            found = self._imported(module, entry["imports"][head])
            if found is None:
                return None
        else:
            return None
        full = f"{found}.{rest}" if rest else found
        return self._canonical(full)

    def class_entry(self, qualified: str) -> Optional[Dict[str, Any]]:
        """The entry of a project class by qualified name (None: not a project class)."""
        module, _, name = qualified.rpartition(".")
        entry = self.entries.get(module)
        if entry is None:
            return None
        return entry["classes"].get(name)

    def bases(self, qualified: str) -> List[str]:
        """The class's bases, resolved (project classes by qualified name, others as
        imported); bases that cannot be resolved are left out."""
        cls = self.class_entry(qualified)
        if cls is None:
            return []
        module = qualified.rpartition(".")[0]
        found = []
        for base in cls["bases"]:
            resolved = self.resolve(module, base) if base else None
            if resolved:
                found.append(resolved)
        return found

    def ancestors(self, qualified: str) -> List[str]:
        """The class, then its bases at every depth, nearest first, each once (project
        classes and the external names where the project's chain ends)."""
        seen: List[str] = []
        queue = [qualified]
        while queue:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.append(current)
            queue.extend(self.bases(current))
        return seen

    def derives_from(self, qualified: str, targets: Iterable[str]) -> bool:
        """Whether the class derives, at any depth and across modules, from one of
        `targets` (qualified names as imported, e.g. `torch.nn.Module`)."""
        wanted = frozenset(targets)
        return any(a in wanted for a in self.ancestors(qualified)[1:])

    def subclasses_of(self, targets: Iterable[str]) -> List[str]:
        """Every project class that derives from one of `targets`, by qualified name."""
        wanted = frozenset(targets)
        return [q for q in self.classes() if self.derives_from(q, wanted)]

    def classes(self) -> Iterator[str]:
        for module, entry in self.entries.items():
            for name in entry["classes"]:
                yield f"{module}.{name}"

    def method_owner(self, qualified: str, method: str) -> Optional[str]:
        """The nearest project class in the ancestry of `qualified` that defines `method`."""
        for cls in self.ancestors(qualified):
            entry = self.class_entry(cls)
            if entry is not None and method in entry["methods"]:
                return cls
        return None

    def constructions(self, qualified: str) -> List[Construction]:
        """Every call in the project whose callee resolves to the class `qualified`
        (`Digits(...)`, `data.Digits(...)`), with its arguments. Found on demand: only the
        modules whose text names the class are parsed (once per process)."""
        short = qualified.rpartition(".")[2]
        if short not in self._constructions:
            calls: List[Tuple[str, Any]] = []
            for module in self._calling(short):
                tree = self.tree(module)
                if tree is not None:
                    calls.extend((module, c) for c in calls_named(tree, short))
            self._constructions[short] = calls
        return [Construction(module, line, tuple(args), dict(keywords))
                for module, (callee, line, args, keywords) in self._constructions[short]
                if self.resolve(module, callee) == qualified]

    def find_constructions(self, names: Iterable[str]) -> None:
        """Find the calls of every class named in `names` (short names) at once, each
        module that calls one of them parsed and walked once for all (`constructions`
        then answers from what was found)."""
        todo = {n for n in names if n and n.isascii() and n not in self._constructions}
        asked: Dict[str, Set[str]] = {}
        for module in self._calling_any(todo):
            asked[module] = todo & self._called_in(module)
        found: Dict[str, List[Tuple[str, Any]]] = {name: [] for name in todo}
        for module in self.files:  # the order `_calling` lists them in
            if module not in asked:
                continue
            tree = self.tree(module)
            if tree is None:
                continue
            for name, calls in calls_named_any(tree, asked[module]).items():
                found[name].extend((module, c) for c in calls)
        self._constructions.update(found)

    def _calling(self, name: str) -> List[str]:
        """The modules of the index whose text calls something named `name` (`name(` or
        `x.name(`), in the order of `files`."""
        if not name.isascii():  # `_called_in` holds ASCII names: read the texts for this one
            pattern = re.compile(rb"\b" + re.escape(name.encode()) + rb"\s*\(")
            return [m for m, data in self._texts() if pattern.search(data)]
        return self._calling_any({name})

    def _calling_any(self, names: Set[str]) -> List[str]:
        """The modules of the index whose text calls something named one of `names`
        (ASCII): only the texts holding one of the names are searched for calls."""
        found = []
        for module in self.modules_mentioning(names, raw=True):
            if self._called_in(module) & names:
                self.tree(module)  # parsed once: its entry is made from the tree
                if self.entry(module) is not None:
                    found.append(module)
        return found

    def _called_in(self, module: str) -> Set[str]:
        """The names the module's text calls (`name(`), read once per process."""
        called = self._calls.get(module)
        if called is None:
            data = self._text(module)
            called = self._calls[module] = {
                n.decode("ascii") for n in _CALLED_NAME.findall(data or b"")}
        return called

    def _texts(self) -> Iterator[Tuple[str, bytes]]:
        for module in self.files:
            if self.entry(module) is not None:
                data = self._text(module)
                if data is not None:
                    yield module, data

    def _text(self, module: str) -> Optional[bytes]:
        """The module's bytes; None for a file the index does not read (too large, not a
        regular file, unreadable). Read once per model: a run sees each file as it was
        when first read (as `content_keys` does)."""
        if module not in self._raw:
            self._raw[module] = read_regular(self.files[module], _MAX_BYTES)
        return self._raw[module]

    def text(self, module: str) -> Optional[bytes]:
        """The bytes of a module of the project (`_text`), read once per model."""
        return self._text(module) if module in self.files else None

    def derived(self, kind: str, module: str, data: bytes, make,
                kept: Optional[int] = TREES_KEPT):
        """`make()`, what a caller derives from the module whose text is `data` (the
        plan's evidence of a nearby module), made once per model and content: each file
        linted asks about the same neighbours again. The last `kept` of each kind are
        kept, as trees are (None: every one, for small facts)."""
        key = (kind, module, self._content_digest(module, data))
        if key in self._derived:
            self._derived.move_to_end(key)
            return self._derived[key]
        found = self._derived[key] = make()
        if kept is not None and sum(1 for k in self._derived if k[0] == kind) > kept:
            oldest = next(k for k in self._derived if k[0] == kind)
            del self._derived[oldest]
        return found

    def mentions(self, module: str, words: Iterable[str]) -> bool:
        """Whether the module's text, as the parser reads its identifiers, holds one of
        `words` (a substring test: an identifier it lacks is named nowhere in it). True
        for a module whose text the index does not read."""
        data = self._searchable_text(module) if module in self.files else None
        if data is None:
            return True
        return any(w.encode("utf-8", "surrogatepass") in data for w in words if w)

    def _content_digest(self, module: str, data: bytes) -> bytes:
        """The hash of `data`, made once for the text the model read (`text()`): callers
        ask `derived` about the same neighbours for every file they lint."""
        if data is self._raw.get(module):
            found = self._digests.get(module)
            if found is None:
                found = self._digests[module] = hashlib.blake2b(data, digest_size=16).digest()
            return found
        return hashlib.blake2b(data, digest_size=16).digest()

    def modules_mentioning(self, names: Iterable[str], among: Optional[Iterable[str]] = None,
                           raw: bool = False) -> List[str]:
        """The modules (of `among`, else of the project; in the order of `files`) whose text
        holds one of the identifiers `names`: no module can bind, import, call or derive
        from a name its text does not hold. The text is searched as the parser reads
        identifiers (decoded by its coding cookie, NFKC-normalised) unless `raw`: as
        bytes, for questions asked of the bytes. Reads the files; parses none."""
        wanted = {n.encode("utf-8", "surrogatepass") for n in names if n}
        if not wanted:
            return []
        pattern = _any_of(wanted)
        allowed = None if among is None else set(among)
        found = []
        for module in self.files:
            if allowed is not None and module not in allowed:
                continue
            data = self._text(module) if raw else self._searchable_text(module)
            if data is not None and pattern.search(data):
                found.append(module)
        return found

    def modules_deriving(self, names: Iterable[str], among: Optional[Iterable[str]] = None
                         ) -> List[str]:
        """The modules of `modules_mentioning(names, among)` whose text may define a
        top-level class deriving from one of `names`, define a method of one of the method
        names (`__getitem__`: `def __getitem__`), or rename one in an import (`Name as`):
        a class derives from a name only through its header (`class C(pkg.Name):`). A
        header this cannot delimit (a string or comment in it) counts as naming every one.
        The classes of the other modules that mention a name cannot derive from it."""
        wanted = [n for n in names if n]
        found = self.modules_mentioning(wanted, among)
        if not found:
            return []
        encoded = [n.encode("utf-8", "surrogatepass") for n in wanted]
        methods = [n for n in encoded if n.startswith(b"__") and n.endswith(b"__")]
        others = [n for n in encoded if n not in methods]
        defined = re.compile(rb"\bdef\s+(?:" + b"|".join(map(re.escape, methods)) + rb")\b") \
            if methods else None
        renamed = re.compile(rb"(?:" + b"|".join(map(re.escape, others)) + rb")\s+as\b") \
            if others else None
        named = _any_of(others) if others else None
        kept = []
        for module in found:
            data = self._searchable_text(module) or b""
            if (defined is not None and defined.search(data)) or \
                    (renamed is not None and renamed.search(data)) or \
                    (named is not None and any(h is None or named.search(h)
                                               for h in _class_headers(data))):
                kept.append(module)
        return kept

    def _searchable_text(self, module: str) -> Optional[bytes]:
        """The module's text with its identifiers as the parser reads them: the bytes of an
        ASCII file without a coding cookie, else the decoded, NFKC-normalised text."""
        data = self._searchable.get(module)
        if data is None:
            data = self._text(module)
            if data is None:
                return None
            if not data.isascii() or _COOKIE.search(data, 0, _COOKIE_SPAN):
                data = _as_parsed(data)
            self._searchable[module] = data
        return data

    def registered(self, name: str) -> List[Tuple[str, str]]:
        """Every registration of the config name `name` in the project (`@R.register_module()`
        on a class, `name=` given or the class's own name; `R.register_module(module=Cls)`):
        `[(registry, class)]`, both qualified (the registry as the registering module's
        imports resolve it, `mmengine.registry.TRANSFORMS` or a project `Registry`)."""
        if self._registered is None:
            self._registered = {}
            # A registration is a call of an attribute `register_module`: only the modules
            # whose text holds that name are parsed.
            for module in self.modules_mentioning(["register_module"]):
                entry = self.entry(module)
                for registry, names, cls in (entry["registrations"] if entry else ()):
                    where, qualified = self.resolve(module, registry), self.resolve(module, cls)
                    if where is None or qualified is None:
                        continue
                    for config in names or (cls.rpartition(".")[2],):
                        self._registered.setdefault(config, []).append((where, qualified))
        return list(self._registered.get(name, ()))

    def assigned(self, module: str, dotted: str) -> Optional[Tuple[str, tuple]]:
        """`(module, Value)` of the module-level name `dotted` refers to in `module` (its own,
        or imported from a project module: `from configs import train_pipeline`,
        `cfg.train_pipeline` after `import configs.cfg as cfg`), where that name is bound
        exactly once; None otherwise."""
        entry = self.entries.get(module)
        if entry is None:
            return None
        if "." not in dotted and dotted in entry.get("assigns", {}):
            return module, entry["assigns"][dotted]
        found = self.resolve(module, dotted)
        if found is None:
            return None
        owner, _, name = found.rpartition(".")
        entry = self.entries.get(owner)
        value = entry.get("assigns", {}).get(name) if entry is not None else None
        return (owner, value) if value is not None else None

    def modules_near(self, path, levels: int = 3, limit: int = 300,
                     max_bytes: int = 1_000_000) -> Iterator[Tuple[str, Path]]:
        """`(module, file)` of the project's modules in the folder of `path` and the
        `levels - 1` folders above it, nearest folder first, each folder's by file name,
        `path` itself left out; at most `limit` files of at most `max_bytes` each. Reads
        no module and builds no index (callers read what they need, `tree()` parses)."""
        here = Path(path).resolve()
        by_folder: Dict[Path, List[Tuple[str, Path]]] = {}
        for module, file in self.files.items():
            by_folder.setdefault(file.parent, []).append((module, file))
        seen = 0
        folder = here.parent
        for _ in range(levels):
            for module, file in sorted(by_folder.get(folder, ()), key=lambda m: m[1].name):
                if file == here:
                    continue
                try:
                    if file.stat().st_size > max_bytes:
                        continue
                except OSError:
                    continue
                seen += 1
                if seen > limit:
                    return
                yield module, file
            if folder.parent == folder:
                return
            folder = folder.parent

    def tree(self, module: str, data: Optional[bytes] = None) -> Optional[ast.Module]:
        """The module's `ast` (None: unreadable or not Python). Callers keep what they
        take from a tree, never the tree: the model keeps the last `TREES_KEPT` trees, so
        that the memory of a long run over a large project stays bounded."""
        if module in self._trees:
            self._trees.move_to_end(module)
            return self._trees[module]
        if data is None:
            try:
                data = self.files[module].read_bytes()
            except (OSError, KeyError):
                data = b""
        with _collector_paused():  # as for the entries: a tree holds no cycles
            tree = _parse(data) if data else None
        self._keep_tree(module, tree)
        return tree

    def _keep_tree(self, module: str, tree: Optional[ast.Module]) -> None:
        self._trees[module] = tree
        self._trees.move_to_end(module)
        while len(self._trees) > TREES_KEPT:
            self._trees.popitem(last=False)

    # ----- helpers ----------------------------------------------------------------------
    def _imported(self, module: str, imported: tuple) -> Optional[str]:
        """The qualified name one import of `module` binds (module keys localised)."""
        level, source, name = imported
        base = _absolute(self._plain(module), self._is_package(module), level, source)
        if base is None:
            return None
        full = base if name is None else f"{base}.{name}"
        home = self._base_of.get(module)
        parts = full.split(".")
        for end in range(len(parts), 0, -1):
            key = self._by_base.get((home, ".".join(parts[:end])))
            if key is not None:
                return ".".join([key] + parts[end:])
        return full

    @staticmethod
    def _plain(module: str) -> str:
        return module.partition("@")[0]

    def _is_package(self, module: str) -> bool:
        path = self.files.get(module)
        return path is not None and path.name == "__init__.py"

    def _canonical(self, full: str) -> str:
        """Follow re-exports: `pkg.Digits` where `pkg/__init__.py` imports it from
        `pkg.dataset` is `pkg.dataset.Digits`."""
        for _ in range(8):
            module, _, name = full.rpartition(".")
            entry = self.entries.get(module)
            if entry is None or name in entry["classes"] or name in entry["functions"] or \
                    name in entry.get("assigns", ()) or \
                    name not in entry["imports"] or (module, name) in self._resolving:
                return full
            self._resolving.add((module, name))
            try:
                found = self._imported(module, entry["imports"][name])
                if found is None:
                    return full
                full = found
            finally:
                self._resolving.discard((module, name))
        return full


# ----- which files, which names -----------------------------------------------------------

def module_name(path: Path) -> Optional[str]:
    """`pkg.sub.mod` for `.../pkg/sub/mod.py` (up the chain of `__init__.py` folders)."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        parts.insert(0, folder.name)
        folder = folder.parent
    name = ".".join(parts)
    return name if name and all(p.isidentifier() for p in parts) else None


def project_roots(path) -> List[Path]:
    """The files and folders to index for a linted file (see the module docstring): the
    nearest folder with a project marker; else what is importable from the folder above
    the file's package chain (its `.py` files and its packages); for a file of an installed
    package, that package. Empty for the standard library. Found once per file and process
    (the plan asks for every receiver it tags)."""
    try:
        return list(_project_roots(os.path.abspath(path)))
    except (TypeError, ValueError):
        return []


@lru_cache(maxsize=1024)
def _project_roots(path: str) -> Tuple[Path, ...]:
    return tuple(_find_project_roots(path))


def _find_project_roots(path: str) -> List[Path]:
    try:
        here = Path(path).resolve().parent
    except (OSError, RuntimeError, ValueError):
        return []
    if _in_library(here):
        return []
    top = _package_top(here)
    if installed_folder(here):
        return [top] if (top / "__init__.py").is_file() else [here]
    folder = here
    for _ in range(_SEARCH_DEPTH):
        if any((folder / m).exists() for m in _MARKERS):
            return [folder]
        if folder.parent == folder or installed_folder(folder.parent):
            break
        folder = folder.parent
    base = top.parent if (top / "__init__.py").is_file() else top
    try:
        return sorted(p for p in base.iterdir()
                      if (p.suffix == ".py" and p.is_file()) or (p / "__init__.py").is_file())
    except OSError:
        return [top]


def _package_top(here: Path) -> Path:
    top = here
    while (top / "__init__.py").is_file() and (top.parent / "__init__.py").is_file():
        top = top.parent
    return top


def _in_library(folder: Path) -> bool:
    return not installed_folder(folder) and any(
        folder == lib or lib in folder.parents for lib in library_dirs())


def _python_files(roots: List[Path]) -> Iterator[Path]:
    count = 0
    for root in roots:
        if root.is_file():
            if root.suffix == ".py":
                yield root
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith(".")
                             and not d.endswith(".egg-info"))
            for name in sorted(names):
                path = os.path.join(folder, name)
                if name.endswith(".py") and os.path.isfile(path):  # not a FIFO or socket
                    count += 1
                    if count > _MAX_FILES:
                        return
                    yield Path(path)


def _absolute(module: str, is_package: bool, level: int, source: str) -> Optional[str]:
    """The absolute module an import names (`from ..a import b` in `pkg.sub.mod`: `pkg.a`)."""
    if level == 0:
        return source or None
    package = module.split(".") if is_package else module.split(".")[:-1]
    if level - 1 > len(package):
        return None
    base = package[:len(package) - (level - 1)]
    return ".".join(base + ([source] if source else [])) or None


# ----- entries, in parallel, cached --------------------------------------------------------

def _any_of(names: Iterable[bytes]) -> "re.Pattern[bytes]":
    """A pattern found in a text that holds one of `names`: their trie (one pass over the
    text whatever the number of names; a name holding a shorter one is left to it)."""
    trie: Dict[Optional[int], Any] = {}
    kept: List[bytes] = []
    for name in sorted(names, key=len):
        if any(k in name for k in kept):
            continue
        kept.append(name)
        node = trie
        for byte in name:
            if None in node:
                break  # a shorter name ends here: found wherever this one is
            node = node.setdefault(byte, {})
        else:
            node.clear()
            node[None] = True

    def branch(node: Dict[Any, Any]) -> bytes:
        if None in node:
            return b""
        ways = [re.escape(bytes([b])) + branch(child) for b, child in sorted(node.items())]
        return ways[0] if len(ways) == 1 else b"(?:" + b"|".join(ways) + b")"

    return re.compile(branch(trie))


# Every class statement (nested ones too: more than the entry's top-level classes, never
# fewer), at the start of a line however it ends (`\r` alone included).
_CLASS_AT_TOP = re.compile(rb"(?:^|(?<=\r))[ \t\f]*class\b", re.MULTILINE)


def _class_headers(data: bytes) -> Iterator[Optional[bytes]]:
    """The base lists of the text's top-level class statements (`class C(A, b.B):` gives
    `(A, b.B)`); None for one this cannot delimit for sure (a quote, a comment, a
    bracket before the parenthesis, or no end), which the caller reads as naming anything."""
    for match in _CLASS_AT_TOP.finditer(data):
        at = match.end()
        end = len(data)
        while at < end and data[at:at + 1] not in (b"(", b":", b"[", b"#", b"'", b'"'):
            at += 1
        opener = data[at:at + 1]
        if opener == b":":
            continue  # no bases
        if opener != b"(":
            yield None
            continue
        depth, start = 0, at
        while at < end:
            char = data[at:at + 1]
            if char in (b"#", b"'", b'"'):
                break
            if char in (b"(", b"[", b"{"):
                depth += 1
            elif char in (b")", b"]", b"}"):
                depth -= 1
                if depth == 0:
                    break
            at += 1
        yield data[start:at + 1] if depth == 0 and at < end else None


def _as_parsed(data: bytes) -> bytes:
    """The text as the parser reads its identifiers: decoded by its coding cookie (UTF-8
    without one) and NFKC-normalised, as UTF-8; the bytes themselves when they cannot be
    decoded (Python cannot read such a file either)."""
    import io
    import tokenize
    import unicodedata

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError, ValueError):
        return data
    return unicodedata.normalize("NFKC", text).encode("utf-8", "surrogatepass")


def _parse(data: bytes) -> Optional[ast.Module]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _entry_of_bytes(data: bytes) -> Optional[ModuleEntry]:
    tree = _parse(data)
    return None if tree is None else _entry_of_tree(tree)


def _entry_of_tree(tree: ast.Module) -> Optional[ModuleEntry]:
    try:
        return module_entry(tree)
    except RecursionError:
        return None


def _entries_of(texts: List[bytes]) -> List[Optional[ModuleEntry]]:
    workers = min(os.cpu_count() or 1, 8)
    if len(texts) < _PARALLEL_FROM or workers < 2 or _in_worker():
        with _collector_paused():
            return [_entry_of_bytes(t) for t in texts]
    from concurrent.futures import ProcessPoolExecutor  # cold builds only

    try:
        with ProcessPoolExecutor(workers, initializer=_mark_worker) as pool:
            return list(pool.map(_entry_of_bytes, texts, chunksize=32))
    except (OSError, RuntimeError):
        with _collector_paused():
            return [_entry_of_bytes(t) for t in texts]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector off while indexing: a tree and an entry hold no cycles (freed
    as soon as dropped), and the collector's passes over every node made cost a third of
    the parsing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _mark_worker() -> None:
    os.environ["COPYSAFETY_MODEL_WORKER"] = "1"
    gc.disable()  # this process only indexes (`_collector_paused`)


def _in_worker() -> bool:
    """Inside a worker process (ours, or `copysafety check`'s): no nested pools."""
    import multiprocessing

    return bool(os.environ.get("COPYSAFETY_MODEL_WORKER")) or \
        multiprocessing.current_process().name != "MainProcess"


def _cache_dir_for(roots: List[Path]) -> Path:
    configured = os.environ.get("COPYSAFETY_CACHE_DIR")
    first = roots[0] if roots else Path.cwd()
    folder = first if first.is_dir() and len(roots) == 1 else first.parent
    if configured:
        return Path(configured) / hashlib.blake2b(str(folder).encode(), digest_size=8).hexdigest()
    if installed_folder(folder) or not os.access(folder, os.W_OK):
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "copysafety"
        return base / hashlib.blake2b(str(folder).encode(), digest_size=8).hexdigest()
    return folder / CACHE_DIR_NAME


def interpreter_tag() -> str:
    """The interpreter stored data belongs to (`cpython-3.11`): what one version parses and
    how `ast` shapes it may differ in another, so none shares another's cache."""
    return f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}"


_FORMAT = "copysafety-model"
_held: Set[Path] = set()  # cache folders whose building lock this process holds


class _EntryCache:
    """One JSON file per project: content key -> entry, for this tool version, entry
    layout and interpreter. Read as data and checked entry by entry (`cache_schema.py`): an
    entry that does not fit is indexed again, and the file rewritten."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / f"model-{__version__}-{ENTRY_VERSION}-" \
                             f"{interpreter_tag()}.json"
        self.reach_file = folder / f"reach-{interpreter_tag()}.json"

    @contextmanager
    def building(self, wait_s: float = 120.0) -> Iterator[None]:
        """Held while one process builds what others would build the same (the parallel
        workers of one run, flake8's among them): they wait, then read it. Never waits
        longer than `wait_s` (a stopped holder): then each builds its own."""
        try:
            import fcntl
        except ImportError:  # no file locks here: each process builds its own
            fcntl = None  # type: ignore[assignment]
        if fcntl is None or self.folder in _held:  # held already, by this process
            yield
            return
        handle = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / "model.lock", "a+b")
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.05)
        except OSError:
            pass
        _held.add(self.folder)
        try:
            yield
        finally:
            _held.discard(self.folder)
            if handle is not None:
                handle.close()  # releases the lock

    def _header(self) -> Dict[str, Any]:
        return {"format": _FORMAT, "tool": __version__, "layout": ENTRY_VERSION,
                "python": interpreter_tag()}

    def load(self) -> Dict[str, Optional[ModuleEntry]]:
        raw = read_regular(self.file)
        if raw is None:
            return {}
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or \
                any(data.get(k) != v for k, v in self._header().items()) or \
                not isinstance(data.get("entries"), dict):
            return {}
        found: Dict[str, Optional[ModuleEntry]] = {}
        for key, value in data["entries"].items():
            if not isinstance(key, str):
                continue
            try:
                found[key] = None if value is None else entry_from_json(value)
            except (Invalid, RecursionError):
                continue  # indexed again, and written back
        return found

    def load_reach(self, digest: str) -> Optional[Dict[str, FrozenSet[str]]]:
        """The reach index (`reach.py`) stored for the index of `digest` by this build of
        the tool, or None."""
        raw = read_regular(self.reach_file)
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or \
                any(data.get(k) != v for k, v in self._reach_header(digest).items()) or \
                not isinstance(data.get("reach"), dict):
            return None
        found: Dict[str, FrozenSet[str]] = {}
        for module, owners in data["reach"].items():
            if not isinstance(owners, list) or not all(isinstance(o, str) for o in owners):
                return None
            found[module] = frozenset(owners)
        return found

    def save_reach(self, digest: str, reach: Dict[str, FrozenSet[str]]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = json.dumps({**self._reach_header(digest),
                               "reach": {m: sorted(o) for m, o in sorted(reach.items())}},
                              separators=(",", ":")).encode("utf-8", "surrogatepass")
            write_atomic(self.folder, self.reach_file, data, prefix=".model-")
        except (OSError, ValueError, TypeError):
            return

    def _reach_header(self, digest: str) -> Dict[str, Any]:
        return {**self._header(), "build": tool_fingerprint(), "digest": digest}

    def save(self, entries: Dict[str, Optional[ModuleEntry]]) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# created by flake8-copysafety\n*\n")
            data = json.dumps({**self._header(), "entries": entries},
                              separators=(",", ":")).encode()
            write_atomic(self.folder, self.file, data, prefix=".model-")
        except (OSError, ValueError, TypeError, RecursionError):
            return  # a read-only project: no cache, same results


# ----- one model per root and process ------------------------------------------------------

_models: Dict[Tuple[str, bool], ProjectModel] = {}


def project_model_for(path, use_cache: Optional[bool] = None) -> Optional[ProjectModel]:
    """The model of the project around the linted file `path` (built on first use, then
    shared by every file of that project in this process). None for stdin or no project."""
    if not file_on_disk(path):
        return None
    roots = project_roots(path)
    if not roots:
        return None
    key = ("|".join(map(str, roots)), bool(use_cache) if use_cache is not None else True)
    if key not in _models:
        _models[key] = ProjectModel(roots, use_cache=use_cache)
    # A result that consulted the model holds only while the project's modules are unchanged.
    note_project(tuple(map(str, roots)), _models[key])
    return _models[key]


def _existing_model(path) -> Tuple[Optional["ProjectModel"], Optional[str]]:
    """The model already made for the project of `path`, and the file's module in it:
    never makes one, and records nothing (the file consults no other module here)."""
    if not _models or not file_on_disk(path):
        return None, None
    roots = project_roots(path)
    model = _models.get(("|".join(map(str, roots)), True)) if roots else None
    if model is None:
        model = _models.get(("|".join(map(str, roots)), False)) if roots else None
    module = model.module_of(path) if model is not None else None
    return (model, module) if module is not None else (None, None)


def _same_text(model: "ProjectModel", module: str, text: str) -> bool:
    """Whether `text` is what the model read for `module`, and parses to the same tree from
    its bytes as from the text (ASCII, `\n` newlines: no coding cookie nor newline
    translation can make the two parses differ)."""
    data = model.text(module)
    return data is not None and data.isascii() and b"\r" not in data and \
        len(data) == len(text) and data.decode("ascii") == text


def shared_tree(path, text: str) -> Optional[ast.Module]:
    """The tree of the linted file that the project model parsed already (the reach index,
    a neighbour's evidence), so that the lint does not parse it again; None otherwise."""
    model, module = _existing_model(path)
    if model is None or module is None or module not in model._trees or \
            not _same_text(model, module, text):
        return None
    return model.tree(module)


def share_tree(path, text: str, tree: Optional[ast.Module]) -> None:
    """Hand the tree the lint parsed to the project model, for the questions the later
    files ask about this module (`tree()`)."""
    model, module = _existing_model(path)
    if model is not None and module is not None and tree is not None and \
            module not in model._trees and _same_text(model, module, text):
        model._keep_tree(module, tree)


def new_run() -> None:
    """Forget the models of this process: a process that lints again after files changed
    (a test, a program using the engine) starts a new run, and each model is built again
    (from its cache on disk) with its files hashed again. Within a run each file is hashed
    once, and a model's digest is its files' content when first asked for."""
    _models.clear()
    _project_roots.cache_clear()
    forget_resolved()


def project_digest(roots: Iterable[str]) -> Optional[str]:
    """The digest of the project model of `roots` in this process (built on first use)."""
    roots = tuple(roots)
    for (joined, _), model in _models.items():
        if model is not None and joined == "|".join(roots):
            return model.digest
    try:
        model = _models[("|".join(roots), True)] = ProjectModel([Path(r) for r in roots])
    except (OSError, ValueError):
        return None
    return model.digest
