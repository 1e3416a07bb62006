"""state_dict() snapshots: what `Module.state_dict()` and `Optimizer.state_dict()` hand out,
tracked weakly (a dead tensor is forgotten; no tensor is kept alive), with where it was taken.

A module's state_dict holds new tensor objects that share storage and version counter with
its parameters and buffers; an optimizer's holds its very state tensors. So:

* a change of the module (an optimizer step, an in-place update) moves the snapshot's version
  counters (or, through `.data`, its bytes): the snapshot is stale, it no longer holds what it
  held when taken;
* a write through the snapshot's tensors (or views of them) outside an optimizer step is a
  write into the module (CPS201 when the snapshot is then loaded or saved as if separate).

Checked where a snapshot is used: `load_state_dict` (a stale snapshot restores the current
weights: CPS202), `torch.save` (it saves them: CPS202), and after `Optimizer.load_state_dict`
(state tensors now shared with another live optimizer: CPS202, as the linter names an
optimizer state kept by `load_state_dict`).

Parameters handed to user code by `parameters()`/`named_parameters()` and modules shallow-
copied by `copy.copy` are remembered with their version counters (CPS203): an operation
that combines a parameter with itself after an optimizer step changed it (`w - anchor_w`
where the "anchor" is the live parameter), or a forward of a shallow copy whose parameters
stepped since the copy, shows a kept collection of live parameters used as old weights.

A Parameter given a tensor by `p.data = t` or `p.set_(t)` uses `t`'s memory from then on (no
copy; the two keep separate version counters): `t` is tracked like a snapshot entry taken
then, so a kept dict holding it is stale once training changes the Parameter, and loading,
saving, returning or adopting it again wants values it no longer holds (CPS202). Parameters
that a project optimizer's method returns (`return group["params"]`) are handed out as
`parameters()`' are, where the caller keeps them.
"""

import dis
import functools
import sys
import threading
import weakref
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from ..facts.semantics import DIFFERENCE_OPERATIONS
from ..rules.catalogue import RULES
from .memory import tensor_fingerprint
from .places import Place, statement_column

RECORDS_PER_TENSOR = 8
# A snapshot is taken as often as every training step (an EMA reads `state_dict()` each
# step): its tensors are fingerprinted whole up to 4 KiB, else by a sample (`SAMPLES`
# elements), unless `--full-fingerprints`. A module's own changes move the version counter
# the snapshot shares; the fingerprint is for writes through `.data`, which change many
# elements at once.
SNAPSHOT_BYTES = 1 << 12
_WALK_DEPTH = 4


class Snapshot:
    """One `state_dict()` result."""

    def __init__(self, owner: Any, kind: str, place: Optional[Place]) -> None:
        self.owner = weakref.ref(owner)
        self.kind = kind  # "module" or "optimizer"
        self.owner_name = type(owner).__name__
        self.place = place
        self.written: Optional[Place] = None
        self.changed = False  # found stale before a write through it
        self.reported: set = set()

    def gone(self) -> bool:
        """An optimizer no longer alive: what changed its state tensors since is another
        one's doing. (A module's snapshot stays what it was taken from.)"""
        return self.kind == "optimizer" and self.owner() is None

    def describe(self) -> str:
        where = f" (taken at {self.place.display()})" if self.place else ""
        return f"`{self.owner_name}.state_dict()`{where}"


class Adopted(Snapshot):
    """A tensor a Parameter adopted (`p.data = t`, `p.set_(t)`): its owner is the Parameter."""

    def __init__(self, parameter: Any, place: Optional[Place]) -> None:
        super().__init__(parameter, "adopted", place)

    def describe(self) -> str:
        where = f" at {self.place.display()}" if self.place else ""
        return f"the tensor a Parameter adopted{where} (`p.data = t` / `p.set_(t)`)"


def _print(tensor, full: bool) -> Any:
    return tensor_fingerprint(tensor, full, SNAPSHOT_BYTES)


class Entry:
    __slots__ = ("ref", "snapshot", "key", "version", "print", "stale_at_birth", "full",
                 "read")

    def __init__(self, tensor, snapshot: Snapshot, key: str, stale: bool = False,
                 full: bool = False) -> None:
        self.ref = weakref.ref(tensor)
        self.snapshot, self.key = snapshot, key
        self.version = tensor._version
        self.full = full
        self.print = _print(tensor, full)
        self.stale_at_birth = stale
        self.read = False  # its bytes were compared at a read already

    def stale(self, tensor, cheap: bool = False) -> bool:
        """Changed since taken; `cheap`: by the version counter only (where it is asked on
        every torch call that reads the tensor)."""
        if self.stale_at_birth or tensor._version != self.version:
            return True
        return not cheap and _print(tensor, self.full) != self.print

    def rebase(self, tensor) -> None:
        self.version = tensor._version
        self.print = _print(tensor, self.full)


