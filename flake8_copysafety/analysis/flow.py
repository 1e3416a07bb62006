"""Follow tracked values through one function body, in order, and notice in-place changes.

The walker is shared by every rule family: a subclass says what creates a tracked value
(`source`) and what a change, a read, a call or a binding means (`on_*` hooks). Branches join
as "may alias"; loop bodies run twice so that what one iteration does reaches the next.
What a call returns is decided by `semantics` alone.
"""

from dataclasses import dataclass
from enum import Enum
from typing import (TYPE_CHECKING, Any, Callable, Dict, FrozenSet, Iterator, List, Optional,
                    NamedTuple, Sequence, Set)

import libcst as cst

from ..core.names import ImportTable, dotted
from ..facts import api
from ..facts import semantics as sem
from ..facts.frameworks import RECORD_CLASSES
from ..facts.module_changes import STORE_METHODS
from ..facts.semantics import Effect, Kind
from ..facts.stores import LIST_OF_KEPT, store_method
from ..project.module_paths import is_module_file
from .index_arrays import IndexArrays
from .records import is_record, record_shape, record_type
from .values import UNKNOWN, Family, Level, Tracked, VType, join_tracked

if TYPE_CHECKING:  # the summaries are built on this walker; only their types come back here
    from ..plan.receivers import Receivers
    from .summaries import CalleeRef, Callees

_ABSENT: Any = object()


class _Writes:
    """Every key written or removed in one walk, in order, and the fields (`name.x`) ever
    bound under each name: a join then visits only the keys a branch touched and a rebinding
    only the fields of its name, so a long function costs time in proportion to its length."""

    __slots__ = ("keys", "fields")

    def __init__(self) -> None:
        self.keys: List[str] = []
        self.fields: Dict[str, Set[str]] = {}

    def note(self, key: str) -> None:
        self.keys.append(key)
        head, dot, _ = key.partition(".")
        if dot:
            self.fields.setdefault(head, set()).add(key)


class Env(Dict[str, Tracked]):
    """Names (and `name.attr`) -> tracked values; every change is noted in `writes`, which
    the copies of one walk share."""

    __slots__ = ("writes",)

    def __init__(self, *args, writes: Optional[_Writes] = None) -> None:
        super().__init__(*args)
        self.writes = writes if writes is not None else _Writes()
        for key in self:
            self.writes.note(key)

    def copy(self) -> "Env":
        new = Env.__new__(Env)
        dict.update(new, self)
        new.writes = self.writes
        return new

    def __setitem__(self, key: str, value: Tracked) -> None:
        self.writes.note(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self.writes.note(key)
        dict.__delitem__(self, key)

    def pop(self, key, *default):
        self.writes.note(key)
        return dict.pop(self, key, *default)

    def popitem(self):
        key, value = dict.popitem(self)
        self.writes.note(key)
        return key, value

    def setdefault(self, key, default=None):
        self.writes.note(key)
        return dict.setdefault(self, key, default)

    def update(self, *args, **kwargs) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):  # type: ignore[misc]  # `|=` notes its keys too
        self.update(other)
        return self

    def clear(self) -> None:
        for key in self:
            self.writes.note(key)
        dict.clear(self)


_LOOP_REPEAT_DEPTH = 3  # loops nested deeper than this are walked once
# A copy, however shallow, is a new object: not yet bound anywhere, and its own fix site.
_NEW_OBJECT: Dict[str, Any] = dict(bound_key=None, bound_at=frozenset(), fix_site=None,
                                   fix_vtype=None, changed=False)


class Change(Enum):
    DATA = "data"  # the object's own data changed in place
    ENTRY = "entry"  # a container's entries were written (set, appended, deleted)


@dataclass
class FileContext:
    """What every walker of one file shares."""

    module: cst.Module
    imports: ImportTable
    copy_functions: Set[str]
    facts_used: Optional[Set[str]]
    callees: Optional["Callees"] = None  # this module's functions
    path: Optional[str] = None  # the file, for following imports into the project
    # `(ctx, name) -> CalleeRef | None`: the summary of a helper imported from the project
    # (set by the pipeline; analysis code below it never imports the import follower).
    follow_import: Optional[Callable[["FileContext", str], Optional["CalleeRef"]]] = None
    # `(ctx, name) -> VType | None`: what a function imported from the project returns.
    follow_return: Optional[Callable[["FileContext", str], Optional[VType]]] = None
    # which `state_dict()` receivers are modules/optimizers (None: not asked, every receiver
    # counts)
    receivers: Optional["Receivers"] = None
    # `(ctx, class name, attribute) -> [[CalleeRef]]`: transforms bound to `self.<attribute>`
    # where the dataset is built (set by the pipeline, from the project model).
    bound_transforms: Optional[Callable[["FileContext", str, str],
                                        List[List["CalleeRef"]]]] = None
    # `(ctx, class name, method) -> CalleeRef | None`: a method the class inherits from a
    # project class of another module (a transform's mixin base).
    follow_method: Optional[Callable[["FileContext", str, str], Optional["CalleeRef"]]] = None
    # `(ctx, name, owner, stored kinds) -> CalleeRef | None`: a function imported from the
    # project, given an instance of `owner` (a class of this file) as its first argument,
    # run as a method of it (`apply_step(self, idx)`).
    follow_instance_helper: Optional[Callable[["FileContext", str, cst.ClassDef,
                                               Dict[str, VType]],
                                              Optional["CalleeRef"]]] = None
    # `--copysafety-reference-returning`: methods of the project's own store classes that
    # return the objects the store keeps (`pkg.mod.Class.method`).
    reference_returning: FrozenSet[str] = frozenset()

    def used(self, key: str) -> None:
        if self.facts_used is not None:
            self.facts_used.add(key)

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)


def method_change(kind: Kind, method: str) -> Optional[Change]:
    """How calling `method` on an object of `kind` changes it (None: it does not).
    `sort`, `fill`, `clear` change a list or an ndarray in place but return a new tensor:
    the receiver's kind decides."""
    if kind is Kind.TENSOR and method.endswith("_") and not method.startswith("__") and \
            method not in sem.NON_DATA_INPLACE_METHODS:
        return Change.DATA
    if method in sem.MUTATING_METHODS.get(kind, ()):
        return Change.DATA if kind is Kind.NDARRAY else Change.ENTRY
    return None


