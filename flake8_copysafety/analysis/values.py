"""What the analysis knows about a value: its type shape (`VType`) and its aliasing (`Tracked`)."""

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import FrozenSet, Optional, Tuple, overload

import libcst as cst

from ..facts.semantics import Kind


@dataclass(frozen=True)
class VType:
    """Kind of a value, with what is known of its elements, dtype and number of dimensions."""

    kind: Kind = Kind.UNKNOWN
    # element of a container / row of an array / every field of a record (a collated one)
    elem: Optional["VType"] = None
    dtype: Optional[str] = None
    ndim: Optional[int] = None
    items: Optional[Tuple["VType", ...]] = None  # positions of a tuple of known length
    fields: Optional[Tuple[Tuple[str, "VType"], ...]] = None  # a dict's string keys
    cls: Optional[str] = None  # an instance of this module's class of that name
    # `a[i]` of an ndarray whose dimensions are unknown: a row view, or a NumPy scalar copy.
    # Only a row can be indexed further (`a[i][:n]`), so such an index proves the row.
    row_or_scalar: bool = False

    def element(self, index: Optional[int] = None, slice_: bool = False,
                key: Optional[str] = None) -> "VType":
        """The type of `value[index]` / `value[key]` (a slice keeps the type of the whole)."""
        if self.kind is Kind.TENSOR:
            ndim = None if self.ndim is None else max(self.ndim - (0 if slice_ else 1), 0)
            return VType(Kind.TENSOR, dtype=self.dtype, ndim=ndim)
        if self.kind is Kind.NDARRAY:
            if slice_:
                return self
            if self.ndim is None:
                return VType(dtype=self.dtype, row_or_scalar=True)  # cannot tell yet
            if self.ndim <= 1:
                return VType(Kind.SCALAR)  # indexing a 1-D array gives a NumPy scalar copy
            return VType(Kind.NDARRAY, dtype=self.dtype, ndim=self.ndim - 1)
        if self.kind in (Kind.LIST, Kind.TUPLE):
            if slice_:
                return self
            if self.items is not None and index is not None and -len(self.items) <= index < len(
                self.items
            ):
                return self.items[index]
            return self.elem or UNKNOWN
        if self.kind is Kind.DICT or (self.kind is Kind.RECORD and self.elem is not None):
            # (a record every field of which is known, read by key: PyG's `data[key]`)
            if key is not None and self.fields is not None:
                return dict(self.fields).get(key, self.elem or UNKNOWN)
            return self.elem or UNKNOWN
        return UNKNOWN


UNKNOWN = VType()


def join_types(a: VType, b: VType) -> VType:
    """What a value is when it may be either: an unknown side defers to the known one."""
    if a == b:
        return a
    if a.kind is Kind.UNKNOWN and a.elem is None:
        return replace(b, dtype=None)
    if b.kind is Kind.UNKNOWN and b.elem is None:
        return replace(a, dtype=None)
    if a.kind is not b.kind:
        return UNKNOWN
    elem = None
    if a.elem is not None and b.elem is not None:
        elem = join_types(a.elem, b.elem)
    else:
        elem = a.elem or b.elem
    fields = None
    if a.fields is not None and b.fields is not None:
        left, right = dict(a.fields), dict(b.fields)
        fields = tuple((k, join_types(left[k], right[k]) if k in right else left[k])
                       for k in left) + tuple((k, v) for k, v in right.items() if k not in left)
    return VType(
        a.kind,
        elem=elem,
        fields=fields,
        cls=a.cls if a.cls == b.cls else None,
        dtype=a.dtype if a.dtype == b.dtype else None,
        ndim=a.ndim if a.ndim == b.ndim else None,
    )


class Level(Enum):
    """How a tracked value shares with its origin."""

    OWNER = "owner"  # the stored container itself (`self.data`); writes to it are deliberate
    ALIAS = "alias"  # the origin object itself, or a view of its data
    STORAGE = "storage"  # a new object that shares the origin's storage (`copy.copy(tensor)`)
    SHALLOW = "shallow"  # a new container whose elements are the origin's


class Family(Enum):
    STORED = "stored"  # data stored on a dataset instance, read in __getitem__
    STATE_DICT = "state_dict"  # a state_dict() result, live references into a module
    PARAMS = "params"  # a module's parameters (for noticing that the module changed)
    ARGUMENT = "argument"  # a parameter of a function being summarised
    # Transforms bound where the dataset is built, held in a name (`for t in
    # self.transform.transforms`): calling it runs one of `chains`.
    CALLABLE = "callable"
    # What a summarised function returns by calling one parameter with another
    # (`return transform(data)`); `receiver` is "i:j".
    APPLIED = "applied"