def _tensors(value: Any, key: str = "", depth: int = 0) -> Iterator[Tuple[str, Any]]:
    import torch

    if isinstance(value, torch.Tensor):
        yield key, value
    elif depth < _WALK_DEPTH and isinstance(value, dict):
        for k, v in list(value.items()):
            yield from _tensors(v, f"{key}[{k!r}]", depth + 1)
    elif depth < _WALK_DEPTH and isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _tensors(v, f"{key}[{i}]", depth + 1)


def _storage(tensor) -> Tuple[str, int]:
    try:
        return str(tensor.device), tensor.untyped_storage().data_ptr()
    except (RuntimeError, NotImplementedError):
        return str(tensor.device), -id(tensor)


class Snapshots:
    """Every live snapshot tensor (`tracked`: id -> entries) and the hooks that check them."""

    def __init__(self, session) -> None:
        self.session = session
        self.tracked: Dict[int, List[Entry]] = {}
        self.by_storage: Dict[Tuple[str, int], Set[int]] = {}  # storage -> tracked ids
        self.optimizers: "weakref.WeakSet" = weakref.WeakSet()
        self.stepping = 0
        self._depth = threading.local()
        self._holding = False
        self._patched: List[Tuple[Any, str, Any]] = []
        self._shallow_reported: Set[str] = set()
        self._handles: List[Any] = []
        # writes through a snapshot not yet judged (id of the snapshot -> what was seen)
        self.pending_writes: Dict[int, str] = {}
        # parameters handed to user code: id -> (the tensor, its version then, where)
        self.handed: Dict[int, Tuple[Any, int, Optional[Place]]] = {}
        self.handed_storage: Dict[Tuple[str, int], int] = {}  # storage -> id in `handed`
        # shallow copies of modules: id of the copy -> (the copy, {id(param): version}, where)
        self.shallow: Dict[int, Tuple[Any, Dict[int, int], Optional[Place]]] = {}

    # --- tracking ------------------------------------------------------------------------

    def _entries(self, tensor) -> List[Entry]:
        entries = self.tracked.get(id(tensor))
        if not entries:
            return []
        return [e for e in entries if e.ref() is tensor]

    def _track(self, tensor, entry: Entry) -> None:
        key = id(tensor)
        entries = self.tracked.get(key)
        if entries is None or (entries and entries[0].ref() is not tensor):
            entries = self.tracked[key] = []
            storage = _storage(tensor)
            self.by_storage.setdefault(storage, set()).add(key)
            weakref.finalize(tensor, self._forget, key, storage)
        entries.append(entry)
        del entries[:-RECORDS_PER_TENSOR]

    def _forget(self, key: int, storage: Tuple[str, int]) -> None:
        self.tracked.pop(key, None)
        ids = self.by_storage.get(storage)
        if ids is not None:
            ids.discard(key)
            if not ids:
                del self.by_storage[storage]

    def take(self, owner: Any, kind: str, result: Any, place: Optional[Place]) -> None:
        snapshot = Snapshot(owner, kind, place)
        if kind == "optimizer":
            self.optimizers.add(owner)
        for key, tensor in _tensors(result):
            try:
                self._track(tensor, Entry(tensor, snapshot, key, full=self.session.full))
            except TypeError:
                continue
        self.sync()

    def sync(self) -> None:
        """Keep the mode on the stack while snapshot tensors are alive (safe points only)."""
        want = bool(self.tracked) or bool(self.handed)
        if want and not self._holding:
            self.session.watch.hold()
            self._holding = True
        elif not want and self._holding:
            self.session.watch.release()
            self._holding = False

    # --- called by the mode --------------------------------------------------------------

    def before_write(self, written: List[Any], unchanged: bool = False):
        """Callbacks to run after a call writes `written`. `unchanged`: it writes the values
        already there (a copy onto itself); the version counter it moves is shared by every
        tracked tensor on that storage, and those that were current stay current."""
        if self.stepping:
            return []  # the optimizer changes its own state and its module: not a write-through
        after = []
        for tensor in written:
            if unchanged:
                current = [(entry, shared) for entry, shared in self._sharing(tensor)
                           if not entry.stale(shared)]
                after.append(functools.partial(self._kept, current))
                continue
            for entry in self._entries(tensor):
                if entry.snapshot.kind == "adopted":
                    # a write into the kept tensor is a write into its Parameter on purpose
                    # (the program names the tensor it writes): it holds what was written
                    after.append(functools.partial(entry.rebase, tensor))
                    continue
                if entry.stale(tensor):
                    entry.snapshot.changed = True  # its module changed before this write
                after.append(functools.partial(self._written, entry, tensor))
        return after

    def _sharing(self, tensor) -> Iterator[Tuple[Entry, Any]]:
        """Tracked tensors on `tensor`'s storage, with their entries."""
        for key in list(self.by_storage.get(_storage(tensor), ())):
            for entry in self.tracked.get(key, ()):
                shared = entry.ref()
                if shared is not None:
                    yield entry, shared

    @staticmethod
    def _kept(current: List[Tuple[Entry, Any]]) -> None:
        for entry, tensor in current:
            entry.version = tensor._version

    def _written(self, entry: Entry, tensor) -> None:
        snapshot = entry.snapshot
        entry.rebase(tensor)
        entry.stale_at_birth = False
        if snapshot.written is None:
            snapshot.written = self.session.places.user_place(1)
            # Seen at the end unless the snapshot is first loaded back into its own module:
            # the write-through then already is what the load makes.
            self.pending_writes[id(snapshot)] = (
                f"{snapshot.describe()}{entry.key} written in place at "
                f"{_show(snapshot.written)}: it changes `{snapshot.owner_name}` too")

    def adopt(self, parameter, tensor, place: Optional[Place]) -> None:
        """`parameter.data = tensor` or `parameter.set_(tensor)` in user code. A tracked
        tensor adopted again after its module changed is read as the old values it no
        longer holds (the rewind of a lottery ticket); `tensor` is tracked from now on as
        its Parameter's live memory (a Parameter given another Parameter is weight sharing,
        not a kept copy: not tracked)."""
        import torch

        if not isinstance(tensor, torch.Tensor) or tensor is parameter:
            return
        adopted = False
        for entry in self._entries(tensor):
            snapshot = entry.snapshot
            if snapshot.owner() is None:
                continue
            if snapshot.kind == "adopted" and snapshot.owner() is parameter:
                adopted = True
            if snapshot.written is None and entry.stale(tensor):
                self._stale_used(snapshot, f"adopted again at {_show(place)}",
                                 snapshot.place or place)
            entry.rebase(tensor)
        if not adopted and not isinstance(tensor, torch.nn.Parameter):
            self._track(tensor, Entry(tensor, Adopted(parameter, place), "",
                                      full=self.session.full))
        self.sync()

    def optimizer_result(self, optimizer, result: Any, place: Optional[Place]) -> None:
        """What a project optimizer's method returned: the Parameters of its param groups
        in it (the list `group["params"]` itself, or in a tuple) are the live ones, handed
        out at the statement that keeps them."""
        import torch

        if place is None or result is None or isinstance(result, torch.Tensor):
            return
        mine = {id(p) for group in optimizer.param_groups for p in group["params"]}
        if not mine:
            return
        for _, tensor in _tensors(result):
            if id(tensor) in mine:
                self.hand_out(tensor, place)

    def hand_out(self, tensor, place: Optional[Place]) -> None:
        """A parameter given to user code: remembered (weakly) with its version now, and by
        its memory (`p.detach()`, `p.data`, `p.cpu()` on the CPU keep that memory)."""
        key = id(tensor)
        known = self.handed.get(key)
        if known is not None and known[0]() is tensor:
            return
        storage = _storage(tensor)
        self.handed[key] = (weakref.ref(tensor), tensor._version, place)
        self.handed_storage[storage] = key
        weakref.finalize(tensor, self._unhand, key, storage)
        self.sync()

    def _unhand(self, key: int, storage: Tuple[str, int]) -> None:
        self.handed.pop(key, None)
        if self.handed_storage.get(storage) == key:
            del self.handed_storage[storage]

    def _handed_parameter(self, tensor) -> Optional[Tuple[Any, int, Optional[Place]]]:
        """The handed-out parameter `tensor` is, or whose memory it is, with its record."""
        known = self.handed.get(id(tensor))
        if known is not None and known[0]() is tensor:
            return tensor, known[1], known[2]
        key = self.handed_storage.get(_storage(tensor))
        known = self.handed.get(key) if key is not None else None
        if known is None:
            return None
        parameter = known[0]()
        if parameter is None or _storage(parameter) != _storage(tensor):
            return None
        return parameter, known[1], known[2]

    def _parameter_read(self, name: str, args: tuple) -> None:
        """`w - anchor_w` where both are one parameter's memory, element for element, and an
        optimizer step changed it since it was handed out: the kept "old weights" are the
        live ones (CPS203)."""
        import torch

        if name not in DIFFERENCE_OPERATIONS or len(args) < 2:
            return
        first, second = args[0], args[1]
        if not (isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor)):
            return
        if first is not second and not _same_elements(first, second):
            return
        known = self._handed_parameter(first) or self._handed_parameter(second)
        if known is None or known[0]._version == known[1]:
            return
        place = self.session.places.user_place(2)
        kept_at = known[2] or place
        self.session.report(
            "CPS203", kept_at,
            RULES["CPS203"].guard_format(used=_show(place)),
            key=("kept-parameters", kept_at.display() if kept_at else id(known[0])))

    def on_parameters_written(self, name: str, args: tuple) -> None:
        """`p.copy_(kept_p)` with both one stepped parameter's memory: a restore from a kept
        collection of live parameters restores nothing."""
        self._parameter_read(name, args)

    def loop_done(self, frame, parameters: List[Any]) -> None:
        """A user `for` loop over `parameters()` is done: the parameters whose memory a
        collection it filled keeps are handed out, kept at the line that fills it."""
        for place, kept in kept_by_loop(frame, parameters):
            for parameter in kept:
                self.hand_out(parameter, place)

    def shallow_copied(self, module, copied, place: Optional[Place]) -> None:
        versions = {id(p): p._version for p in self._real_parameters(copied)}
        self.shallow[id(copied)] = (weakref.ref(copied), versions, place)
        weakref.finalize(copied, self.shallow.pop, id(copied), None)

    def before_forward(self, module) -> None:
        known = self.shallow.get(id(module))
        if known is None or known[0]() is not module or "forward" in self._shallow_reported:
            return
        if any(known[1].get(id(p), p._version) != p._version
               for p in self._real_parameters(module)):
            self._shallow_reported.add("forward")
            place = self.session.places.user_place(2)
            self.session.report(
                "CPS203", known[2] or place,
                RULES["CPS203"].guard_format("module", owner=type(module).__name__,
                                             used=_show(place)),
                key=("shallow-module", id(module)))

    @staticmethod
    def _real_parameters(module) -> List[Any]:
        return [p for m in module.modules() for p in m._parameters.values() if p is not None]

    def on_read(self, name: str, args: tuple) -> None:
        import torch

        if self.handed:
            self._parameter_read(name, args)

        if name in DIFFERENCE_OPERATIONS and self.tracked and len(args) >= 2:
            self._compared(args[0], args[1])
        for value in args:
            if isinstance(value, torch.Tensor):
                for entry in self._entries(value):
                    snapshot = entry.snapshot
                    if snapshot.owner() is None:
                        continue  # its optimizer is gone (see `_check_use`)
                    # bytes compared at the first read of each tensor, then the version only
                    cheap, entry.read = entry.read, True
                    if "read" not in snapshot.reported and entry.stale(value, cheap=cheap):
                        snapshot.reported.add("read")
                        place = self.session.places.user_place(1)
                        self.session.event(
                            "CPS202", f"{snapshot.describe()} read at {_show(place)} after "
                            f"`{snapshot.owner_name}` changed: it holds the current values")

    def _compared(self, first, second) -> None:
        """`torch.equal(before[k], v)`, `now[k] - prev[k]`: a snapshot tensor compared with
        its module's very memory, after a write through it (CPS201) or a change of the
        module (CPS202): the comparison compares the module with itself."""
        import torch

        if not (isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor)):
            return
        if first is not second and not _same_elements(first, second):
            return
        for value in (first, second):
            for entry in self._entries(value):
                snapshot = entry.snapshot
                if snapshot.gone():
                    continue
                place = self.session.places.user_place(3)
                if snapshot.written is not None:
                    self.pending_writes.pop(id(snapshot), None)
                    self._written_used(snapshot, f"compared with it at {_show(place)}")
                    return
                if entry.stale(value):
                    self._stale_used(snapshot, f"compared with it at {_show(place)}",
                                     snapshot.place or place)
                    return

    def returned(self, value: Any) -> None:
        """A result handed back to the caller (what `main()` returns in a corpus case) that
        holds snapshot tensors: a snapshot written through, or one its module changed since,
        is handed on as the copy it is not (CPS201, CPS202)."""
        for entry, tensor in self._used(_returned_parts(value)):
            snapshot = entry.snapshot
            if snapshot.gone():
                continue
            if snapshot.written is not None:
                self.pending_writes.pop(id(snapshot), None)
                self._written_used(snapshot, "returned")
            elif entry.stale(tensor):
                self._stale_used(snapshot, "returned", snapshot.place)

    def derived(self, source, result) -> None:
        """A view or alias of a snapshot tensor (`sd[k][0]`, `.data`, `.detach()`) is one."""
        if result is source:
            return
        entries = self._entries(source)
        if not entries or _storage(result) != _storage(source):
            return
        for entry in entries:
            stale = entry.stale(source)
            self._track(result, Entry(result, entry.snapshot, entry.key, stale,
                                      self.session.full))

    # --- checks where a snapshot is used -------------------------------------------------

    def _used(self, value: Any) -> List[Tuple[Entry, Any]]:
        return [(entry, tensor) for _, tensor in _tensors(value)
                for entry in self._entries(tensor)]

    def _written_used(self, snapshot: Snapshot, used: str) -> None:
        """A snapshot written through, then used as separate from its module (CPS201); and
        (CPS202) one its module had changed before the write."""
        if snapshot.changed:
            self._stale_used(snapshot, used, snapshot.place)
        self._report_once(snapshot, "written", "CPS201", snapshot.written,
                          RULES["CPS201"].guard_format(snapshot=snapshot.describe(),
                                                       owner=snapshot.owner_name, used=used))

    def _stale_used(self, snapshot: Snapshot, used: str, place: Optional[Place],
                    holds: str = "holds the current values") -> None:
        """A snapshot used after its module changed (CPS202), reported where it was taken."""
        self._report_once(snapshot, "stale", "CPS202", place,
                          RULES["CPS202"].guard_format(snapshot=snapshot.describe(),
                                                       owner=snapshot.owner_name, used=used,
                                                       holds=holds))

    def _report_once(self, snapshot: Snapshot, what: str, code: str, place, message) -> None:
        if what in snapshot.reported:
            return
        snapshot.reported.add(what)
        # snapshots taken at one line (every epoch) are one finding
        self.session.report(code, place, message,
                            key=(what, place.display() if place else id(snapshot)))

    def _check_use(self, value: Any, verb: str, place: Optional[Place], target=None) -> None:
        own = set()
        if target is not None:
            import torch

            if isinstance(target, torch.nn.Module):
                own = {_storage(t) for t in list(target.parameters()) + list(target.buffers())}
        for entry, tensor in self._used(value):
            snapshot = entry.snapshot
            if snapshot.owner() is None:
                continue  # its optimizer is gone: what changed the tensors since is another
            if snapshot.written is not None and snapshot.owner() is target:
                self.pending_writes.pop(id(snapshot), None)  # loaded back where it came from
                continue
            self._flush_write(snapshot)
            if snapshot.written is not None and snapshot.owner() is not target:
                self._written_used(snapshot, f"{verb} at {_show(place)}")
            elif entry.stale(tensor):
                noop = _storage(tensor) in own or (snapshot.owner() is target and
                                                   target is not None)
                holds = ("restores nothing: it holds the live tensors it is loaded into"
                         if noop else f"holds `{snapshot.owner_name}`'s current values")
                self._stale_used(snapshot, f"{verb} at {_show(place)}",
                                 snapshot.place or place, holds)

    def after_optimizer_load(self, optimizer, place: Optional[Place]) -> None:
        mine = {}
        for state in list(optimizer.state.values()):
            for _, tensor in _tensors(state):
                mine[_storage(tensor)] = tensor
        if not mine:
            return
        for other in list(self.optimizers):
            if other is optimizer:
                continue
            for state in list(other.state.values()):
                for _, tensor in _tensors(state):
                    if tensor.numel() > 1 and _storage(tensor) in mine:
                        self.session.report(
                            "CPS202", place,
                            RULES["CPS202"].guard_format(
                                "shared", owner=type(optimizer).__name__,
                                source=type(other).__name__),
                            key=("shared-optimizer-state", id(optimizer)))
                        return

    def _flush_write(self, snapshot: Snapshot) -> None:
        detail = self.pending_writes.pop(id(snapshot), None)
        if detail is not None:
            self.session.event("CPS201", detail)

    def stale_alive(self) -> List[str]:
        """Live snapshots that no longer hold what they held, and writes through a snapshot
        never loaded back into its own module (checked at the end)."""
        out, seen = list(self.pending_writes.values()), set()
        self.pending_writes.clear()
        for entries in list(self.tracked.values()):
            for entry in entries:
                tensor = entry.ref()
                if tensor is None or id(entry.snapshot) in seen:
                    continue
                if entry.stale(tensor):
                    seen.add(id(entry.snapshot))
                    out.append(f"{entry.snapshot.describe()} is alive and changed since taken")
        return out

    # --- hooks ---------------------------------------------------------------------------

    def _patch(self, owner: Any, name: str, make) -> None:
        real = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        self._patched.append((owner, name, real))
        setattr(owner, name, make(real))

    def install(self) -> None:
        import torch
        from torch.optim import optimizer as optim_module

        snapshots, session = self, self.session

        def state_dict_of(kind):
            def make(real):
                @functools.wraps(real)
                def state_dict(self, *args, **kwargs):
                    depth = getattr(snapshots._depth, "n", 0)
                    snapshots._depth.n = depth + 1
                    try:
                        result = real(self, *args, **kwargs)
                    finally:
                        snapshots._depth.n = depth
                    if depth == 0:
                        session.guarded(lambda: snapshots.take(
                            self, kind, result,
                            session.places.kept_place(3)))
                    return result
                return state_dict
            return make

        def load_of(kind):
            def make(real):
                @functools.wraps(real)
                def load_state_dict(self, state_dict, *args, **kwargs):
                    place = session.places.user_place(1, statement=True)
                    session.guarded(lambda: snapshots._check_use(
                        state_dict, "loaded", place, self))
                    result = real(self, state_dict, *args, **kwargs)
                    if kind == "optimizer":
                        session.guarded(lambda: snapshots.optimizers.add(self))
                        session.guarded(lambda: snapshots.after_optimizer_load(self, place))
                    session.guarded(snapshots.sync)
                    return result
                return load_state_dict
            return make

        def make_save(real):
            @functools.wraps(real)
            def save(obj, *args, **kwargs):
                place = session.places.user_place(1)
                session.guarded(lambda: snapshots._check_use(obj, "saved", place))
                return real(obj, *args, **kwargs)
            return save

        def parameters_of(make_pairs):
            def make(real):
                def handing(items, place):
                    looped: Optional[Tuple[Any, List[Any]]] = None
                    for item in items:
                        # what takes the item: user code that builds a collection of it may
                        # keep it; torch's own (an optimizer's `list(params)`,
                        # `clip_grad_norm_`) keeps nothing, and what a `for` loop's body
                        # keeps is looked for when the loop is done
                        frame = sys._getframe(1)
                        taker = _taker(frame, session.places)
                        tensor = item[1] if make_pairs else item
                        if taker is _KEEPS:
                            session.guarded(lambda t=tensor: snapshots.hand_out(t, place))
                        elif taker is _LOOP:
                            if looped is None:
                                looped = (frame, [])
                            looped[1].append(tensor)
                        del frame
                        yield item
                    if looped is not None:
                        session.guarded(lambda: snapshots.loop_done(*looped))

                @functools.wraps(real)
                def parameters(self, *args, **kwargs):
                    items = real(self, *args, **kwargs)
                    if session.places.is_library(sys._getframe(1).f_code.co_filename):
                        return items  # torch's own use (`parameters()` of `to()`, ...)
                    place = session.places.kept_place(1)
                    return handing(items, place) if place is not None else items
                return parameters
            return make

        def module_copy(module):
            cls = module.__class__
            copied = cls.__new__(cls)
            copied.__dict__.update(module.__dict__)
            session.guarded(lambda: snapshots.shallow_copied(
                module, copied, session.places.user_place(2, statement=True)))
            return copied

        def forward_pre(module, args):
            if snapshots.shallow:
                session.guarded(lambda: snapshots.before_forward(module))

        data = torch._C.TensorBase.data  # the C getset: `p.data` and `p.data = t`

        def data_get(parameter):
            return data.__get__(parameter, type(parameter))

        def data_set(parameter, tensor):
            data.__set__(parameter, tensor)
            if not session.places.is_library(sys._getframe(1).f_code.co_filename):
                place = session.places.user_place(1, statement=True)
                session.guarded(lambda: snapshots.adopt(parameter, tensor, place))

        def make_set(real):
            @functools.wraps(real)
            def set_(parameter, source=None, *args, **kwargs):
                if source is None:
                    return real(parameter, *args, **kwargs)
                result = real(parameter, source, *args, **kwargs)
                if not session.places.is_library(sys._getframe(1).f_code.co_filename):
                    place = session.places.user_place(1, statement=True)
                    session.guarded(lambda: snapshots.adopt(parameter, source, place))
                return result
            return set_

        torch.nn.Parameter.data = property(data_get, data_set)  # type: ignore[assignment]
        self._patched.append((torch.nn.Parameter, "data", None))
        real_set = torch.nn.Parameter.set_
        torch.nn.Parameter.set_ = make_set(real_set)  # type: ignore[method-assign]
        self._patched.append((torch.nn.Parameter, "set_", None))

        def optimizer_method(real):
            @functools.wraps(real)
            def method(self, *args, **kwargs):
                result = real(self, *args, **kwargs)
                if result is not None and snapshots._patched and \
                        not isinstance(result, torch.Tensor):
                    # the user frame that called it (through torch's step wrapper)
                    frame = session.places.user_frame(1)
                    if frame is not None and not discards_result(frame):
                        place = session.places.kept_place(1)
                        session.guarded(lambda: snapshots.optimizer_result(self, result, place))
                    del frame
                return result
            return method

        def subclassed(cls, **kwargs):
            base_init_subclass(**kwargs)
            for name, value in list(cls.__dict__.items()):
                code = getattr(value, "__code__", None)  # a plain function, defined where
                if code is not None and not name.startswith("__") and \
                        not session.places.is_library(code.co_filename):
                    setattr(cls, name, optimizer_method(value))

        optimizer_class = torch.optim.Optimizer
        base_init_subclass = super(optimizer_class, optimizer_class).__init_subclass__
        optimizer_class.__init_subclass__ = classmethod(  # type: ignore[assignment]
            lambda cls, **kwargs: subclassed(cls, **kwargs))
        self._patched.append((optimizer_class, "__init_subclass__", None))

        self._patch(torch.nn.Module, "parameters", parameters_of(False))
        self._patch(torch.nn.Module, "named_parameters", parameters_of(True))
        torch.nn.Module.__copy__ = module_copy  # type: ignore[attr-defined]
        self._patched.append((torch.nn.Module, "__copy__", None))
        self._handles.append(torch.nn.modules.module.register_module_forward_pre_hook(
            forward_pre))
        self._patch(torch.nn.Module, "state_dict", state_dict_of("module"))
        self._patch(torch.optim.Optimizer, "state_dict", state_dict_of("optimizer"))
        self._patch(torch.nn.Module, "load_state_dict", load_of("module"))
        self._patch(torch.optim.Optimizer, "load_state_dict", load_of("optimizer"))
        self._patch(torch, "save", make_save)

        def pre_step(optimizer, args, kwargs):
            snapshots.stepping += 1
            snapshots.optimizers.add(optimizer)

        def post_step(optimizer, args, kwargs):
            snapshots.stepping = max(0, snapshots.stepping - 1)
            session.guarded(snapshots.sync)

        self._handles += [optim_module.register_optimizer_step_pre_hook(pre_step),
                          optim_module.register_optimizer_step_post_hook(post_step)]

    def uninstall(self) -> None:
        for owner, name, real in reversed(self._patched):
            if real is None:
                delattr(owner, name)  # added by `install`
            else:
                setattr(owner, name, real)
        self._patched.clear()
        for handle in self._handles:
            handle.remove()
        self._handles = []
        if self._holding:
            self.session.watch.release()
            self._holding = False


