"""What a dataset stores: the tensors, ndarrays and containers reachable from its attributes,
each with a baseline to compare against later (a version counter, a fingerprint of the bytes,
or the identities of a container's entries).
"""

import bisect
from typing import Any, Dict, Iterator, List, Optional, Tuple

from .memory import (Span, array_fingerprint, array_span, tensor_device, tensor_fingerprint,
                     tensor_span)

MAX_DEPTH = 6
MAX_RECORDS = 200_000
_LIBRARY_MODULES = ("torch", "numpy", "builtins", "collections", "typing")

TENSOR, ARRAY, LIST, DICT, SET, OBJECT = "tensor", "ndarray", "list", "dict", "set", "object"


class Stored:
    """One stored object: where it sits (`path`, e.g. `samples[3]['img']`) and its baseline.

    Holds the object itself: the dataset holds it anyway (ndarrays, lists and dicts cannot be
    referenced weakly)."""

    __slots__ = ("path", "kind", "obj", "depth", "version", "print", "span", "device",
                 "parent")

    def __init__(self, path: str, kind: str, obj: Any, depth: int,
                 parent: "Optional[Stored]" = None) -> None:
        self.path, self.kind, self.obj, self.depth = path, kind, obj, depth
        self.parent = parent
        self.span: Optional[Span] = None
        self.device = "cpu"
        self.version = -1
        self.print: Any = None

    @property
    def attribute(self) -> str:
        """The dataset attribute the object hangs from (`samples` for `samples[3]['img']`)."""
        for i, char in enumerate(self.path):
            if char in "[.":
                return self.path[:i]
        return self.path


def _entries(record: Stored) -> Any:
    obj = record.obj
    if record.kind == LIST:
        return tuple(map(id, obj))
    if record.kind == DICT:
        return {key: id(value) for key, value in list(obj.items())}
    if record.kind == SET:
        return frozenset(map(id, obj))
    if record.kind == OBJECT:
        return {name: id(value) for name, value in list(vars(obj).items()) if is_data(value)}
    return None


def baseline(record: Stored, full: bool) -> None:
    if record.kind == TENSOR:
        record.version = record.obj._version
        record.print = tensor_fingerprint(record.obj, full)
    elif record.kind == ARRAY:
        record.print = array_fingerprint(record.obj, full)
    else:
        record.print = _entries(record)


def change(record: Stored, full: bool, cheap: bool = False) -> Optional[str]:
    """How the object changed since its baseline, or None; the baseline moves on. `cheap`:
    a tensor by its version counter only (its bytes are compared in sweeps)."""
    if record.kind == TENSOR:
        version = record.obj._version
        if version != record.version:
            baseline(record, full)
            return "changed in place"
        if cheap:
            return None
        now = tensor_fingerprint(record.obj, full)
        if now != record.print:
            record.print = now
            return "changed through an alias that shares its storage"
        return None
    if record.kind == ARRAY:
        now = array_fingerprint(record.obj, full)
        if now != record.print:
            record.print = now
            return "changed in place"
        return None
    now = _entries(record)
    before, record.print = record.print, now
    if now == before:
        return None
    if record.depth == 0 and record.kind in (DICT, OBJECT) and _only_filled(before, now):
        return None
    if record.depth == 0 and record.kind == LIST and _only_filled_list(before, now):
        return None
    return "had its entries changed"


_NONE_ID = id(None)


def _only_filled(before: Dict, now: Dict) -> bool:
    """A cache filled on demand: new keys, or entries that were None now set."""
    return all(key in now and (now[key] == old or old == _NONE_ID)
               for key, old in before.items())


def _only_filled_list(before: Tuple, now: Tuple) -> bool:
    if len(now) < len(before):
        return False
    return all(a == b or a == _NONE_ID for a, b in zip(before, now))


def is_data(value: Any) -> bool:
    """Whether a value is stored data worth watching (not code, not a scalar)."""
    import numpy as np
    import torch

    if isinstance(value, (torch.Tensor, np.ndarray, list, dict, set, tuple)):
        return True
    return _plain_object(value)


def _plain_object(value: Any) -> bool:
    if callable(value) or not hasattr(value, "__dict__"):
        return False
    module = (type(value).__module__ or "").split(".")[0]
    if module in _LIBRARY_MODULES:
        return False
    return not hasattr(type(value), "__getitem__") or not hasattr(type(value), "__len__")