@dataclass(frozen=True)
class Tracked:
    """A value that shares data with something the program keeps (stored data, a module)."""

    family: Family
    # Source text of where it came from (`self.data[idx]`, `model.state_dict()`); empty
    # means "the code of origin_line_node", rendered only if a message needs it.
    origin: str
    origin_line_node: cst.CSTNode  # the node whose line the message mentions
    vtype: VType
    level: Level = Level.ALIAS
    shallow_via: Optional[str] = None  # the too-shallow copy upstream (`copy.copy`, `dict`)
    maybe_via: Optional[str] = None  # a conversion that may or may not have copied
    # a move to the CPU (`.cpu()`, `.to("cpu")`): the same tensor for CPU data, a copy of
    # GPU data — a device-dependent alias
    device_via: Optional[str] = None
    receiver: Optional[str] = None  # state_dict/params: the module (`model`)
    receiver_kind: Optional[str] = None  # "module" or "optimizer", where shown
    bound_key: Optional[str] = None  # the name/attribute it is kept under (`best`, `self.best`)
    bound_at: FrozenSet[cst.CSTNode] = frozenset()  # where it was bound (CPS202 reports there)
    changed: bool = False  # the module changed after this state_dict was taken
    handed_out: bool = False  # the module was given to a call since: it may have changed
    direct: bool = False  # subscripted straight off the call: `m.state_dict()["w"]`
    fix_site: Optional[cst.BaseExpression] = None  # the expression a copy should wrap
    fix_vtype: Optional[VType] = None  # what that expression evaluates to
    parts: Optional[Tuple[Optional["Tracked"], ...]] = None  # positions of a tracked tuple
    # A dict made here (`{"img": x}`, `dict(img=x)`): what each string key holds (None:
    # nothing tracked). Writing into a new entry changes nothing stored.
    entries: Optional[Tuple[Tuple[str, Optional["Tracked"]], ...]] = None
    # An argument's element read by a key the analysis cannot see (`data[key]` of a
    # parameter of unknown kind): how many levels below the argument.
    depth: int = 0
    # At `depth` 1: the string key it was read by (`sample["img"]`), where the code says it.
    entry_key: Optional[str] = None
    # At `depth` 1: the attribute it was read by instead (`graph.x` of a parameter of
    # unknown kind): the caller's argument's field of that name.
    field_name: Optional[str] = None
    # At `depth` 1: read by literal integer positions only (`parts[0]`, `x[0][1]`): of an
    # array argument, a view of the argument itself.
    by_position: bool = False
    # CALLABLE: the chains of callees (`summaries.CalleeRef`) it may run, each in turn.
    chains: Optional[tuple] = field(default=None, compare=False)
    # A list or dict made by a comprehension: what each of its elements is (`[dict(s) for s
    # in samples]` holds shallow copies, not the samples themselves).
    element: Optional["Tracked"] = None
    # A cache or store keeps it and hands the same object to every later call
    # (`@lru_cache` on `_load`, `COCO.loadAnns`): the message names the keeper.
    kept_by: Optional[str] = None

    def derive(self, **changes) -> "Tracked":
        if "entries" not in changes and ("vtype" in changes or "level" in changes):
            changes["entries"] = None  # another value than the new dict itself
        if "element" not in changes and "vtype" in changes:
            changes["element"] = None
        return replace(self, **changes)

    def origin_text(self) -> str:
        return self.origin or _CODEGEN.code_for_node(self.origin_line_node)


_CODEGEN = cst.Module(body=[])  # renders any expression node


@overload
def join_tracked(a: Optional[Tracked], b: Tracked) -> Tracked: ...


@overload
def join_tracked(a: Optional[Tracked], b: Optional[Tracked]) -> Optional[Tracked]: ...


def join_tracked(a: Optional[Tracked], b: Optional[Tracked]) -> Optional[Tracked]:
    """Branches join as "may alias": aliased on any path means aliased."""
    if a is None or b is None:
        return a or b
    if a == b:
        return a
    worse = a if _rank(a) >= _rank(b) else b
    return worse.derive(
        changed=a.changed or b.changed,
        bound_at=a.bound_at | b.bound_at,
        vtype=join_types(a.vtype, b.vtype),
        fix_site=a.fix_site if a.fix_site is b.fix_site else None,
        entries=_join_entries(a.entries, b.entries),
    )


def _join_entries(a, b):
    """Entries of a new dict on either path: each key may hold what either side put there."""
    if a is None or b is None:
        return None
    left, right = dict(a), dict(b)
    return tuple((k, join_tracked(left.get(k), right.get(k))) for k in {**left, **right})


def _rank(t: Tracked) -> int:
    order = {Level.SHALLOW: 0, Level.OWNER: 1, Level.STORAGE: 2, Level.ALIAS: 3}
    return order[t.level] * 2 + (0 if t.maybe_via else 1)