_FOR_ITER = dis.opmap["FOR_ITER"]
_COMPREHENSIONS = frozenset({"<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"})
_KEEPS, _LOOP, _LIBRARY = "keeps", "loop", "library"


def _taker(frame, places) -> str:
    """What the frame that takes the next parameter is: user code building a collection
    (`list(...)`, a comprehension: `_KEEPS`), a user `for` statement (`_LOOP`: its body may
    keep the parameter or not, `for p in model.parameters(): p.requires_grad_(False)`; it is
    looked at when the loop is done, not kept on a suspicion that would hold the guard's mode
    on for the whole training), or torch's own (`_LIBRARY`)."""
    code = frame.f_code
    if places.is_library(code.co_filename):
        return _LIBRARY
    if code.co_name in _COMPREHENSIONS:
        return _KEEPS
    try:
        return _LOOP if code.co_code[frame.f_lasti] == _FOR_ITER else _KEEPS
    except (IndexError, TypeError):
        return _KEEPS


KEPT_ITEMS = 256  # entries of one collection looked at for kept parameters


def kept_by_loop(frame, parameters: List[Any]) -> List[Tuple[Place, List[Any]]]:
    """The collections a `for` loop over `parameters` filled with them or their memory
    (`anchor.append(p.detach())`, `anchor[name] = p.data`, `anchor += [p]`): (the first
    statement of the loop's body that names the collection, kept parameters) for each
    variable of the frame, or attribute of its `self`, that the body names, the loop just
    done. (A loop that names no collection, `p.grad = None`, costs a look-up only.)"""
    import torch

    named = loop_names(frame)
    if not named:
        return []
    found: List[Tuple[Place, List[Any]]] = []
    storages: Optional[Dict[Tuple[str, int], Any]] = None
    variables = frame.f_locals
    holder = variables.get("self")
    attributes = getattr(holder, "__dict__", None) if holder is not None else None
    for name, place in named.items():
        value = variables.get(name)
        if value is None and isinstance(attributes, dict):
            value = attributes.get(name)
        if isinstance(value, dict):
            entries = list(value.values())[:KEPT_ITEMS]
        elif isinstance(value, (list, tuple)):
            entries = list(value[:KEPT_ITEMS])
        else:
            continue
        tensors = [t for t in entries if isinstance(t, torch.Tensor)]
        if not tensors:
            continue
        if storages is None:
            storages = {_storage(p): p for p in parameters}
        kept = [storages[key] for key in map(_storage, tensors) if key in storages]
        if kept:
            found.append((place, kept))
    return found


