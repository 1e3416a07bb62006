"""Dataset guards: on a dataset's first `__getitem__`, record what it stores (`baselines.py`);
then after each item, before each batch and at the end of each epoch, find what changed.

Where a change is seen decides what the report can say:

* during `__getitem__`, an in-place torch call on stored memory is seen as it happens (the
  mode in `watch.py`), with its line; other changes (numpy writes) are found when the item
  returns, by the version counters and fingerprints of what the item shares memory with;
* after an item was handed out (collate function, training loop), a change of an object the
  item handed out is found before the next item or batch; a change of its memory when the
  same index is read again;
* anything else is found by a sweep of all stored data at the end of each epoch (the loader
  ran out) and when the guard stops.
"""

import functools
import weakref
from typing import Any, Dict, List, Optional, Tuple, Union

from ..rules.catalogue import RULES
from .memory import (array_fingerprint, array_span, fingerprint, is_array, tensor_device,
                     tensor_fingerprint, tensor_span)
from .places import Place, code_place
from .baselines import (ARRAY, DICT, LIST, TENSOR, Stored, StoredData, cached_members,
                        change, shallow_copy_of)

SAMPLE_NODES = 256  # objects looked at in one returned item
HOT_LIMIT = 1024  # handed-out stored objects remembered for the next check
CYCLE = 16  # stored objects checked in turn after every item
LOCALIZE_ITEMS = 8  # items (and what runs after each) traced line by line to place a change
SUSPECTS = 512  # stored objects compared after every traced line
# Items read under the mode before a dataset whose items never touched its stored memory is
# trusted to keep not touching it (its items then run without the mode); the most stored
# tensors whose version counters are compared after each trusted item instead.
PROBATION = 64
TRUST_TENSORS = 64
PENDING_ITEMS = 8  # items read under the mode again to place a change a trusted item made


def _code(record: Stored, how: str, shallow: bool = False) -> str:
    if shallow:
        return "CPS102"
    if record.kind in (TENSOR, ARRAY):
        return "CPS102" if "alias" in how else "CPS101"
    return "CPS103"