def is_true(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "True"


def keyword(call: cst.Call, name: str) -> Optional[cst.Arg]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def positional(call: cst.Call) -> List[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


@dataclass(frozen=True)
class IndexInfo:
    position: Optional[int] = None  # a literal integer index
    key: Optional[str] = None  # a literal string key
    is_slice: bool = False
    fancy: bool = False  # a list of indices: advanced indexing copies


def _index_info(sub: cst.Subscript) -> IndexInfo:
    elements = sub.slice
    if len(elements) != 1:
        # a tuple index holding a list of indices or a mask is advanced indexing: a copy
        fancy = any(isinstance(e.slice, cst.Index) and isinstance(
            e.slice.value, (cst.List, cst.ListComp, cst.Comparison)) for e in elements)
        return IndexInfo(is_slice=any(isinstance(e.slice, cst.Slice) for e in elements),
                         fancy=fancy)
    inner = elements[0].slice
    if not isinstance(inner, cst.Index):
        return IndexInfo(is_slice=True)
    value = inner.value
    if isinstance(value, cst.Integer):
        return IndexInfo(position=int(value.value, 0))
    if isinstance(value, cst.UnaryOperation) and isinstance(value.expression, cst.Integer):
        if isinstance(value.operator, cst.Minus):
            return IndexInfo(position=-int(value.expression.value, 0))
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        return IndexInfo(key=value.evaluated_value)
    if isinstance(value, (cst.List, cst.ListComp, cst.Comparison)):
        return IndexInfo(fancy=True)  # a list of indices or a boolean mask
    return IndexInfo()


def _refused_by_scalar(sub: cst.Subscript) -> bool:
    """An index a NumPy scalar raises on: anything but `()`, `...` and `None` (so where it
    runs, the value indexed is an array)."""
    for element in sub.slice:
        inner = element.slice
        if not isinstance(inner, cst.Index):
            continue  # a slice
        value = inner.value
        if isinstance(value, cst.Ellipsis) or (
                isinstance(value, cst.Name) and value.value == "None"):
            return False
        if isinstance(value, cst.Tuple) and not value.elements:
            return False
    return True


def string_key(sub: cst.Subscript) -> Optional[str]:
    """`"img"` of `sample["img"]` (a plain string literal), else None."""
    return _index_info(sub).key


def string_index(sub: cst.Subscript) -> bool:
    if len(sub.slice) != 1 or not isinstance(sub.slice[0].slice, cst.Index):
        return False
    return isinstance(sub.slice[0].slice.value, (cst.SimpleString, cst.ConcatenatedString,
                                                 cst.FormattedString))


class Via(NamedTuple):
    """The helper whose summary is being applied: a change it makes is reported through it."""

    callee: str
    node: cst.CSTNode  # the node that changes the data, in the helper
    where: Optional[str]  # `file.py:line` when the helper is in another file


class FlowWalker:
    """Walks statements with an environment of tracked names; subclasses add meaning."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.env: Env = Env()
        self.via: Optional[Via] = None  # while applying a callee's summary
        # `(path, line, col, end_line, end_col)`: where a callee of another file changes it
        self.via_position: Optional[tuple] = None
        self._loop_depth = 0
        self._scope_body: Optional[Sequence[cst.CSTNode]] = None  # the function walked
        # `self.x` rebound here to a new object (`self.x = np.empty(n)`): writes into it
        # until the next binding fill that new object, not data stored before.
        self.fresh_attrs: Set[str] = set()
        # The same for an entry of stored data stored unconditionally under a plain name or
        # a constant (`self.cache[name] = {}` in the function's own body, then
        # `self.cache[name]["shape"] = s`): the subscript's source -> the name in its key
        # (None for a constant), until that name is bound again.
        self.fresh_items: Dict[str, Optional[str]] = {}
        self._index_arrays: Optional[IndexArrays] = None
        self._handing = True  # the call being resolved hands a tracked value over
        # Names bound to a new record given nothing tracked (`graph = Graph()`): the type it
        # has once a field is set to something tracked (`graph.x = self.x[a:b]`).
        self.empty_records: Dict[str, VType] = {}

    # ----- hooks ---------------------------------------------------------------------
    def source(self, node: cst.BaseExpression) -> Optional[Tracked]:
        """A tracked value this expression creates by itself (`self.x`, `m.state_dict()`)."""
        return None

    def on_change(self, node: cst.CSTNode, tracked: Tracked, how: Change) -> None:
        """`tracked` was changed in place at `node`."""

    def on_read(self, key: str, tracked: Tracked, node: cst.CSTNode, bare: bool) -> None:
        """A tracked name was read; `bare` when the whole value is used, not an item of it."""

    def on_call(self, call: cst.Call, qualified: Optional[str],
                args: List[Optional[Tracked]]) -> None:
        """Every call, after its arguments are evaluated to `args`."""

    def on_bind(self, key: str, tracked: Tracked, stmt: cst.CSTNode,
                rhs: Optional[cst.BaseExpression]) -> Tracked:
        """`key` (a name or `self.attr`) is bound to `tracked`; returns what to keep."""
        return tracked

    def on_store_into(self, container: cst.BaseExpression, tracked: Tracked,
                      node: cst.CSTNode) -> None:
        """A tracked value is put into an untracked container (`lst.append(x)`, `d[k] = x`)."""

    def on_maybe_change(self, node: cst.CSTNode, tracked: Tracked) -> None:
        """`x += ...` on a value of unknown kind: a change if it turns out to be mutable."""

    def on_return(self, value: Optional[Tracked], node: cst.CSTNode) -> None:
        """A `return` of `value`."""

    def on_method_of_unknown(self, node: cst.CSTNode, tracked: Tracked, method: str) -> None:
        """`x.sort()` on a value of unknown kind: a change if `x` turns out to be of a kind
        that `method` changes in place (a list, an ndarray), not otherwise (a tensor)."""

    def known_condition(self, test: cst.BaseExpression) -> Optional[bool]:
        """The value an `if` test always has where the walk runs (None: not known, both
        branches are walked)."""
        return None

    def resolve_callee(self, call: cst.Call):
        """The summary of a function or method of this module that `call` calls, if known."""
        if self.ctx.callees is None:
            return None
        if isinstance(call.func, cst.Name):
            return self.ctx.callees.function_call(call.func.value)
        return self._module_function(call.func)

    def _module_function(self, func: cst.BaseExpression):
        """`pc_utils.jitter(x)`: a function of a project module the file imports whole
        (`import pc_utils`, `from utils import pc_utils`), found like a from-import."""
        written = dotted(func) if isinstance(func, cst.Attribute) else None
        follow = self.ctx.follow_import
        if not written or follow is None or not self._handing:
            return None
        head = written.partition(".")[0]
        if head not in self.ctx.imports.aliases and head not in self.ctx.imports.relative:
            return None
        qualified = self.ctx.imports.qualify_name(written) or ""
        if qualified in sem.FUNCTION_FACTS or api.function_row(qualified) is not None:
            return None  # numpy's or torch's, known without a look
        return follow(self.ctx, written)

    # ----- statements ------------------------------------------------------------------
    def walk_block(self, body: Sequence[cst.CSTNode]) -> None:
        if self._scope_body is None:
            self._scope_body = body
        for stmt in body:
            self.walk_statement(stmt)

    def _suite(self, suite) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self.walk_block(suite.body)
        elif isinstance(suite, cst.SimpleStatementSuite):
            for small in suite.body:
                self.walk_small(small, suite)

    def _join_into(self, envs: Sequence[Env], since: int) -> None:
        """Each key takes the join of its values in `envs`, in the order of their first
        appearance; `envs` are copies of one environment made when `writes` held `since`
        keys, so only the keys written after that can differ between them."""
        writes = self.env.writes
        if any(not isinstance(env, Env) or env.writes is not writes for env in envs):
            joined: Env = Env(writes=writes)
            for env in envs:
                for key, value in env.items():
                    dict.__setitem__(joined, key, join_tracked(joined.get(key), value))
            self.env = joined
            return
        joined = envs[0].copy()
        for env in envs[1:]:
            # the keys written since, or the whole environment where that is fewer
            touched = env if len(writes.keys) - since > len(env) else \
                dict.fromkeys(writes.keys[since:])
            new = []
            for key in touched:
                value = env.get(key, _ABSENT)
                if value is _ABSENT:
                    continue
                if key in joined:
                    dict.__setitem__(joined, key, join_tracked(joined[key], value))
                else:
                    new.append(key)
            if len(new) > 1:
                wanted = set(new)
                new = [key for key in env if key in wanted]
            for key in new:
                dict.__setitem__(joined, key, env[key])
        self.env = joined

    def walk_statement(self, stmt: cst.CSTNode) -> None:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                self.walk_small(small, stmt)
        elif isinstance(stmt, cst.If):
            # A branch that returns, raises, `continue`s or `break`s never reaches the code
            # after the `if`: what it did does not join the flow that does.
            self.eval(stmt.test)
            known = self.known_condition(stmt.test)
            if known is True:
                self._suite(stmt.body)  # the other branch is never taken
                return
            if known is False and not isinstance(stmt.orelse, cst.If):
                if isinstance(stmt.orelse, cst.Else):
                    self._suite(stmt.orelse.body)
                return
            since = len(self.env.writes.keys)
            before = self.env.copy()
            self._suite(stmt.body)
            outcomes = [] if _leaves(stmt.body) else [self.env]
            self.env = before.copy()
            if isinstance(stmt.orelse, cst.If):
                self.walk_statement(stmt.orelse)
                outcomes.append(self.env)
            elif isinstance(stmt.orelse, cst.Else):
                self._suite(stmt.orelse.body)
                if not _leaves(stmt.orelse.body):
                    outcomes.append(self.env)
            else:
                outcomes.append(self.env)
            self._join_into(outcomes or [before], since)
        elif isinstance(stmt, (cst.For, cst.While)):
            if isinstance(stmt, cst.For):
                element = self.iter_element(stmt.iter)
            else:
                self.eval(stmt.test)
            # A second pass lets one iteration reach the next; nested loops past a few
            # levels get one pass each, so deep nesting cannot cost exponential time.
            passes = 2 if self._loop_depth < _LOOP_REPEAT_DEPTH else 1
            self._loop_depth += 1
            try:
                for _ in range(passes):
                    since = len(self.env.writes.keys)
                    before = self.env.copy()
                    if isinstance(stmt, cst.For):
                        self.bind(stmt.target, element, stmt, None)
                    self._suite(stmt.body)
                    self._join_into([before, self.env], since)
            finally:
                self._loop_depth -= 1
            if stmt.orelse is not None:
                self._suite(stmt.orelse.body)
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            since = len(self.env.writes.keys)
            before = self.env.copy()
            self._suite(stmt.body)
            outcomes = [self.env]
            for handler in stmt.handlers:
                self._join_into([before, outcomes[0]], since)
                self._suite(handler.body)
                outcomes.append(self.env)
            self._join_into(outcomes, since)
            if stmt.orelse is not None:
                self._suite(stmt.orelse.body)
            if stmt.finalbody is not None:
                self._suite(stmt.finalbody.body)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                value = self.eval(item.item)
                if item.asname is not None:
                    self.bind(item.asname.name, value, stmt, item.item)
            self._suite(stmt.body)
        elif isinstance(stmt, cst.Match):
            self.eval(stmt.subject)
            since = len(self.env.writes.keys)
            before = self.env.copy()
            outcomes = [before]
            for case in stmt.cases:
                self.env = before.copy()
                self._suite(case.body)
                outcomes.append(self.env)
            self._join_into(outcomes, since)
        # Nested functions and classes are analysed on their own, not as part of this flow.

    def walk_small(self, small: cst.BaseSmallStatement, stmt: cst.CSTNode) -> None:
        if isinstance(small, cst.Assign):
            value = self.eval(small.value)
            for target in small.targets:
                self.bind(target.target, value, small, small.value)
        elif isinstance(small, cst.AnnAssign):
            if small.value is not None:
                self.bind(small.target, self.eval(small.value), small, small.value)
        elif isinstance(small, cst.AugAssign):
            self.eval(small.value)
            if isinstance(small.target, cst.Name):
                self._forget_fresh_items(small.target.value)
            self.augmented(small)
        elif isinstance(small, cst.Expr):
            self.eval(small.value)
        elif isinstance(small, cst.Return):
            value = self.eval(small.value) if small.value is not None else None
            self.on_return(value, small)
        elif isinstance(small, cst.Del):
            self.delete(small.target, small)
        elif isinstance(small, (cst.Assert, cst.Raise)):
            for expr in _expressions_in(small):
                self.eval(expr)

    def augmented(self, node: cst.AugAssign) -> None:
        target = node.target
        if isinstance(target, cst.Name):
            tracked = self.lookup(target.value, target, bare=False)
            if tracked is None:
                return
            if tracked.vtype.kind in sem.INPLACE_AUGASSIGN_KINDS:
                self.on_change(node, tracked, Change.DATA)
            elif tracked.vtype.kind is Kind.UNKNOWN:
                self.on_maybe_change(node, tracked)
            else:
                self.env.pop(target.value, None)  # immutable: `+=` rebinds the name
        elif isinstance(target, cst.Subscript):
            self.write_item(target, node, augmented=True)
        elif isinstance(target, cst.Attribute):
            tracked = self.eval(target, bare=False)
            if tracked is not None and tracked.vtype.kind in sem.INPLACE_AUGASSIGN_KINDS:
                self.on_change(node, tracked, Change.DATA)

    def write_item(self, target: cst.Subscript, node: cst.CSTNode, augmented: bool) -> None:
        """`base[i] = v` or `base[i] op= v`: which object changes, and how."""
        for element in target.slice:
            for expr in _expressions_in(element):
                self.eval(expr)
        base = self.eval(target.value, bare=False)
        if base is None:
            return
        kind = base.vtype.kind
        if kind in sem.ARRAY_KINDS:
            if augmented and base.level is Level.OWNER:
                # `self.data[i] += 1`: stored data changed in place, as through an alias
                # (a plain `self.data[i] = v` stays a deliberate write into the owner).
                base = base.derive(level=Level.ALIAS, origin=self.ctx.code(target),
                                   origin_line_node=target)
            self.on_change(node, base, Change.DATA)
            return
        if kind is Kind.UNKNOWN and not string_index(target):
            self.on_change(node, base, Change.DATA)
            if augmented:  # of a container: its element changes, if that is mutable
                item = self.subscript(base, target)
                if item is not None and item.vtype.kind is Kind.UNKNOWN:
                    self.on_maybe_change(node, item)
            return
        if augmented:
            item = self.subscript(base, target)
            if item is not None and item.vtype.kind in sem.INPLACE_AUGASSIGN_KINDS:
                self.on_change(node, item, Change.DATA)  # `+=` on a mutable element changes it
                return
            if item is not None and item.vtype.kind is Kind.UNKNOWN:
                self.on_maybe_change(node, item)  # changed, if the element is mutable
        self.on_change(node, base, Change.ENTRY)

    def delete(self, target: cst.BaseExpression, node: cst.CSTNode) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.delete(element.value, node)
        elif isinstance(target, cst.Subscript):
            base = self.eval(target.value, bare=False)
            if base is not None:
                how = Change.DATA if base.vtype.kind in sem.ARRAY_KINDS else Change.ENTRY
                self.on_change(node, base, how)
        elif isinstance(target, cst.Name):
            self.env.pop(target.value, None)

    def bind(self, target: cst.BaseExpression, value: Optional[Tracked], stmt: cst.CSTNode,
             rhs: Optional[cst.BaseExpression]) -> None:
        if isinstance(target, (cst.Name, cst.Attribute)):
            key = dotted(target)
            if isinstance(target, cst.Attribute) and not isinstance(target.value, cst.Name):
                # `sample["value"].x = ...`: the object may be one another name holds
                self._forget_field_everywhere(target.attr.value, key)
            if key is None:
                if isinstance(target, cst.Attribute):
                    self.eval(target.value)
                return
            if isinstance(target, cst.Name):
                self._forget_fresh_items(target.value)
            if isinstance(target, cst.Name):
                self._forget_fields(key)
                self.empty_records.pop(key, None)
                made = self._empty_record(rhs) if value is None else None
                if made is not None:
                    self.empty_records[key] = made
            elif isinstance(target.value, cst.Name):
                self._set_field(target.value.value, target.attr.value, value)
            if value is None:
                self.env.pop(key, None)
                if isinstance(target, cst.Attribute) and rhs is not None:
                    self.fresh_attrs.add(key)
            else:
                self.fresh_attrs.discard(key)
                self.env[key] = self.on_bind(key, value, stmt, rhs)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for index, element in enumerate(target.elements):
                if isinstance(element, cst.StarredElement):
                    self.bind(element.value, None, stmt, None)
                else:
                    self.bind(element.value, self.element_of(value, index), stmt, None)
        elif isinstance(target, cst.Subscript):
            base = self.eval(target.value, bare=False)
            if base is not None:
                self.write_item(target, stmt, augmented=False)
                self._set_entry(target, base, value)
                if base.level is Level.OWNER:
                    self._store_item(target, stmt, fresh=value is None and rhs is not None)
            elif value is not None:
                self.on_store_into(target.value, value, stmt)
        elif isinstance(target, cst.StarredElement):
            self.bind(target.value, None, stmt, None)

    def _forget_fields(self, name: str) -> None:
        """`graph = ...`: what was bound to `graph.x` belonged to the object named before."""
        prefix = f"{name}."
        fields = self.env.writes.fields.get(name, ()) if isinstance(self.env, Env) else self.env
        for key in [k for k in fields if k.startswith(prefix) and k in self.env]:
            del self.env[key]
        self.fresh_attrs -= {k for k in self.fresh_attrs if k.startswith(prefix)}

    def _forget_field_everywhere(self, field: str, keep: Optional[str]) -> None:
        """A field rebound through an expression (not a name): any object the walk holds may
        be that object, so what each held for that field is no longer known."""
        suffix = "." + field
        for key in [k for k in self.env if k.endswith(suffix) and k != keep]:
            self.env.pop(key)
        for key, owner in list(self.env.items()):
            if owner is not None and owner.entries is not None and \
                    owner.vtype.kind is Kind.RECORD and any(k == field for k, _ in owner.entries):
                self.env[key] = owner.derive(entries=tuple(
                    (k, None if k == field else v) for k, v in owner.entries))

    def _empty_record(self, rhs: Optional[cst.BaseExpression]) -> Optional[VType]:
        """`Graph()` (or `Graph(x=None)`): a new record, none of whose fields holds anything
        tracked yet."""
        if not isinstance(rhs, cst.Call):
            return None
        qualified = self.ctx.imports.qualify(rhs.func)
        if qualified is not None and qualified not in RECORD_CLASSES:
            return None
        name = qualified if qualified is not None else dotted(rhs.func)
        shape = record_shape(name, self._classes())
        kept = shape.fields(rhs, [None] * len(rhs.args)) if shape is not None else None
        if name is None or kept is None:
            return None
        return record_type(name, [(k, UNKNOWN) for k, _ in kept])

    def _set_field(self, name: str, field: str, value: Optional[Tracked]) -> None:
        """`graph.x = v` on a new record bound to `graph`: the field now holds `v` (a
        record made with nothing tracked becomes tracked by its first tracked field)."""
        owner = self.env.get(name)
        made = self.empty_records.get(name)
        if owner is None and made is not None and value is not None:
            del self.empty_records[name]
            fields = tuple((k, t) for k, t in made.fields or () if k != field)
            self.env[name] = value.derive(
                level=Level.SHALLOW, shallow_via=None, parts=None,
                vtype=VType(Kind.RECORD, cls=made.cls, fields=fields + ((field, value.vtype),)),
                entries=((field, value),), **_NEW_OBJECT)
            return
        if owner is None or owner.entries is None or owner.vtype.kind is not Kind.RECORD:
            return
        entries = tuple((k, v) for k, v in owner.entries if k != field)
        self.env[name] = owner.derive(entries=entries + ((field, value),))

    def _store_item(self, target: cst.Subscript, stmt: cst.CSTNode, fresh: bool) -> None:
        """`self.cache[key] = ...`: a new object stored under a plain key, in the function's
        own body (not on a branch), is what `self.cache[key]` holds until `key` changes."""
        item = self.ctx.code(target)
        self.fresh_items.pop(item, None)
        index = target.slice[0].slice if len(target.slice) == 1 else None
        key = index.value if isinstance(index, cst.Index) else None
        if not fresh or not isinstance(key, (cst.Name, cst.SimpleString, cst.Integer)):
            return
        if any(stmt is top or any(stmt is small for small in top.body)
               for top in self._scope_body or () if isinstance(top, cst.SimpleStatementLine)):
            self.fresh_items[item] = key.value if isinstance(key, cst.Name) else None

    def _forget_fresh_items(self, name: str) -> None:
        if self.fresh_items:
            self.fresh_items = {item: key for item, key in self.fresh_items.items()
                                if key != name}

    def _set_entry(self, target: cst.Subscript, base: Tracked, value: Optional[Tracked]
                   ) -> None:
        """`item["k"] = v` on a new dict bound to a name: the entry now holds `v`."""
        if base.entries is None or not isinstance(target.value, cst.Name):
            return
        if self.env.get(target.value.value) is not base:
            return
        info = _index_info(target)
        if info.key is None:
            return
        entries = tuple((k, v) for k, v in base.entries if k != info.key)
        self.env[target.value.value] = base.derive(entries=entries + ((info.key, value),))

    # ----- expressions -----------------------------------------------------------------
    def lookup(self, key: str, node: cst.CSTNode, bare: bool) -> Optional[Tracked]:
        tracked = self.env.get(key)
        if tracked is not None:
            self.on_read(key, tracked, node, bare)
        return tracked

    def eval(self, node: cst.BaseExpression, bare: bool = True) -> Optional[Tracked]:
        """What tracked value (if any) this expression evaluates to; notices changes inside."""
        if isinstance(node, cst.Name):
            return self.lookup(node.value, node, bare)
        if isinstance(node, cst.Attribute):
            key = dotted(node)
            if key is not None and key in self.env:
                return self.lookup(key, node, bare)
            made = self.source(node)
            if made is not None:
                return made
            owner = self.eval(node.value, bare=False)
            if owner is not None and is_record(owner.vtype, self._classes()):
                return None if key in self.fresh_attrs else self.field_of(owner, node)
            fact = sem.ATTRIBUTE_FACTS.get(node.attr.value)
            if owner is not None and fact is None and owner.vtype.kind is Kind.UNKNOWN \
                    and owner.level is not Level.OWNER:
                if owner.family is Family.ARGUMENT and not owner.depth and \
                        owner.level is Level.ALIAS:
                    # a parameter's field: what it is depends on the caller's argument
                    return owner.derive(vtype=UNKNOWN, parts=None, depth=1,
                                        field_name=node.attr.value)
                return owner.derive(vtype=UNKNOWN, parts=None)  # `data.x`: part of `data`
            if owner is None or fact is None:
                return None
            self.ctx.used(f"attribute:{fact.key}")
            return self.apply_fact(fact, owner, None)
        if isinstance(node, cst.Subscript):
            made = self.source(node)
            if made is not None:
                return made
            base = self.eval(node.value, bare=False)
            for element in node.slice:
                for expr in _expressions_in(element):
                    self.eval(expr)
            return self.subscript(base, node)
        if isinstance(node, cst.Call):
            return self.eval_call(node)
        if isinstance(node, cst.IfExp):
            self.eval(node.test)
            return join_tracked(self.eval(node.body), self.eval(node.orelse))
        if isinstance(node, cst.BooleanOperation):
            return join_tracked(self.eval(node.left), self.eval(node.right))
        if isinstance(node, cst.NamedExpr):
            value = self.eval(node.value)
            self.bind(node.target, value, node, node.value)
            return value
        if isinstance(node, (cst.Tuple, cst.List)):
            parts = [self.eval(e.value) for e in node.elements]
            return self._literal(node, parts, Kind.TUPLE if isinstance(node, cst.Tuple)
                                 else Kind.LIST)
        if isinstance(node, cst.Dict):
            return self._dict_literal(node)
        if isinstance(node, (cst.DictComp, cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            return self._comprehension(node)
        for expr in _expressions_in(node):
            self.eval(expr)
        return None

    def _classes(self):
        return self.ctx.callees.classes if self.ctx.callees is not None else {}

    def field_of(self, owner: Tracked, node: cst.Attribute) -> Optional[Tracked]:
        """`record.field`: what a new record was given for it; of a stored record (or a
        shallow copy of one), the stored object itself. Anything else is not known."""
        name = node.attr.value
        if owner.entries is not None:
            return dict(owner.entries).get(name)
        shape = record_shape(owner.vtype.cls, self._classes())
        if shape is None or not shape.has_field(name):
            return None
        if owner.level is Level.OWNER:
            return owner.derive(level=Level.ALIAS, vtype=UNKNOWN, origin="",
                                origin_line_node=node, parts=None)
        if owner.level is Level.SHALLOW and owner.shallow_via:
            return owner.derive(level=Level.ALIAS, vtype=UNKNOWN, parts=None)
        return None

    def _new_record(self, call: cst.Call, qualified: Optional[str],
                    args: List[Optional[Tracked]]) -> Optional[Tracked]:
        """`Graph(x=self.x[a:b])`: a new record whose fields are the arguments it keeps."""
        name = qualified if qualified is not None else dotted(call.func)
        shape = record_shape(name, self._classes())
        kept = shape.fields(call, args) if shape is not None else None
        first = next((v for _, v in kept or () if v is not None), None)
        if name is None or kept is None or first is None:
            return None
        vtype = record_type(name, [(k, v.vtype if v is not None else UNKNOWN)
                                   for k, v in kept])
        return first.derive(level=Level.SHALLOW, shallow_via=None, vtype=vtype, parts=None,
                            entries=tuple(kept), **_NEW_OBJECT)

    def _literal(self, node, parts: List[Optional[Tracked]], kind: Kind) -> Optional[Tracked]:
        present = [p for p in parts if p is not None]
        if not present:
            return None
        first = present[0]
        items = tuple(p.vtype if p is not None else UNKNOWN for p in parts)
        return first.derive(
            level=Level.SHALLOW, shallow_via=None, vtype=VType(kind, items=items),
            fix_site=None, parts=tuple(parts),
        )

    def _dict_literal(self, node: cst.Dict) -> Optional[Tracked]:
        result = None
        entries: Optional[List] = []
        for element in node.elements:
            if isinstance(element, cst.StarredDictElement):
                entries = None
                spread = self.eval(element.value)
                if spread is not None:
                    result = spread.derive(level=Level.SHALLOW, shallow_via="{**...}",
                                           fix_site=None, entries=None)
            elif isinstance(element, cst.DictElement):
                self.eval(element.key)
                value = self.eval(element.value)
                if entries is not None and isinstance(element.key, cst.SimpleString):
                    entries.append((element.key.evaluated_value, value))
                else:
                    entries = None
                if value is not None and result is None:
                    result = value.derive(level=Level.SHALLOW, shallow_via=None,
                                          vtype=VType(Kind.DICT, elem=value.vtype),
                                          fix_site=None, parts=None)
        return self._with_entries(result, entries)

    def _keyword_dict(self, call: cst.Call, args: List[Optional[Tracked]]
                      ) -> Optional[Tracked]:
        """`dict(img=x, label=y)`: a new dict, like the literal `{"img": x, "label": y}`."""
        result = None
        for arg, value in zip(call.args, args):
            if value is not None and result is None:
                result = value.derive(level=Level.SHALLOW, shallow_via=None,
                                      vtype=VType(Kind.DICT, elem=value.vtype), fix_site=None,
                                      parts=None)
        return self._with_entries(result, [(a.keyword.value, v)
                                           for a, v in zip(call.args, args) if a.keyword])

    @staticmethod
    def _with_entries(result: Optional[Tracked], entries) -> Optional[Tracked]:
        """A new dict knows what each literal key holds: a new entry holds nothing stored."""
        if result is None or entries is None:
            return result
        fields = tuple((k, v.vtype if v is not None else UNKNOWN) for k, v in entries)
        return result.derive(entries=tuple(entries),
                             vtype=VType(Kind.DICT, elem=result.vtype.elem, fields=fields))

    def _comprehension(self, node) -> Optional[Tracked]:
        saved = self.env.copy()
        clause = node.for_in
        while clause is not None:
            self.bind(clause.target, self.iter_element(clause.iter), node, None)
            for condition in clause.ifs:
                self.eval(condition.test)
            clause = clause.inner_for_in
        if isinstance(node, cst.DictComp):
            self.eval(node.key)
            value = self.eval(node.value)
            kind, via = Kind.DICT, "a dict comprehension"
        else:
            value = self.eval(node.elt)
            kind, via = Kind.LIST, "a comprehension"
        self.env = saved
        if value is None or value.level is Level.OWNER:
            return None
        return value.derive(level=Level.SHALLOW, shallow_via=via,
                            vtype=VType(kind, elem=value.vtype), parts=None, element=value,
                            **_NEW_OBJECT)

    def subscript(self, base: Optional[Tracked], node: cst.Subscript) -> Optional[Tracked]:
        if base is None:
            return None
        if self.fresh_items and self.ctx.code(node) in self.fresh_items:
            return None  # the new object this function just stored there
        info = _index_info(node)
        if base.vtype.row_or_scalar and info.key is None and _refused_by_scalar(node):
            self.ctx.used(sem.INDEX_SCALAR_REFUSES_INDEX)
            base = base.derive(vtype=VType(Kind.NDARRAY, dtype=base.vtype.dtype))
        if base.vtype.kind in sem.ARRAY_KINDS:
            array_index = self._index_array_keys(node)
            if info.fancy or array_index:
                self.ctx.used(sem.INDEX_ADVANCED_COPIES)
                for key in array_index:
                    self.ctx.used(key)
                return None
            self.ctx.used(sem.INDEX_VIEW)
        elif base.vtype.kind is Kind.UNKNOWN and info.key is None:
            # An object of unknown kind indexed by position runs its own `__getitem__`
            # (another dataset, a user mapping): what it hands out is known only when its
            # class is known to return its stored objects.
            return self.instance_item(base, node)
        return self.element_of(base, info.position, info.is_slice, node, info.key)

    def instance_item(self, base: Tracked, node: cst.BaseExpression) -> Optional[Tracked]:
        """`obj[i]` for an instance of a known class: the stored objects its `__getitem__`
        hands out (a wrapped dataset's own stored data is stored data of the wrapper)."""
        callees = self.ctx.callees
        if callees is None or not base.vtype.cls:
            return None
        ref = callees.instance_call(base.vtype.cls, "__getitem__", "__getitem__")
        if ref is None:
            return None
        result = None
        for returned in ref.summary.returns:
            value = returned.tracked
            if returned.param is None and value is not None and value.family is base.family:
                result = join_tracked(result, value.derive(
                    origin="", origin_line_node=node, fix_site=None, fix_vtype=None))
        return result

    def _index_array_keys(self, node: cst.Subscript):
        """The facts that make this index an integer array (empty: it is not one)."""
        if self._index_arrays is None:
            self._index_arrays = IndexArrays(self.ctx.imports, list(self._scope_body or ()))
        for element in node.slice:  # `a[idx]`, and `a[idx, :]`: one array in the tuple
            if isinstance(element.slice, cst.Index):
                keys = self._index_arrays.keys(element.slice.value)
                if keys:
                    return keys
        return frozenset()

    def element_of(self, base: Optional[Tracked], index: Optional[int] = None,
                   is_slice: bool = False, node: Optional[cst.Subscript] = None,
                   key: Optional[str] = None) -> Optional[Tracked]:
        """The tracked value `base[index]` (or one element when iterating `base`)."""
        if base is None:
            return None
        if base.parts is not None and index is not None and -len(base.parts) <= index < len(
            base.parts
        ):
            return base.parts[index]
        if base.parts is not None and index is None and key is None and not is_slice:
            # an element of a new tuple or list at an unknown position (or each element, as
            # a loop or comprehension over it sees them): any of its parts
            joined = None
            for part in base.parts:
                joined = join_tracked(joined, part)
            return joined
        if base.entries is not None and key is not None:
            return dict(base.entries).get(key)  # a new dict's entry: what was put there
        if base.element is not None and base.element.level is Level.SHALLOW and not is_slice:
            return base.element  # a comprehension of copies (`[dict(s) for s in ...]`)
        vtype = base.vtype.element(index, is_slice, key)
        if vtype.kind is Kind.SCALAR:
            if base.vtype.kind is Kind.NDARRAY:
                self.ctx.used(sem.INDEX_NDARRAY_SCALAR)
            return None  # immutable: nothing to alias
        level = base.level
        if level is Level.OWNER:
            level = Level.ALIAS
        elif level is Level.SHALLOW and not is_slice:
            level = Level.ALIAS
        origin, line_node = base.origin, base.origin_line_node
        if node is not None and (base.level is Level.OWNER
                                 or base.origin_line_node is node.value):
            origin, line_node = "", node  # `self.samples[i]["img"]`, rendered when reported
        return base.derive(level=level, vtype=vtype, origin=origin, parts=None,
                           origin_line_node=line_node)

    def iter_element(self, node: cst.BaseExpression) -> Optional[Tracked]:
        """What one element of `for x in node` is."""
        members = self.composed_members(node)
        if members:
            return Tracked(Family.CALLABLE, "", node, UNKNOWN, chains=members)
        if isinstance(node, cst.Call):
            qualified = self.ctx.imports.qualify(node.func)
            args = positional(node)
            if qualified in ("zip", "enumerate") and args:
                parts = [self.iter_element(a.value) for a in args]
                if qualified == "enumerate":
                    parts = [None, parts[0]]
                return self._literal(node, parts, Kind.TUPLE)
            if qualified in ("reversed", "sorted", "list", "tuple", "iter") and args:
                return self.iter_element(args[0].value)
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value in ("items", "values"):
                owner = self.eval(func.value, bare=False)
                if owner is not None:
                    self.ctx.used(f"method:{func.attr.value}")
                    value = self.element_of(owner)
                    if func.attr.value == "values":
                        return value
                    return self._literal(node, [None, value], Kind.TUPLE)
                return None
        return self.element_of(self.eval(node, bare=False))

    def eval_call(self, call: cst.Call) -> Optional[Tracked]:
        func = call.func
        qualified = self.ctx.imports.qualify(func)
        receiver = None
        method = None
        if qualified is None and isinstance(func, cst.Attribute):
            method = func.attr.value
            made = self.source(call)
            if made is not None:
                for arg in call.args:
                    self.eval(arg.value)
                return made
            receiver = self.eval(func.value, bare=False)
        called = None
        if qualified is None and not isinstance(func, cst.Attribute):
            called = self.eval(func, bare=False)
        args = [self.eval(arg.value, bare=True) for arg in call.args]
        if self._is_configured_copy(func, qualified):
            return None  # the project says this function returns a real copy
        self._notice_changes(call, qualified, receiver, method, args)
        self.on_call(call, qualified, args)
        if method is None and (qualified is None or qualified in RECORD_CLASSES):
            record = self._new_record(call, qualified, args)
            if record is not None:
                return record
        if called is not None and called.family in (Family.CALLABLE, Family.ARGUMENT):
            return self.call_value(call, called, args)
        # another module is parsed for a call by attribute only when it is handed something
        self._handing = any(a is not None for a in args)
        callee = self.resolve_callee(call)
        if callee is not None:
            return self.apply_summary(call, callee, args)
        chains = self.resolve_chains(call)
        if chains:
            return self._apply_chains(call, chains, args)
        if qualified is not None:
            return self._call_function(call, qualified, args)
        if receiver is None or method is None:
            return None
        kept = self._kept_by_store(call, receiver, method)
        if kept is not None:
            return kept
        fact = sem.METHOD_FACTS.get(method)
        if fact is not None:
            self.ctx.used(f"method:{method}")
            return self.apply_fact(fact, receiver, call)
        if method in sem.DTYPE_CONVERSIONS:
            self.ctx.used(f"conversion:{method}")
            return self.convert(method, receiver, call)
        if method.endswith("_") and not method.startswith("__"):
            return receiver  # in-place tensor methods return their receiver
        measured = api.method_fact(receiver.vtype.kind, method)
        if measured is not None:
            return self.apply_fact(measured, receiver, call)
        return None

    def resolve_chains(self, call: cst.Call) -> List[List[object]]:
        """Callees bound where the dataset is built (`self.transform(x)` running each
        transform of a `Compose` made in the training script), as chains applied in turn."""
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and \
                func.value.value == getattr(self, "self_name", None):
            return self.bound_chains_of(func.attr.value)
        return []

    def bound_chains_of(self, attr: str) -> List[List[object]]:
        """The chains bound to `self.<attr>` where the dataset is built (none by default:
        walkers of a class's methods know the class)."""
        return []

    def composed_members(self, node: cst.BaseExpression) -> Optional[tuple]:
        """`self.transform.transforms` (or `self.transforms`) where the transforms are bound
        where the dataset is built: each member alone, as one-callee chains."""
        if isinstance(node, cst.Attribute) and node.attr.value == "transforms" and \
                isinstance(node.value, cst.Attribute):
            node = node.value
        if not (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and
                node.value.value == getattr(self, "self_name", None)):
            return None
        members: List[object] = []
        for chain in self.bound_chains_of(node.attr.value):
            members.extend(m for m in chain if not any(m is k for k in members))
        return tuple((m,) for m in members) or None

    def call_value(self, call: cst.Call, called: Tracked, args: List[Optional[Tracked]]
                   ) -> Optional[Tracked]:
        """Calling a value the walk holds: bound transforms run one of their chains."""
        if called.family is Family.CALLABLE and called.chains:
            return self._apply_chains(call, called.chains, args)
        return None

    def _apply_chains(self, call: cst.Call, chains, args: List[Optional[Tracked]]
                      ) -> Optional[Tracked]:
        result = None
        for chain in chains:
            value = args
            for callee in chain:
                returned = self.apply_summary(call, callee, value)
                value = [returned]
                if returned is None:
                    break
            result = join_tracked(result, value[0])
        return result

    def apply_summary(self, call: cst.Call, callee, args: List[Optional[Tracked]]
                      ) -> Optional[Tracked]:
        """What a call of a summarised function changes, and what it returns."""
        summary = callee.summary
        bound = callee.bind(call, args)
        for change in summary.changes:
            if change.param is None:
                target = self._stored_here(call, callee, callee.stored(change.tracked))
            else:
                target = self._changed_argument(bound.get(change.param), change)
            if target is None:
                continue
            self.via = Via(callee.name, change.node, change.where or callee.where(change.node))
            self.via_position = change.position or callee.position(change.node)
            try:
                kind = target.vtype.kind
                if change.method is not None:
                    how = method_change(kind, change.method)
                    if how is not None:
                        self.on_change(call, target, how)
                    elif kind is Kind.UNKNOWN:  # still conditional, one level up
                        self.on_method_of_unknown(call, target, change.method)
                elif not change.conditional or kind in sem.INPLACE_AUGASSIGN_KINDS:
                    self.on_change(call, target, change.how)
                elif kind is Kind.UNKNOWN:
                    self.on_maybe_change(call, target)  # still conditional, one level up
            finally:
                self.via = None
                self.via_position = None
        for param, name in getattr(summary, "rebinds", ()):
            self._rebound_by_callee(call, callee, param, name, bound)
        result = None
        for returned in summary.returns:
            if returned.applied is not None:
                value = self._applied(call, bound, returned.applied)
            elif returned.param is not None:
                value = bound.get(returned.param)
                if returned.entry_key is not None:
                    value = self.element_of(value, key=returned.entry_key)
                elif returned.field_name is not None:
                    value = self.field_of_argument(value, returned.field_name, call)
            else:
                value = self._stored_here(call, callee, callee.stored(returned.tracked))
                if value is not None and value.kept_by:
                    value = value.derive(origin=self.ctx.code(call), origin_line_node=call)
            result = join_tracked(result, value)
        return result

    @staticmethod
    def _stored_here(call: cst.Call, callee, value: Optional[Tracked]) -> Optional[Tracked]:
        """Stored data a callee of another file read itself (`self.samples[i]` in a function
        given the instance): named by its text, on the line of the call here."""
        if value is None or callee.where(value.origin_line_node) is None:
            return value
        return value.derive(origin=value.origin_text(), origin_line_node=call)

    def _kept_by_store(self, call: cst.Call, receiver: Tracked, method: str
                       ) -> Optional[Tracked]:
        """`self.coco.loadAnns(ids)` on a stored store object (`facts/stores.py`): the
        objects the store keeps (a new list of them, or the kept object itself)."""
        owner = receiver.vtype.cls
        if receiver.family is not Family.STORED or not owner:
            return None
        row = store_method(f"{self._store_class(owner)}.{method}", self.ctx.reference_returning)
        if row is None:
            return None
        self.ctx.used(f"store:{row.key}")
        kept = VType(row.kind)
        where = dict(origin=self.ctx.code(call), origin_line_node=call, parts=None,
                     fix_site=None, fix_vtype=None, maybe_via=None, shallow_via=None,
                     kept_by=f"`{row.key.rpartition('.')[0].rpartition('.')[2]}.{method}`")
        if row.returns == LIST_OF_KEPT:
            return receiver.derive(level=Level.SHALLOW, vtype=VType(Kind.LIST, elem=kept),
                                   **where)
        return receiver.derive(level=Level.ALIAS, vtype=kept, **where)

    def _store_class(self, owner: str) -> str:
        """The qualified name of a stored object's class: as imported, or a class of this
        module named by a configured `module.Class.method`."""
        if "." in owner:
            return owner
        for name in self.ctx.reference_returning:
            qualified = name.rpartition(".")[0]
            module, _, cls = qualified.rpartition(".")
            if cls == owner and is_module_file(self.ctx.path or "", module):
                return qualified
        return owner

    def _changed_argument(self, target: Optional[Tracked], change) -> Optional[Tracked]:
        """What a callee's change of its parameter changes here: the argument itself, or
        its element (only where the argument is known to be a container), after the
        callee's own shallow copy of it if it made one."""
        if target is None:
            return None
        # The parameter of a function whose summary is being made, handed on to a callee
        # changing its element (`apply(sample)` calling `normalise(sample)`, which changes
        # `sample["img"]`): the change is of that element of the caller's argument too.
        passed_on = target.family is Family.ARGUMENT and not target.depth and \
            target.entries is None and target.level is not Level.SHALLOW
        if change.depth == 1 and change.field_name is not None:
            target = self.field_of_argument(target, change.field_name, change.node)
            if target is None:
                return None
            if passed_on:
                target = target.derive(depth=1, field_name=change.field_name)
        elif change.depth and change.by_position and target.vtype.kind is Kind.TENSOR:
            pass  # `x[0]` of a tensor is a view of it (of an ndarray, maybe a scalar copy)
        elif change.depth == 1 and passed_on and change.entry_key is None:
            # (`parts[1].add_(1)` two helpers down: the element read by position)
            target = target.derive(depth=1, by_position=change.by_position, parts=None)
        elif change.depth:
            if change.depth > 1 or (change.entry_key is None and not (
                    target.vtype.kind in sem.CONTAINER_KINDS or target.level is Level.SHALLOW)):
                return None
            target = self.element_of(target, key=change.entry_key)
            if target is None:
                return None
            if passed_on:
                target = target.derive(depth=1, entry_key=change.entry_key)
        if change.shallow_via and not target.shallow_via and target.level is not Level.OWNER:
            target = target.derive(shallow_via=change.shallow_via)
        return target

    def _rebound_by_callee(self, call: cst.Call, callee, param: int, name: str,
                           bound: Dict[int, Tracked]) -> None:
        """A callee rebound field `name` of its parameter `param`: the argument's field (and
        what a name for it held) is no longer what it was here."""
        value = bound.get(param)
        if value is not None and value.entries is not None:
            bound[param] = value.derive(entries=tuple(
                (k, None if k == name else v) for k, v in value.entries))
        params = getattr(callee, "params", [])
        for index, arg in enumerate(call.args):
            position = params.index(arg.keyword.value) if arg.keyword is not None and \
                arg.keyword.value in params else (index if arg.keyword is None else None)
            if position == param and isinstance(arg.value, cst.Name):
                holder = arg.value.value
                self.env.pop(f"{holder}.{name}", None)
                if holder in self.env and bound.get(param) is not None:
                    self.env[holder] = bound[param]

    def field_of_argument(self, value: Optional[Tracked], name: str,
                          node: cst.CSTNode) -> Optional[Tracked]:
        """The field `name` of an argument a callee read as `param.name`: a record's field
        (`field_of`); of an object of unknown kind, a part of it (a shallow copy's field is
        the original's)."""
        if value is None:
            return None
        if is_record(value.vtype, self._classes()):
            attribute = cst.Attribute(cst.Name("_"), cst.Name(name))
            found = self.field_of(value, attribute)
            return found.derive(origin_line_node=value.origin_line_node) \
                if found is not None and found.origin_line_node is attribute else found
        if value.vtype.kind is not Kind.UNKNOWN:
            return None
        if value.level is Level.SHALLOW:
            return value.derive(level=Level.ALIAS, vtype=UNKNOWN, parts=None) \
                if value.shallow_via else None
        return value.derive(vtype=UNKNOWN, parts=None)

    def _applied(self, call: cst.Call, bound, applied) -> Optional[Tracked]:
        """`apply(t, x)` whose body returns `t(x)`: what running `t` on `x` gives here."""
        func, value = bound.get(applied[0]), bound.get(applied[1])
        if func is None or func.family is not Family.CALLABLE or not func.chains:
            return None
        return self._apply_chains(call, func.chains, [value])

    def _is_configured_copy(self, func: cst.BaseExpression, qualified: Optional[str]) -> bool:
        """`--copysafety-copy-functions`: dotted names as imported, bare names, or the
        dotted name of the module's own function (`mypkg.utils.deep_clone` in mypkg/utils.py)."""
        wanted = self.ctx.copy_functions
        if not wanted:
            return False
        written = dotted(func) or ""
        if {qualified, written, written.rpartition(".")[2]} & wanted:
            return True
        return qualified is None and "." not in written and any(
            name.rpartition(".")[2] == written
            and is_module_file(self.ctx.path or "", name.rpartition(".")[0])
            for name in wanted)

    def _call_function(self, call: cst.Call, qualified: str, args) -> Optional[Tracked]:
        if qualified == "dict" and call.args and all(a.keyword is not None for a in call.args):
            return self._keyword_dict(call, args)
        fact = sem.FUNCTION_FACTS.get(qualified)
        if fact is None:
            fact = api.function_fact(qualified)
            if fact is None:
                return None
        else:
            self.ctx.used(f"function:{qualified}")
        first = next((v for a, v in zip(call.args, args) if a.keyword is None), None)
        if first is None:
            return None
        return self.apply_fact(fact, first, call)

    def _notice_changes(self, call, qualified, receiver, method, args) -> None:
        """In-place changes a call makes: to its receiver, an argument, or an `out=`."""
        by_position = [v for a, v in zip(call.args, args) if a.keyword is None]
        for arg, value in zip(call.args, args):
            if value is not None and arg.keyword is not None:
                if arg.keyword.value in sem.OUTPUT_KEYWORDS:
                    self.on_change(call, value, Change.DATA)
        inplace = keyword(call, sem.INPLACE_KEYWORD)
        if inplace is not None and is_true(inplace.value) and by_position and by_position[0]:
            self.on_change(call, by_position[0], Change.DATA)
        if qualified is not None:
            index = sem.MUTATING_FUNCTIONS.get(qualified)
            if index is not None:
                self.ctx.used(f"mutator:{qualified}")
            elif qualified.endswith("_") and qualified.rpartition(".")[0] in (
                sem.INPLACE_UNDERSCORE_MODULES
            ):
                index = 0
            if index is not None and index < len(by_position) and by_position[index]:
                value = by_position[index]
                how = Change.ENTRY if value.vtype.kind is Kind.LIST else Change.DATA
                self.on_change(call, value, how)
            return
        if method is None:
            return
        if receiver is None:
            stored = [v for v in args if v is not None]
            if stored and method in STORE_METHODS:
                self.on_store_into(call.func.value, stored[-1], call)
            return
        kind = receiver.vtype.kind
        changes = method_change(kind, method)
        if changes is not None:
            self.on_change(call, receiver, changes)
        elif kind is Kind.UNKNOWN and method in sem.TENSOR_INPLACE_METHODS:
            self.on_change(call, receiver, Change.DATA)
        elif kind is Kind.UNKNOWN and (method in sem.CONTAINER_MUTATORS or method == "pop"):
            self.on_change(call, receiver, Change.ENTRY)
        elif kind is Kind.UNKNOWN and any(method in names
                                          for names in sem.MUTATING_METHODS.values()):
            self.on_method_of_unknown(call, receiver, method)

    def apply_fact(self, fact: sem.CopyFact, value: Tracked, call: Optional[cst.Call]
                   ) -> Optional[Tracked]:
        """The tracked result of a call or attribute, as the semantics table says."""
        vtype = value.vtype
        if vtype.kind is Kind.UNKNOWN and vtype.cls and is_record(vtype, self._classes()):
            vtype = VType(Kind.RECORD, cls=vtype.cls)  # a stored record of this module
        elif vtype.kind is Kind.UNKNOWN and fact.implies is not None:
            vtype = VType(fact.implies)
        effect = fact.effect_for(vtype.kind)
        if fact.copy_kwarg and call is not None:
            copy_arg = keyword(call, "copy")
            if copy_arg is not None and isinstance(copy_arg.value, cst.Name) and \
                    copy_arg.value.value == "False":
                effect = Effect.MAYBE_ALIAS if fact.key == "astype" else Effect.ALIAS
        if fact.result is not None and fact.result is not vtype.kind:
            container = fact.result not in sem.ARRAY_KINDS
            # `torch.split(x)`, `np.hsplit(x)`: a tuple or list of pieces of the array.
            elem = vtype if vtype.kind in sem.ARRAY_KINDS else vtype.elem
            vtype = VType(fact.result, elem=elem if container else None,
                          fields=vtype.fields if fact.result is Kind.DICT else None)
        if effect in (Effect.COPY, Effect.FRESH):
            return None
        if effect is Effect.ALIAS:
            # A view of a whole stored array (`self.data.view(-1)`) is stored data too.
            level = Level.ALIAS if value.level is Level.OWNER and \
                vtype.kind in sem.ARRAY_KINDS else value.level
            return value.derive(vtype=vtype, parts=None, level=level)
        if effect is Effect.MAYBE_ALIAS:
            return value.derive(vtype=vtype, maybe_via=f".{fact.key}(copy=False)", parts=None)
        if vtype.kind in sem.ARRAY_KINDS:  # SHALLOW on a tensor: a new tensor, same storage
            return value.derive(vtype=vtype, level=Level.STORAGE, shallow_via=fact.key,
                                parts=None, **_NEW_OBJECT)
        if vtype.kind is Kind.RECORD and value.entries is not None:
            # A copy of a new record: a new object whose fields are the same objects.
            entries = tuple((k, v if v is None or v.shallow_via else
                             v.derive(shallow_via=fact.key)) for k, v in value.entries)
            return value.derive(shallow_via=fact.key, entries=entries, **_NEW_OBJECT)
        if value.level is Level.SHALLOW and value.shallow_via:
            return value.derive(**_NEW_OBJECT)
        return value.derive(vtype=vtype, level=Level.SHALLOW, shallow_via=fact.key, parts=None,
                            **_NEW_OBJECT)

    def convert(self, method: str, value: Tracked, call: cst.Call) -> Optional[Tracked]:
        """A dtype/device conversion: the same tensor when nothing converts, else a copy."""
        vtype = value.vtype
        if vtype.kind not in (Kind.TENSOR, Kind.UNKNOWN):
            return None
        copying = keyword(call, "copy")
        if copying is not None and is_true(copying.value):
            return None
        target_dtype = sem.DTYPE_CONVERSIONS[method]
        device = method if method in ("cuda", "cpu") else None
        unknown_target = False
        if method in ("to", "type"):
            args = [a for a in call.args if a.keyword is None or a.keyword.value in
                    ("dtype", "device")]
            if not args:
                return None if method == "type" else value
            for arg in args:
                qualified = self.ctx.imports.qualify(arg.value) or ""
                name = qualified.rpartition(".")[2]
                if qualified.startswith("torch.") and name in sem.DTYPE_NAMES:
                    target_dtype = sem.DTYPE_NAMES[name]
                elif isinstance(arg.value, cst.SimpleString) and \
                        isinstance(arg.value.evaluated_value, str):
                    device = arg.value.evaluated_value.split(":")[0]
                else:
                    unknown_target = True
        result = VType(Kind.TENSOR, dtype=target_dtype or vtype.dtype)
        if device == "cpu" and target_dtype is None and not unknown_target and vtype.dtype:
            # Data this class made itself with a factory lives on the CPU: proven no-op.
            return value.derive(vtype=result, parts=None)
        if not unknown_target and device is None and target_dtype and vtype.dtype:
            if target_dtype != vtype.dtype:
                return None  # a real conversion copies
            return value.derive(vtype=result, parts=None)  # proven no-op: the same tensor
        if device == "cpu" and target_dtype is None and not unknown_target:
            return value.derive(vtype=result, maybe_via=f".{method}()", parts=None,
                                device_via=".cpu()" if method == "cpu" else f'.{method}("cpu")')
        return value.derive(vtype=result, maybe_via=f".{method}()", parts=None)


_LEAVING = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def _leaves(suite: cst.BaseSuite) -> bool:
    """Whether a block always leaves the flow it is in (a `return`, `raise`, `continue` or
    `break` among its own statements: what follows it in the block never runs)."""
    if isinstance(suite, cst.SimpleStatementSuite):
        return any(isinstance(s, _LEAVING) for s in suite.body)
    for stmt in suite.body:
        if isinstance(stmt, cst.SimpleStatementLine) and \
                any(isinstance(s, _LEAVING) for s in stmt.body):
            return True
    return False


def _expressions_in(node: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    """The expressions directly under a node, looking through Arg/Element-like wrappers."""
    for child in node.children:
        if isinstance(child, cst.BaseExpression):
            yield child
        elif isinstance(child, (cst.BaseSuite, cst.BaseStatement, cst.BaseSmallStatement)):
            continue
        elif isinstance(child, cst.CSTNode):
            yield from _expressions_in(child)