_LOOP_NAMES: Dict[Tuple[Any, int], Dict[str, Place]] = {}


def loop_names(frame) -> Dict[str, Place]:
    """The names the body of the `for` loop the frame is at loads or stores (variables and
    attributes), each with the first statement that names it."""
    code, lasti = frame.f_code, frame.f_lasti
    known = _LOOP_NAMES.get((code, lasti))
    if known is not None:
        return known
    known = {}
    instructions = list(dis.get_instructions(code))
    at = next((i for i, ins in enumerate(instructions) if ins.offset == lasti), None)
    if at is not None:
        end = instructions[at].argval  # where the loop ends
        for ins in instructions[at + 1:]:
            if isinstance(end, int) and ins.offset >= end:
                break
            if ins.opname.startswith(("LOAD_", "STORE_")) and isinstance(ins.argval, str) \
                    and ins.argval not in known and ins.positions is not None \
                    and ins.positions.lineno:
                line = ins.positions.lineno
                known[ins.argval] = Place(code.co_filename, line,
                                          statement_column(code, line))
    _LOOP_NAMES[(code, lasti)] = known
    return known


_DISCARDS: Dict[Tuple[Any, int], bool] = {}


def discards_result(frame) -> bool:
    """Whether the frame's current call is a statement of its own (`opt.step()`): what it
    returns is popped at once, kept by nothing."""
    code, lasti = frame.f_code, frame.f_lasti
    known = _DISCARDS.get((code, lasti))
    if known is None:
        known = False
        for ins in dis.get_instructions(code):
            if ins.offset <= lasti or ins.opname in ("CACHE", "EXTENDED_ARG"):
                continue
            known = ins.opname == "POP_TOP"
            break
        _DISCARDS[(code, lasti)] = known
    return known


def _returned_parts(value: Any) -> List[Any]:
    """What a returned value holds: itself, and the attributes of an object it is or holds
    (a holder of the best state)."""
    parts = [value]
    for item in ([value] + list(value) if isinstance(value, (list, tuple)) else [value]):
        attributes = getattr(item, "__dict__", None)
        if isinstance(attributes, dict) and not _is_module(item):
            parts.extend(attributes.values())
    return parts


def _is_module(value: Any) -> bool:
    import torch

    return isinstance(value, (torch.nn.Module, torch.optim.Optimizer))


def _same_elements(first, second) -> bool:
    """Two tensors that are one memory, element for element (`p` and `p.detach()`)."""
    return (first.data_ptr() == second.data_ptr() != 0 and first.device == second.device
            and first.shape == second.shape and first.stride() == second.stride())


def _show(place: Optional[Place]) -> str:
    return place.display() if place else "an unknown place"