class StoredData:
    """Everything one dataset stores, indexed by identity and by the bytes it spans."""

    def __init__(self, attributes: Dict[str, Any], full: bool) -> None:
        self.full = full
        self.records: List[Stored] = []
        self.tensors: List[Stored] = []  # the records of tensors, in `records` order
        self.by_id: Dict[int, Stored] = {}
        self._spans: Dict[str, Tuple[List[int], List[int], List[Stored]]] = {}
        for name, value in list(attributes.items()):
            self._walk(value, name, 0, None)
        self._index_spans()

    def _add(self, record: Stored) -> Stored:
        baseline(record, self.full)
        self.records.append(record)
        if record.kind == TENSOR:
            self.tensors.append(record)
        self.by_id[id(record.obj)] = record
        return record

    def _walk(self, value: Any, path: str, depth: int, parent: Optional[Stored]) -> None:
        import numpy as np
        import torch

        if len(self.records) >= MAX_RECORDS:
            return
        if id(value) in self.by_id:
            return
        if isinstance(value, torch.Tensor):
            record = Stored(path, TENSOR, value, depth, parent)
            record.span, record.device = tensor_span(value), tensor_device(value)
            self._add(record)
            return
        if isinstance(value, np.ndarray):
            if value.dtype == object:
                for i, item in enumerate(value.flat[:1000]):
                    self._walk(item, f"{path}[{i}]", depth + 1, parent)
                return
            record = Stored(path, ARRAY, value, depth, parent)
            record.span = array_span(value)
            self._add(record)
            return
        if depth > MAX_DEPTH:
            return
        holder = parent
        if isinstance(value, tuple):
            items: Iterator = enumerate(value)
        elif isinstance(value, list):
            holder = self._add(Stored(path, LIST, value, depth, parent))
            items = enumerate(list(value))
        elif isinstance(value, dict):
            holder = self._add(Stored(path, DICT, value, depth, parent))
            items = iter(list(value.items()))
        elif isinstance(value, (set, frozenset)):
            if isinstance(value, set):
                self._add(Stored(path, SET, value, depth, parent))
            return
        elif _plain_object(value) and not _is_dataset(value):
            holder = self._add(Stored(path, OBJECT, value, depth, parent))
            for name, item in list(vars(value).items()):
                if is_data(item):
                    self._walk(item, f"{path}.{name}", depth + 1, holder)
            return
        else:
            return
        for key, item in items:
            if is_data(item):
                self._walk(item, f"{path}[{key!r}]", depth + 1, holder)

    def adopt(self, value: Any, path: str) -> bool:
        """Record `value` as stored from now on (an object a cache of the dataset keeps and
        hands out again); whether anything new was recorded."""
        if id(value) in self.by_id or not is_data(value):
            return False
        count = len(self.records)
        self._walk(value, path, 0, None)
        if len(self.records) == count:
            return False
        self._index_spans()
        return True

    def fill(self, record: Stored) -> List[Stored]:
        """A top-level list or dict that only gained entries since its baseline (a cache
        filled on demand): record the new entries as stored; the records added."""
        if record.depth != 0 or record.kind not in (LIST, DICT):
            return []
        before, now = record.print, _entries(record)
        if record.kind == DICT:
            if not _only_filled(before, now):
                return []
            new = [(key, ident) for key, ident in now.items() if before.get(key) != ident]
        else:
            if not _only_filled_list(before, now):
                return []
            new = [(i, ident) for i, ident in enumerate(now)
                   if i >= len(before) or before[i] != ident]
        record.print = now
        count = len(self.records)
        obj = record.obj
        for key, _ in new:
            try:
                value = obj[key]
            except (KeyError, IndexError, TypeError):
                continue
            if is_data(value):
                self._walk(value, f"{record.path}[{key!r}]", 1, record)
        added = self.records[count:]
        if any(r.span is not None for r in added):
            self._index_spans()
        return added

    def _index_spans(self) -> None:
        grouped: Dict[str, List[Tuple[int, int, int, Stored]]] = {}
        for n, record in enumerate(self.records):
            if record.span is not None:
                grouped.setdefault(record.device, []).append(
                    (record.span[0], record.span[1], n, record))
        for device, rows in grouped.items():
            rows.sort(key=lambda row: (row[0], row[2]))
            starts = [row[0] for row in rows]
            max_ends, top = [], 0
            for row in rows:
                top = max(top, row[1])
                max_ends.append(top)
            self._spans[device] = (starts, max_ends, [row[3] for row in rows])

    @property
    def holds_memory(self) -> bool:
        """Whether any tensor or ndarray is stored: else no torch call can write into it."""
        return bool(self._spans)

    def overlapping(self, span: Optional[Span], device: str) -> List[Stored]:
        """Stored tensors and ndarrays whose bytes overlap `span` on `device`."""
        if span is None or device not in self._spans:
            return []
        starts, max_ends, records = self._spans[device]
        found = []
        i = bisect.bisect_left(starts, span[1]) - 1
        while i >= 0 and max_ends[i] > span[0]:
            record = records[i]
            if record.span[1] > span[0]:  # type: ignore[index]
                found.append(record)
            i -= 1
        return found


def cached_members(cls: type) -> Dict[str, Any]:
    """The members of `cls` that a cache wraps (`functools.lru_cache`, `functools.cache`):
    each hands the object it keeps to every later call with equal arguments, so what it
    returns is stored data though no attribute holds it."""
    return {name: value for name, value in vars(cls).items()
            if callable(getattr(value, "cache_info", None)) and hasattr(value, "__wrapped__")}


def shallow_copy_of(fresh: Any, record: Optional[Stored]) -> bool:
    """Whether `fresh` (a dict or list that is not stored) is a shallow copy of the stored
    container `record`: same kind and the same keys or length."""
    if record is None or fresh is record.obj:
        return False
    if record.kind == DICT and isinstance(fresh, dict):
        return fresh.keys() == record.obj.keys()
    if record.kind == LIST and isinstance(fresh, (list, tuple)):
        return len(fresh) == len(record.obj)
    return False


def _is_dataset(value: Any) -> bool:
    try:
        from torch.utils.data import Dataset
    except ImportError:  # pragma: no cover
        return False
    return isinstance(value, Dataset)
