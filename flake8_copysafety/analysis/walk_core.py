"""What every part of the walk shares: the file's context, the kinds of change, where a
change came through, small readers of call and subscript syntax, and the walker's state
and hooks."""

from dataclasses import dataclass
from enum import Enum
from typing import (TYPE_CHECKING, Any, Callable, Dict, FrozenSet, Iterator, List, Optional,
                    NamedTuple, Sequence, Set)

import libcst as cst

from ..core.names import ImportTable, dotted
from ..facts import api
from ..facts import semantics as sem
from ..facts.semantics import Kind
from .index_arrays import IndexArrays
from .env import Env
from .values import Tracked, VType

if TYPE_CHECKING:  # the summaries are built on this walker; only their types come back here
    from ..plan.receivers import Receivers
    from .summaries import CalleeRef, Callees


LOOP_REPEAT_DEPTH = 3  # loops nested deeper than this are walked once
# A copy, however shallow, is a new object: not yet bound anywhere, and its own fix site.
NEW_OBJECT: Dict[str, Any] = dict(bound_key=None, bound_at=frozenset(), fix_site=None,
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
    # `(ctx, class name) -> (class, its module's context, where) | None`: a class the module
    # imports from a module of its project (set by the pipeline, like `follow_import`).
    follow_class: Optional[Callable[["FileContext", str], Optional[tuple]]] = None
    # `(ctx, class name, method) -> CalleeRef | None`: the summary of a method of a class the
    # module imports from its project (`holder.keep(sd)`, `holder = Snapshot()`).
    follow_class_method: Optional[Callable[["FileContext", str, str],
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


def index_info(sub: cst.Subscript) -> IndexInfo:
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


def refused_by_scalar(sub: cst.Subscript) -> bool:
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
    return index_info(sub).key


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


class WalkerCore:
    """The walk's state and the hooks a rule implements to say what it observes (`source`,
    `on_change`, `on_read`, ...); evaluation and statements are layered on top."""

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


LEAVING = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def leaves(suite: cst.BaseSuite) -> bool:
    """Whether a block always leaves the flow it is in (a `return`, `raise`, `continue` or
    `break` among its own statements: what follows it in the block never runs)."""
    if isinstance(suite, cst.SimpleStatementSuite):
        return any(isinstance(s, LEAVING) for s in suite.body)
    for stmt in suite.body:
        if isinstance(stmt, cst.SimpleStatementLine) and \
                any(isinstance(s, LEAVING) for s in stmt.body):
            return True
    return False


def expressions_in(node: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    """The expressions directly under a node, looking through Arg/Element-like wrappers."""
    for child in node.children:
        if isinstance(child, cst.BaseExpression):
            yield child
        elif isinstance(child, (cst.BaseSuite, cst.BaseStatement, cst.BaseSmallStatement)):
            continue
        elif isinstance(child, cst.CSTNode):
            yield from expressions_in(child)