class DatasetGuard:
    """The stored data of one dataset object and what it handed out lately."""

    def __init__(self, session, dataset: Any, getitem) -> None:
        self.session = session
        self.name = type(dataset).__qualname__
        self.getitem_place: Optional[Place] = code_place(getitem)
        self.stored = StoredData(dict(vars(dataset)) if hasattr(dataset, "__dict__") else {},
                                 session.full)
        self.hot: Dict[int, Tuple[Stored, Any, bool]] = {}  # id -> (record, index, shallow)
        # index -> [(alias, span, print)]
        self.regions: Dict[Any, List[Tuple[Any, Any, Any]]] = {}
        self.cursor = 0
        self.index: Any = None
        self.seen_inplace: set = set()
        self.escaped = False  # this item handed stored tensor memory to numpy or C code
        # The mode watches this dataset's items only where torch can write stored memory.
        self.watching = self.stored.holds_memory
        self.inside = False  # between enter and leave of an item
        self.held = False  # this item holds the mode on the stack
        # Items without the mode (see `_trust`): how many ran under it untouched, whether
        # trusted now, and a change a trusted item made, until placed (see `flush_pending`).
        self.untouched = 0
        self.trusted = False
        self.trustworthy = True
        self.touched = False  # this item wrote or handed out stored memory, as the mode saw
        self.pending: List[Tuple[Stored, str, str, Any]] = []
        self.pending_for = 0
        self.entered: List[int] = []  # the stored tensors' versions as a trusted item began
        # Placing changes found without their line (see localize.py): items left to trace,
        # the objects compared after each traced line, the code reported per attribute.
        self.localize = 0
        self.suspects: Dict[int, Stored] = {}
        self.codes: Dict[str, str] = {}
        self.cache_traced = False
        self.kept = StoredData({}, session.full)  # what an iterable dataset yielded lately
        self.converted: set = set()  # ids of tensors a no-op conversion returned this item
        self.written: list = []  # writes the mode saw this item, reported when it returns
        self.tops = [r for r in self.stored.records if r.depth == 0 and r.kind in (LIST, DICT)]

    def adopt(self, value: Any, path: str) -> None:
        """An object a cache of the dataset keeps and hands out again (`@lru_cache` on
        `__getitem__` or on a method it calls): stored data from now on."""
        if not self.stored.adopt(value, path):
            return
        self.tops = [r for r in self.stored.records if r.depth == 0 and r.kind in (LIST, DICT)]
        self._distrust()
        if self.watching or not self.stored.holds_memory:
            return
        self.watching = True
        if self.inside and not self.held:
            self.held = True
            self.session.watch.hold()

    # --- reporting -----------------------------------------------------------------------

    def report(self, record: Stored, code: str, how: str, place: Optional[Place],
               when: str, exact: bool = False) -> None:
        """`exact`: `place` is the line that made the change; else the change was found
        later, and the next items are traced to find that line (a finding there replaces
        this one)."""
        what = "ndarray" if record.kind == ARRAY else record.kind
        message = (f"stored data of dataset `{self.name}` changed: `{record.path}` ({what}) "
                   f"{how} {when}; {RULES[code].advice}")
        if not exact:
            self._suspect(record, code)
        else:
            self._placed(record)
        self.session.report(code, place or self.getitem_place, message,
                            key=("dataset", self.name, record.attribute), exact=exact)

    def _suspect(self, record: Stored, code: str) -> None:
        """Trace the next items to find the line that changes objects like `record`."""
        attribute = record.attribute
        if attribute in self.codes:
            return
        self.codes[attribute] = code
        self.localize = LOCALIZE_ITEMS
        self.suspects[id(record)] = record
        limit = SUSPECTS if record.kind not in (TENSOR, ARRAY) else SUSPECTS // 16
        for other in self.stored.records + self.kept.records:
            if len(self.suspects) >= limit:
                break
            if other.attribute == attribute and other.kind == record.kind:
                self.suspects[id(other)] = other

    def _probe(self, place: Optional[Place]) -> bool:
        """After one traced line: adopt what filled caches gained, compare the suspects;
        report a change at `place` (the line that ran)."""
        for top in self.tops:
            if len(top.obj) != len(top.print):
                for record in self.stored.fill(top):
                    if record.kind != TENSOR and len(self.suspects) < 4 * SUSPECTS:
                        self.suspects[id(record)] = record
        if place is None:
            return False
        found = False
        full = self.session.full
        for record in list(self.suspects.values()):
            how = change(record, full)
            if how:
                code = self.codes.get(record.attribute) or _code(record, how)
                when = (_while(self.index) if self.inside
                        else f"after index {self.index!r} was handed out")
                self.report(record, code, how, place, when, exact=True)
                found = True
        if found:
            self.localize = 0
            self.suspects.clear()
        return found

    def _trace(self) -> None:
        """Start tracing this item and what runs after it, while asked to."""
        tracer = self.session.tracer
        if self.localize <= 0 or tracer is None or tracer.active:
            return
        self.localize -= 1
        full = self.session.full
        for record in list(self.suspects.values()):
            change(record, full)  # seen before this window: reported already
        tracer.start(self, self._probe)

    def _untrace(self) -> None:
        tracer = self.session.tracer
        if tracer is not None and tracer.owner is self:
            tracer.stop()

    # --- an item -------------------------------------------------------------------------

    def enter(self, index: Any) -> Any:
        self._untrace()  # what ran after the last item was traced up to here
        self.index = index
        if self.hot:
            self._check_hot(None, caller=True)
        self.inside = True
        self._trace()
        before = self._region_prints(index) if self.regions else None
        watch = self.session.watch
        watch.datasets.append(self)
        self.touched = False
        if self.trusted:  # changes made since the last item are not this item's
            self.entered = [record.obj._version for record in self.stored.tensors]
        elif self.watching:
            self.held = True
            watch.hold()
        return before

    def release(self) -> None:
        """The item is over: the mode leaves the stack if this item held it."""
        self.inside = False
        watch = self.session.watch
        if self.held:
            self.held = False
            watch.release()
        if watch.datasets and watch.datasets[-1] is self:
            watch.datasets.pop()

    # --- items without the mode ------------------------------------------------------------

    def _trust(self, index: Any) -> None:
        """After an item: a trusted dataset's stored tensors compared by version counter (a
        change is placed by the next items, read under the mode again); an untrusted one
        trusted after `PROBATION` items in a row under the mode that wrote no stored memory
        and handed none to numpy or C code (a light augmentation of a copy: `guard_train.py`)."""
        if self.trusted:
            full = self.session.full
            for record, version in zip(self.stored.tensors, self.entered):
                if record.obj._version != version:
                    how = change(record, full)
                    if how:
                        self.pending.append((record, _code(record, how), how, index))
            if self.pending:
                self._distrust()
                self.trustworthy = False  # it changed stored memory once: watched from now on
            return
        if self.pending:
            self.pending_for += 1
            if self.pending_for >= PENDING_ITEMS:
                self.flush_pending()
        if not self.watching or self.touched or self.escaped or self.written or \
                len(self.stored.tensors) > TRUST_TENSORS:
            self.untouched = 0
            return
        self.untouched += 1
        if self.untouched >= PROBATION and self.trustworthy and not self.pending:
            self.trusted = True

    def _distrust(self) -> None:
        self.trusted = False
        self.untouched = 0
        self.pending_for = 0

    def flush_pending(self) -> None:
        """Changes trusted items made that the items read under the mode since did not place
        at their line: reported where they were found (the next items are traced)."""
        pending, self.pending = self.pending, []
        for record, code, how, index in pending:
            self.report(record, code, how, None, _while(index))

    def _placed(self, record: Stored) -> None:
        """An exact finding of `record`'s attribute: a pending change of it is placed."""
        if self.pending:
            attribute = record.attribute
            self.pending = [p for p in self.pending if p[0].attribute != attribute]

    def leave(self, index: Any, before: Any, result: Any) -> None:
        self.release()
        self._trust(index)
        aliases, records, shallow = self._handed_out(result)
        # Inside the item the mode saw every torch write; a stored tensor's bytes can only
        # have changed unseen through memory handed to numpy or C code (`escaping`).
        cheap = not self.escaped
        self.escaped = False
        full = self.session.full
        for record in records:
            if id(record) in self.seen_inplace:
                continue
            how = change(record, full, cheap=cheap)
            if how:
                if id(record) in shallow:
                    how += " after a shallow copy of what holds it"
                self.report(record, _code(record, how, id(record) in shallow), how, None,
                            _while(index))
        if before:
            spans = dict(before)
            for alias, span, now in aliases:
                old = spans.get(span)
                if old is not None and now != old:
                    record = self._owner(alias)
                    if record is not None and id(record) not in self.seen_inplace:
                        self.report(record, "CPS101", "changed in place", None,
                                    _while(index))
        self._report_written(shallow)
        self.converted.clear()
        if self.seen_inplace:
            self.seen_inplace.clear()
        if aliases:
            try:
                self.regions[index] = aliases
            except TypeError:  # an unhashable index
                pass
        tracing = self.session.tracer is not None and self.session.tracer.owner is self
        for record in records:
            if record.kind not in (TENSOR, ARRAY):
                self.hot[id(record)] = (record, index, id(record) in shallow)
                if tracing and len(self.suspects) < 4 * SUSPECTS:
                    self.suspects[id(record)] = record
        for top in self.tops:  # a cache filled by this item: its entries are stored data
            if len(top.obj) != len(top.print) and self.stored.fill(top) and \
                    not self.cache_traced:
                self.cache_traced = True  # trace an item or two: a filled entry changed
                self.localize = max(self.localize, 2)
                self.suspects[id(top)] = top
        while len(self.hot) > HOT_LIMIT:
            self.hot.pop(next(iter(self.hot)))
        self._cycle(index)

    def yielded(self, number: int, item: Any) -> None:
        """An iterable dataset yields `item`: an object it yielded before (kept by its
        iterator, though no attribute holds it) must be as it was then."""
        kept = self.kept
        record = kept.by_id.get(id(item))
        if record is not None and record.obj is item:
            full = self.session.full
            root = record.path
            for each in kept.records:
                if each.path != root and not each.path.startswith((root + "[", root + ".")):
                    continue
                how = change(each, full)
                if how:
                    self.report(each, _code(each, how), how, None,
                                f"between two yields of the same object (item {number})")
            return
        if len(kept.records) > HOT_LIMIT:
            self.kept = kept = StoredData({}, self.session.full)
        if id(item) not in self.stored.by_id:
            kept.adopt(item, f"yielded[{number}]")

    def _report_written(self, shallow=()) -> None:
        """The writes the mode saw in this item, now that it is known whether the item
        reached the stored tensor through a shallow copy of what holds it (CPS102)."""
        written, self.written = self.written, []
        for record, code, how, place, when in written:
            if code == "CPS101" and id(record) in shallow:
                code, how = "CPS102", how + " after a shallow copy of what holds it"
            self.report(record, code, how, place, when, exact=True)

    def _owner(self, alias) -> Optional[Stored]:
        span, device = _span_of(alias)
        found = self.stored.overlapping(span, device)
        return found[0] if found else None

    def _handed_out(self, result: Any):
        """What the item shares with stored data: (alias, span, print) for tensors and
        ndarrays overlapping stored memory, and the stored records involved."""
        tensor_type, array_type = _TYPES or _types()
        by_id, overlapping = self.stored.by_id, self.stored.overlapping
        full = self.session.full
        aliases: List[Tuple[Any, Any, Any]] = []
        records: Dict[int, Stored] = {}
        seen, shallow = set(), set()
        todo: List[Tuple[Any, Any]] = [(result, None)]
        push, pop = todo.append, todo.pop
        nodes = 0
        while todo and nodes < SAMPLE_NODES:
            value, via = pop()
            if id(value) in seen:
                continue
            seen.add(id(value))
            nodes += 1
            stored = by_id.get(id(value))
            if stored is not None:
                records[id(stored)] = stored
                if via is not None and shallow_copy_of(via, stored.parent):
                    shallow.add(id(stored))
            if isinstance(value, tensor_type):
                span = tensor_span(value)
                hits = overlapping(span, tensor_device(value)) if span else None
                if hits:
                    for record in hits:
                        records[id(record)] = record
                    if stored is None:
                        aliases.append((value, span, tensor_fingerprint(value, full)))
            elif isinstance(value, array_type):
                if getattr(value, "dtype", None) == object:
                    continue
                span = array_span(value)
                hits = overlapping(span, "cpu")
                if hits:
                    for record in hits:
                        records[id(record)] = record
                    if stored is None:
                        aliases.append((value, span, array_fingerprint(value, full)))
            else:
                if isinstance(value, (list, tuple)):
                    fresh: Union[list, tuple, dict, None] = value if stored is None else None
                    items = value[:SAMPLE_NODES]
                elif isinstance(value, dict):
                    fresh = value if stored is None else None
                    items = list(value.values())[:SAMPLE_NODES]
                elif stored is not None and hasattr(value, "__dict__"):
                    fresh, items = None, list(vars(value).values())[:SAMPLE_NODES]
                else:
                    continue
                for item in items:
                    if type(item) not in _ATOMS:
                        push((item, fresh))
        return aliases, list(records.values()), shallow

    def _region_prints(self, index: Any):
        """The handed-out parts of item `index` as they are now ((span, print) each);
        reports those changed since the item was last handed out."""
        try:
            regions = self.regions.get(index)
        except TypeError:
            return None
        if not regions:
            return None
        full = self.session.full
        out = []
        for alias, span, old in regions:
            now = fingerprint(alias, full)
            if now != old:
                record = self._owner(alias)
                if record is not None:
                    self.report(record, "CPS101", "changed in place",
                                self.session.places.user_place(3),
                                f"after index {index!r} was handed out")
            out.append((span, now))
        return out

    def _check_hot(self, place: Optional[Place], caller: bool = False) -> None:
        """Objects the last items handed out: changed since? (`caller`: report at the user's
        line that asked for this item, found only when something changed.)"""
        if not self.hot:
            return
        full = self.session.full
        for record, index, shallow in list(self.hot.values()):
            how = change(record, full)
            if how:
                if caller and place is None:
                    place = self.session.places.user_place(2)
                self.report(record, _code(record, how, shallow), how, place,
                            f"after index {index!r} was handed out")
        self.hot.clear()

    def _cycle(self, index: Any) -> None:
        records = self.stored.records
        if not records:
            return
        full = self.session.full
        for _ in range(min(CYCLE, len(records))):
            self.cursor = (self.cursor + 1) % len(records)
            record = records[self.cursor]
            how = change(record, full, cheap=True)
            if how:
                self.report(record, _code(record, how), how, None,
                            f"(seen {_while(index)})")

    def before_batch(self, place: Optional[Place]) -> None:
        self.flush_pending()
        self._check_hot(place)

    def sweep(self, place: Optional[Place], when: str) -> None:
        self._untrace()
        self.flush_pending()
        self._check_hot(place)
        full = self.session.full
        for record in self.stored.records:
            how = change(record, full)
            if how:
                self.report(record, _code(record, how), how, place, when)

    # --- called by the mode during __getitem__ --------------------------------------------

    def escaping(self, tensor: Any) -> None:
        """A call hands `tensor`'s memory out (`.numpy()`, `data_ptr()`): if it is stored
        memory, the item's stored tensors get their bytes compared when it returns."""
        if not self.escaped and self.stored.overlapping(tensor_span(tensor),
                                                        tensor_device(tensor)):
            self.escaped = self.touched = True

    def before_write(self, written: List[Any], unchanged: bool = False):
        """Stored records a call is about to write into: callbacks to run after it.
        `unchanged`: the call writes the values already there (a copy onto itself): no
        change to report, and a record that was current stays current."""
        after = []
        for tensor in written:
            hits = self.stored.overlapping(tensor_span(tensor), tensor_device(tensor))
            if hits:
                self.touched = True
            converted = id(tensor) in self.converted
            for record in hits:
                version = record.obj._version if record.kind == TENSOR else None
                if not unchanged:
                    after.append(functools.partial(self._written, record, version,
                                                   converted))
                elif version == record.version:
                    after.append(functools.partial(self._kept, record))
        return after

    @staticmethod
    def _kept(record: Stored) -> None:
        record.version = record.obj._version

    def _written(self, record: Stored, version_before: Optional[int],
                 converted: bool = False) -> None:
        if converted:
            code, how = "CPS104", "changed in place through a conversion that returned it"
        elif record.kind == TENSOR and record.obj._version == version_before:
            code, how = "CPS102", "changed through an alias that shares its storage"
        else:
            code, how = "CPS101", "changed in place"
        change(record, self.session.full)  # the new baseline
        self.seen_inplace.add(id(record))
        self.written.append((record, code, how, self.session.places.user_place(1),
                             f"while reading index {self.index!r}"))


_TYPES: Tuple[type, ...] = ()


def _types() -> Tuple[type, ...]:
    """(torch.Tensor, numpy.ndarray), imported once."""
    global _TYPES
    import numpy as np
    import torch

    _TYPES = (torch.Tensor, np.ndarray)
    return _TYPES


_ATOMS = frozenset((int, float, bool, str, bytes, type(None)))  # hold no stored data


def _while(index: Any) -> str:
    return f"while reading index {index!r}"


def _span_of(value: Any):
    if is_array(value):
        return array_span(value), "cpu"
    return tensor_span(value), tensor_device(value)


class DatasetGuards:
    """Wraps `__getitem__` of dataset classes and the loader's `__next__`; one guard per
    dataset object, made at its first indexing."""

    def __init__(self, session) -> None:
        self.session = session
        self.guards: Dict[int, DatasetGuard] = {}
        self._refs: Dict[int, Any] = {}
        self._wrapped: List[Tuple[type, Any]] = []
        self._patched: List[Tuple[Any, str, Any, bool]] = []

    def _guard_for(self, dataset: Any, getitem) -> Optional[DatasetGuard]:
        key = id(dataset)
        guard = self.guards.get(key)
        if guard is not None:
            return guard
        try:
            self._refs[key] = weakref.ref(dataset, lambda _: self._forget(key))
        except TypeError:
            self._refs[key] = dataset
        self.session.watch.quiet += 1
        try:
            guard = DatasetGuard(self.session, dataset, getitem)
        finally:
            self.session.watch.quiet -= 1
        self.guards[key] = guard
        return guard

    def _forget(self, key: int) -> None:
        self.guards.pop(key, None)
        self._refs.pop(key, None)

    def wrap(self, cls: type) -> None:
        self._wrap_caches(cls)
        self._wrap_iter(cls)
        real = cls.__dict__.get("__getitem__")
        if real is None or getattr(real, "__copysafety_real__", None) is not None \
                or not callable(real):
            return
        guards = self

        @functools.wraps(real)
        def __getitem__(self, index):
            try:
                guard = guards._guard_for(self, real)
                guards.session.watch.quiet += 1
                try:
                    before = guard.enter(index)
                finally:
                    guards.session.watch.quiet -= 1
            except Exception:  # noqa: BLE001 - never in the program's way
                guard = None
            if guard is None:
                return real(self, index)
            try:
                result = real(self, index)
            except BaseException:
                guards._abandon(guard)
                raise
            try:
                guards.session.watch.quiet += 1
                try:
                    if cached:
                        guard.adopt(result, f"__getitem__({index!r})")
                    guard.leave(index, before, result)
                finally:
                    guards.session.watch.quiet -= 1
            except Exception:  # noqa: BLE001
                pass
            return result

        cached = "__getitem__" in cached_members(cls)
        __getitem__.__copysafety_real__ = real  # type: ignore[attr-defined]
        type.__setattr__(cls, "__getitem__", __getitem__)
        self._wrapped.append((cls, real))

    def _wrap_iter(self, cls: type) -> None:
        """An iterable dataset's own `__iter__`: each item it yields is watched as an item
        of a map-style dataset is (index: the item's number in this iteration)."""
        real = cls.__dict__.get("__iter__")
        if real is None or not callable(real) or \
                getattr(real, "__copysafety_real__", None) is not None:
            return
        try:
            from torch.utils.data import IterableDataset
        except ImportError:  # pragma: no cover
            return
        if not issubclass(cls, IterableDataset):
            return
        guards = self

        @functools.wraps(real)
        def __iter__(self):
            items = real(self)
            try:
                guard = guards._guard_for(self, real)
            except Exception:  # noqa: BLE001 - never in the program's way
                guard = None
            return items if guard is None else guards.iterate(guard, iter(items))

        __iter__.__copysafety_real__ = real  # type: ignore[attr-defined]
        self._patch(cls, "__iter__", __iter__)

    def iterate(self, guard: "DatasetGuard", items: Any) -> Any:
        number = 0
        watch = self.session.watch
        while True:
            try:
                watch.quiet += 1
                try:
                    before = guard.enter(number)
                finally:
                    watch.quiet -= 1
            except Exception:  # noqa: BLE001
                before = None
            try:
                item = next(items)
            except StopIteration:
                self._abandon(guard)
                return
            except BaseException:
                self._abandon(guard)
                raise
            try:
                watch.quiet += 1
                try:
                    guard.leave(number, before, item)
                    guard.yielded(number, item)
                finally:
                    watch.quiet -= 1
            except Exception:  # noqa: BLE001
                pass
            yield item
            number += 1

    def _wrap_caches(self, cls: type) -> None:
        """The class's own cached methods but `__getitem__` (wrapped with it), once."""
        for name, method in cached_members(cls).items():
            if name != "__getitem__" and not hasattr(method, "__copysafety_kept__"):
                self._patch(cls, name, self._kept_by(name, method))

    def _kept_by(self, name: str, cached: Any) -> Any:
        """A cached method of a dataset: what it returns to a dataset being read is kept
        by its cache, so it becomes that dataset's stored data."""
        guards = self

        @functools.wraps(cached)
        def kept(*args, **kwargs):
            result = cached(*args, **kwargs)
            try:
                guard = guards.guards.get(id(args[0])) if args else None
                if guard is not None:
                    guards.session.watch.quiet += 1
                    try:
                        guard.adopt(result, f"{name}(...)")
                    finally:
                        guards.session.watch.quiet -= 1
            except Exception:  # noqa: BLE001 - never in the program's way
                pass
            return result

        kept.cache_info = cached.cache_info  # type: ignore[attr-defined]
        kept.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        kept.__copysafety_kept__ = True  # type: ignore[attr-defined]
        return kept

    def _abandon(self, guard: DatasetGuard) -> None:
        guard.release()
        guard.seen_inplace.clear()
        guard._report_written()
        guard.converted.clear()
        guard.escaped = False

    def wrap_subclasses(self, base: type) -> None:
        todo = [base]
        seen = set()
        while todo:
            cls = todo.pop()
            if cls in seen:
                continue
            seen.add(cls)
            if cls is not base:
                self.wrap(cls)
            todo.extend(cls.__subclasses__())

    def _patch(self, owner: Any, name: str, replacement: Any) -> None:
        had = name in owner.__dict__
        self._patched.append((owner, name, owner.__dict__.get(name), had))
        type.__setattr__(owner, name, replacement)

    def install(self) -> None:
        import torch.utils.data as data
        from torch.utils.data import dataloader

        guards = self
        self.wrap_subclasses(data.Dataset)
        base_hook = data.Dataset.__dict__.get("__init_subclass__")

        def __init_subclass__(cls, **kwargs):
            super(data.Dataset, cls).__init_subclass__(**kwargs)
            try:
                guards.wrap(cls)
            except Exception:  # noqa: BLE001
                pass

        if base_hook is None:
            self._patch(data.Dataset, "__init_subclass__", classmethod(__init_subclass__))

        real_init = data.DataLoader.__init__

        @functools.wraps(real_init)
        def loader_init(self, dataset, *args, **kwargs):
            try:
                guards.wrap(type(dataset))
            except Exception:  # noqa: BLE001
                pass
            return real_init(self, dataset, *args, **kwargs)

        self._patch(data.DataLoader, "__init__", loader_init)
        iterator = dataloader._BaseDataLoaderIter
        real_next = iterator.__next__

        @functools.wraps(real_next)
        def __next__(self):
            try:
                guards.before_batch()
            except Exception:  # noqa: BLE001
                pass
            try:
                return real_next(self)
            except StopIteration:
                try:
                    guards.sweep("at the end of an epoch")
                except Exception:  # noqa: BLE001
                    pass
                raise

        self._patch(iterator, "__next__", __next__)

    def uninstall(self) -> None:
        for cls, real in reversed(self._wrapped):
            type.__setattr__(cls, "__getitem__", real)
        self._wrapped.clear()
        for owner, name, old, had in reversed(self._patched):
            if had:
                type.__setattr__(owner, name, old)
            else:
                type.__delattr__(owner, name)
        self._patched.clear()

    def before_batch(self) -> None:
        # A safe point (no torch call runs): the mode leaves the stack if the snapshots that
        # held it there (an EMA's `state_dict()` of the last step) are gone.
        self.session.snapshots.sync()
        place = self.session.places.user_place(2)
        self.session.watch.quiet += 1
        try:
            for guard in list(self.guards.values()):
                guard.before_batch(place)
        finally:
            self.session.watch.quiet -= 1

    def sweep(self, when: str, at_caller: bool = True) -> None:
        """Check all stored data; report at the user's line that led here, or (at the end)
        at the dataset's `__getitem__`."""
        place = self.session.places.user_place(2) if at_caller else None
        self.session.watch.quiet += 1
        try:
            for guard in list(self.guards.values()):
                guard.sweep(place, when)
        finally:
            self.session.watch.quiet -= 1
