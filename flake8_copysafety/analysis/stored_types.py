"""What a dataset stores: the kind of each `self.x`, from the class's own assignments.

`self.data = torch.rand(8, 3)` stores a float32 tensor of 2 dimensions; `self.items = []`
then `self.items.append(np.load(p))` stores a list of ndarrays. Whether a shallow copy is
enough, or whether `x += 1` on an element changes anything, depends on it. What cannot be
inferred stays unknown, and default-on rules stay silent on unknown kinds.
"""

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import (Callable, Dict, FrozenSet, List, Mapping, NamedTuple, Optional, Sequence,
                    Set, Tuple)

import libcst as cst

from ..core.names import ImportTable, dotted
from ..facts import api
from ..facts import semantics as sem
from ..facts.frameworks import RECORD_CLASSES
from ..facts.semantics import ANNOTATION_KINDS, ARRAY_ONLY_ATTRIBUTES, ARRAY_ONLY_METHODS, Kind
from ..facts.stores import store_classes
from .syntax import all_nodes, small_statements
from .values import UNKNOWN, VType, join_types


def methods_of(cls: cst.ClassDef) -> List[cst.FunctionDef]:
    if not isinstance(cls.body, cst.IndentedBlock):
        return []
    return [s for s in cls.body.body if isinstance(s, cst.FunctionDef)]


def first_param(func: cst.FunctionDef) -> Optional[str]:
    params = func.params.posonly_params or func.params.params
    return params[0].name.value if params else None


class _MethodScan:
    """Assignments to locals and to `self.x` (and what is appended into `self.x`).

    Each local binding keeps where it stands (`_Binding`): the index of the top-level
    statement holding it and whether it runs on every path, so a read can see only the
    bindings that reach it. What is put into a local list (`parts.append(x)`,
    `parts.extend(xs)`, `parts += [x]`, `parts.insert(0, x)`) anywhere in the function is
    one of its members."""

    def __init__(self, self_name: str, body: Sequence[cst.CSTNode]) -> None:
        self.self_name = self_name
        self.bindings: Dict[str, List["_Binding"]] = {}
        # what is put into a local list: (value, whether its elements are, where)
        self.members: Dict[str, List[Tuple[cst.BaseExpression, bool, "_Binding"]]] = {}
        self.attrs: Dict[str, List[cst.BaseExpression]] = {}
        self.attr_at: Dict[int, "_Binding"] = {}  # id(value) -> where `self.x = value` is
        self.attr_items: Dict[str, List[cst.BaseExpression]] = {}
        self.returns_at: List[Tuple[cst.Return, int, bool]] = []
        for top, stmt in enumerate(body):
            nested = not isinstance(stmt, cst.SimpleStatementLine)
            for small in small_statements([stmt]):
                self._where = _Binding(small, top, nested)
                if isinstance(small, cst.Assign):
                    for target in small.targets:
                        self._target(target.target, small.value)
                elif isinstance(small, cst.AnnAssign) and small.value is not None:
                    self._target(small.target, small.value)
                elif isinstance(small, cst.AugAssign) and isinstance(small.target, cst.Name) \
                        and isinstance(small.operator, cst.AddAssign):
                    self.members.setdefault(small.target.value, []).append(
                        (small.value, True, self._where))
                elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                    self._append(small.value)
                elif isinstance(small, cst.Return):
                    self.returns_at.append((small, top, nested))

    def _attr(self, node: cst.BaseExpression) -> Optional[str]:
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and \
                node.value.value == self.self_name:
            return node.attr.value
        return None

    def _target(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):  # `self.x, n = load()`: position i
            for index, element in enumerate(target.elements):
                if isinstance(element, cst.StarredElement):
                    return
                self._target(element.value, position(value, index))
            return
        if isinstance(target, cst.Name):
            self.bindings.setdefault(target.value, []).append(self._where._replace(value=value))
        elif (attr := self._attr(target)):
            self.attrs.setdefault(attr, []).append(value)
            self.attr_at[id(value)] = self._where
        elif isinstance(target, cst.Subscript) and (attr := self._attr(target.value)):
            self.attr_items.setdefault(attr, []).append(value)

    def _append(self, call: cst.Call) -> None:
        func = call.func
        if not isinstance(func, cst.Attribute) or not call.args:
            return
        method = func.attr.value
        if method in ("append", "insert") and (attr := self._attr(func.value)):
            self.attr_items.setdefault(attr, []).append(call.args[-1].value)
        elif method in ("append", "insert", "extend") and isinstance(func.value, cst.Name):
            self.members.setdefault(func.value.value, []).append(
                (call.args[-1].value, method == "extend", self._where))


class _Binding(NamedTuple):
    """A local's binding: its value, the top-level statement holding it (by index), and
    whether it sits inside a compound statement (a branch or loop: it may not run)."""

    value: cst.CSTNode
    top: int
    nested: bool


def position(value: cst.BaseExpression, index: int) -> cst.BaseExpression:
    """`value[index]`: what unpacking `value` binds at that position."""
    return cst.Subscript(value, [cst.SubscriptElement(cst.Index(cst.Integer(str(index))))])


# `(name, qualified) -> VType | None`: what a function of the project returns (this
# module's, or one it imports from the project).
Returns = Callable[[str, Optional[str]], Optional[VType]]


class StoredTypes:
    """Infers `VType`s of expressions in one method, and of a class's stored attributes."""

    def __init__(self, imports: ImportTable, stores: FrozenSet[str] = store_classes(),
                 returns: Optional[Returns] = None) -> None:
        self.imports = imports
        self.returns = returns
        # Store classes (`facts/stores.py`, and configured ones): `self.coco = COCO(f)` keeps
        # an instance of that class, whose methods hand out the objects it keeps.
        self.stores = stores

    def attribute_types(self, classes: List[cst.ClassDef]) -> Dict[str, VType]:
        """Kinds of `self.x` across the methods of a class and its in-module bases."""
        types: Dict[str, VType] = {}
        pending: Dict[str, List[VType]] = {}
        for cls in classes:
            for method in methods_of(cls):
                self_name = first_param(method)
                if self_name is None:
                    continue
                scan = _MethodScan(self_name, method.body.body)
                env = _Locals(scan, self._annotations(method))
                for attr, values in scan.attrs.items():
                    for value in values:
                        where = scan.attr_at.get(id(value))
                        vtype = self.type_of(value, env.at(
                            (where.top, where.nested) if where is not None else None))
                        types[attr] = join_types(types[attr], vtype) if attr in types else vtype
                for attr, values in scan.attr_items.items():
                    pending.setdefault(attr, []).extend(self.type_of(v, env) for v in values)
        for attr, elems in pending.items():
            base = types.get(attr, UNKNOWN)
            if base.kind not in (Kind.LIST, Kind.DICT):
                continue
            elem = base.elem
            for e in elems:
                elem = e if elem is None else join_types(elem, e)
            types[attr] = VType(base.kind, elem=elem)
        if any(t.kind is Kind.UNKNOWN and not t.cls for t in types.values()):
            used, elements = _kinds_from_use(classes)
            for attr, kind in used.items():
                known = types.get(attr, UNKNOWN)
                if known.kind is Kind.UNKNOWN and not known.cls:
                    types[attr] = VType(kind)
            for attr, element in elements.items():
                known = types.get(attr, UNKNOWN)
                if known.kind is Kind.UNKNOWN and not known.cls and known.elem is None:
                    types[attr] = element
        return types

    def returned_type(self, method: cst.FunctionDef, every_known: bool = False) -> VType:
        """The kind of what `method` returns (its `return` values joined; unknown if none):
        what a framework keeps of a hook's result (mmengine's `self.data_list =
        self.load_data_list()`). `every_known`: unknown as soon as one `return` is (what a
        cache keeps is immutable only if every return says so)."""
        if not isinstance(method.body, cst.IndentedBlock):
            return UNKNOWN
        self_name = first_param(method) or ""
        scan = _MethodScan(self_name, method.body.body)
        env = _Locals(scan, self._annotations(method))
        found = [self.type_of(ret.value, env.at((top, nested)))
                 for ret, top, nested in scan.returns_at if ret.value is not None]
        if every_known and any(t.kind is Kind.UNKNOWN and not t.cls for t in found):
            return UNKNOWN
        return _join_all(found) or UNKNOWN

    def _annotations(self, method: cst.FunctionDef) -> Dict[str, VType]:
        found = {}
        for param in method.params.params:
            if param.annotation is not None:
                found[param.name.value] = self.annotation_type(param.annotation.annotation)
        return found

    def annotation_type(self, node: cst.BaseExpression) -> VType:
        elem = None
        if isinstance(node, cst.Subscript):
            inner = node.slice[0].slice if node.slice else None
            if isinstance(inner, cst.Index) and len(node.slice) == 1:
                elem = self.annotation_type(inner.value)
            node = node.value
        kind = ANNOTATION_KINDS.get(self.imports.qualify(node) or "", Kind.UNKNOWN)
        return VType(kind, elem=elem if kind in (Kind.LIST, Kind.DICT) else None)

    def type_of(self, node: cst.BaseExpression, env: "_Locals", depth: int = 0) -> VType:
        if depth > 8:
            return UNKNOWN
        recurse = lambda n: self.type_of(n, env, depth + 1)  # noqa: E731
        if isinstance(node, cst.Name):
            if node.value in ("None", "True", "False"):
                return VType(Kind.SCALAR) if node.value != "None" else UNKNOWN
            return env.type_of(node.value, self.type_of, depth)
        if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString,
                             cst.ConcatenatedString, cst.FormattedString)):
            return VType(Kind.SCALAR)
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            elems = [recurse(e.value) for e in node.elements
                     if not isinstance(e, cst.StarredElement)]
            elem = _join_all(elems)
            if isinstance(node, cst.Tuple):
                return VType(Kind.TUPLE, elem=elem, items=tuple(elems))
            return VType(Kind.LIST if isinstance(node, cst.List) else Kind.UNKNOWN, elem=elem)
        if isinstance(node, (cst.ListComp, cst.GeneratorExp)):
            return VType(Kind.LIST, elem=recurse(node.elt))
        if isinstance(node, cst.Dict):
            entries = [e for e in node.elements if isinstance(e, cst.DictElement)]
            values = [recurse(e.value) for e in entries]
            fields = None
            keys = [e.key.evaluated_value for e in entries if isinstance(e.key, cst.SimpleString)
                    and isinstance(e.key.evaluated_value, str)]
            if len(keys) == len(entries):
                fields = tuple(zip(keys, values))
            return VType(Kind.DICT, elem=_join_all(values), fields=fields)
        if isinstance(node, cst.DictComp):
            return VType(Kind.DICT, elem=recurse(node.value))
        if isinstance(node, cst.IfExp):
            return join_types(recurse(node.body), recurse(node.orelse))
        if isinstance(node, cst.BooleanOperation):
            return join_types(recurse(node.left), recurse(node.right))
        if isinstance(node, cst.BinaryOperation):
            if isinstance(node.operator, cst.Multiply) and isinstance(node.left, cst.List):
                # `[None] * n`: slots filled later (what fills them is the element)
                placeholders = all(isinstance(e.value, cst.Name) and e.value.value == "None"
                                   for e in node.left.elements)
                return VType(Kind.LIST, elem=None if placeholders else recurse(node.left).elem)
            left = recurse(node.left)
            if left.kind in sem.ARRAY_KINDS:
                return VType(left.kind, dtype=_scaled_dtype(left.dtype, node.right))
            right = recurse(node.right)
            return VType(right.kind) if right.kind in sem.ARRAY_KINDS else UNKNOWN
        if isinstance(node, cst.Subscript):
            index = None
            if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and \
                    isinstance(node.slice[0].slice.value, cst.Integer):
                index = int(node.slice[0].slice.value.value)
            return recurse(node.value).element(index)
        if isinstance(node, cst.Call):
            return self._call_type(node, recurse)
        return UNKNOWN

    def _call_type(self, call: cst.Call, recurse) -> VType:
        found = self._known_call_type(call, recurse)
        if found.kind is Kind.UNKNOWN and self.returns is not None and \
                isinstance(call.func, cst.Name):
            returned = self.returns(call.func.value, self.imports.qualify(call.func))
            if returned is not None and (returned.kind is not Kind.UNKNOWN or returned.elem):
                return returned
        return found

    def _known_call_type(self, call: cst.Call, recurse) -> VType:
        qualified = self.imports.qualify(call.func)
        args = [a for a in call.args if a.keyword is None and not a.star]
        shaped = _shape_from_argument(qualified, args, recurse)
        carried = _dtype_from_argument(qualified, args, recurse)
        if qualified in sem.TENSOR_FACTORIES:
            dtype = self._dtype_kwarg(call)
            if dtype is None and qualified in sem.DEFAULT_DTYPE_FACTORIES:
                dtype = "float32"
            ndim = _shape_ndim(args) if qualified in sem.DEFAULT_DTYPE_FACTORIES else shaped
            return VType(Kind.TENSOR, dtype=dtype or carried, ndim=ndim)
        if qualified in sem.NDARRAY_FACTORIES:
            ndim = None
            if qualified in sem.NDARRAY_DIM_ARGS_FACTORIES:
                ndim = len(args)
            elif qualified in sem.NDARRAY_SHAPE_FACTORIES and args:
                ndim = _shape_ndim(args[:1])
            else:
                ndim = shaped
            return VType(Kind.NDARRAY, dtype=self._dtype_kwarg(call) or carried, ndim=ndim)
        measured = api.function_row(qualified) if qualified else None
        if measured is not None and measured.result in sem.ARRAY_KINDS:
            return VType(measured.result)  # `np.clip(...)`, `torch.where(...)`: measured
        if qualified in ("list", "sorted", "tuple") and args:
            inner = recurse(args[0].value)
            elem = inner.elem if inner.kind in (Kind.LIST, Kind.TUPLE) else None
            if inner.kind in sem.ARRAY_KINDS and inner.ndim:
                elem = inner.element()  # an array iterates over its rows
            return VType(Kind.TUPLE if qualified == "tuple" else Kind.LIST, elem=elem)
        if qualified == "dict":
            return VType(Kind.DICT)
        if qualified in RECORD_CLASSES:
            return VType(Kind.RECORD, cls=qualified)
        if qualified in self.stores:
            return VType(Kind.UNKNOWN, cls=qualified)
        if qualified is None and isinstance(call.func, cst.Name):
            return VType(Kind.UNKNOWN, cls=call.func.value)  # maybe a class of this module
        if qualified is None and isinstance(call.func, cst.Attribute):
            method = call.func.attr.value
            receiver = recurse(call.func.value)
            if method in ("float", "double", "half", "long", "int") and \
                    receiver.kind is Kind.TENSOR:
                return VType(Kind.TENSOR, dtype=sem.DTYPE_CONVERSIONS[method],
                             ndim=receiver.ndim)
            if method == "tolist" and receiver.kind in sem.ARRAY_KINDS:
                return VType(Kind.LIST, ndim=receiver.ndim)
            fact = sem.METHOD_FACTS.get(method)
            if fact is not None and fact.result is not None:
                return VType(fact.result)
            if fact is not None and receiver.kind in sem.ARRAY_KINDS:
                kept = receiver.ndim if method in sem.SHAPE_KEEPING_METHODS else None
                if method == "astype" and receiver.kind is Kind.NDARRAY:
                    return VType(receiver.kind, dtype=self._dtype_arg(call), ndim=kept)
                return VType(receiver.kind, dtype=receiver.dtype, ndim=kept)
            if fact is not None and fact.implies in sem.ARRAY_KINDS:
                return VType(fact.implies)  # `.astype(...)` exists on ndarrays only
            measured = api.method_row(receiver.kind, method) \
                if receiver.kind in sem.ARRAY_KINDS else None
            if measured is not None and measured.result in sem.ARRAY_KINDS:
                return VType(measured.result)
        return UNKNOWN

    def _dtype_arg(self, call: cst.Call) -> Optional[str]:
        """The dtype `astype` converts to (its first argument)."""
        args = [a for a in call.args if a.keyword is None and not a.star]
        if not args:
            return self._dtype_kwarg(call)
        name = (self.imports.qualify(args[0].value) or dotted(args[0].value) or "")
        return sem.DTYPE_NAMES.get(name.rpartition(".")[2])

    def _dtype_kwarg(self, call: cst.Call) -> Optional[str]:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "dtype":
                name = (self.imports.qualify(arg.value) or dotted(arg.value) or "")
                return sem.DTYPE_NAMES.get(name.rpartition(".")[2])
        return None


class _Locals:
    """Types of a method's local names: the bindings that reach a read, joined.

    A read at a top-level statement sees the last binding that runs on every path before it
    and the conditional ones after that (a read inside a branch or loop also sees that
    statement's own bindings): `parts = []` ... `parts = np.concatenate(parts)` makes
    `parts` a list where it is joined and an ndarray after. `at=None` reads see every
    binding, joined. A list's members (`parts.append(x)`) are its elements.

    A name's type, asked with no other name in progress, depends only on the name and the
    depth it is asked at: it is kept, so a method that reads a name bound a thousand times
    in a thousand statements joins those bindings once, not once per statement."""

    def __init__(self, scan: _MethodScan, annotated: Dict[str, VType],
                 at: Optional[Tuple[int, bool]] = None,
                 root: Optional["_Locals"] = None) -> None:
        self.scan = scan
        self.annotated = annotated
        self.position = at
        self.root = root or self
        self._busy: Set[tuple] = set() if root is None else root._busy
        self._views: Dict[Tuple[int, bool], "_Locals"] = {}
        self._known: Dict[Tuple[str, int], VType] = {}
        self._members: Dict[str, Optional[VType]] = {}
        self._reach: Dict[Tuple[str, Tuple[int, bool]], List[_Binding]] = {}
        self._indexes: Dict[str, Tuple[List[int], List[int]]] = {}

    def at(self, where: Optional[Tuple[int, bool]]) -> "_Locals":
        """The names as a statement at `where` (top-level index, inside a compound
        statement or not) reads them."""
        if where is None:
            return self.root
        views = self.root._views
        if where not in views:
            views[where] = _Locals(self.scan, self.annotated, where, self.root)
        return views[where]

    def _reaching(self, name: str) -> List[_Binding]:
        bindings = self.scan.bindings.get(name, [])
        if self.position is None or not bindings:
            return bindings
        known = self.root._reach
        if (name, self.position) not in known:
            top, nested = self.position
            tops, last_runs = self._index(name, bindings)
            start, end = bisect_left(tops, top), bisect_right(tops, top)
            reach = bindings[last_runs[start]:start] + (bindings[start:end] if nested else [])
            known[(name, self.position)] = reach or bindings
        return known[(name, self.position)]

    def _index(self, name: str, bindings: List[_Binding]) -> Tuple[List[int], List[int]]:
        """The bindings' top-level indexes, and for each count of bindings, where the last
        of them that runs on every path stands (0: none)."""
        index = self.root._indexes
        if name not in index:
            last_runs, last = [0], 0
            for i, binding in enumerate(bindings):
                last = last if binding.nested else i
                last_runs.append(last)
            index[name] = ([b.top for b in bindings], last_runs)
        return index[name]

    def type_of(self, name: str, evaluate, depth: int) -> VType:
        if name in self.annotated:
            return self.annotated[name]
        key = (name, self.position)
        reach = self._reaching(name)
        if not reach or key in self._busy:
            return UNKNOWN  # unbound here, or read while its own binding is evaluated
        outermost = not self._busy
        if outermost and (name, depth) in self._known:
            return self._known[(name, depth)]
        self._busy.add(key)
        try:
            found = _join_all([evaluate(b.value, self.at((b.top, b.nested)), depth + 1)
                               for b in reach]) or UNKNOWN
            found = self._with_members(name, found, evaluate, depth)
        finally:
            self._busy.discard(key)
        if outermost:
            self._known[(name, depth)] = found
        return found

    def _with_members(self, name: str, found: VType, evaluate, depth: int) -> VType:
        """A local list with what is put into it anywhere in the method as its elements
        (the element of what `extend`/`+=` is given)."""
        members = self.scan.members.get(name)
        key = (name, None, "members")
        if found.kind is not Kind.LIST or not members or key in self._busy:
            return found
        joined = self.root._members
        if name not in joined:  # once per method: a list's members do not depend on the read
            self._busy.add(key)
            try:
                elem: Optional[VType] = None
                for value, many, where in members:
                    member = evaluate(value, self.at((where.top, where.nested)), depth + 1)
                    if many:
                        member = member.element() if member.kind in (Kind.LIST, Kind.TUPLE) \
                            else UNKNOWN
                    elem = member if elem is None else join_types(elem, member)
            finally:
                self._busy.discard(key)
            joined[name] = elem
        elem = joined[name]
        if elem is None:
            return found
        return replace(found, elem=elem if found.elem is None else join_types(found.elem, elem))


def _shape_from_argument(qualified: Optional[str], args: List[cst.Arg],
                         recurse) -> Optional[int]:
    """The number of dimensions of a call's result taken from its first argument's
    (`np.array(x)`), or from the members of the list it joins (`np.concatenate([a, b])`,
    `torch.stack(rows)`)."""
    if not args or qualified is None:
        return None
    if qualified in sem.SHAPE_OF_FIRST_ARGUMENT:
        return recurse(args[0].value).ndim
    plus = 1 if qualified in sem.SHAPE_OF_MEMBERS_PLUS_ONE else 0
    if plus or qualified in sem.SHAPE_OF_MEMBERS:
        joined = recurse(args[0].value)
        member = joined.elem
        if member is None and joined.kind in sem.ARRAY_KINDS and joined.ndim:
            member = joined.element()  # `torch.stack(list(t))`: the rows of `t`
        if member is not None and member.ndim is not None:
            return member.ndim + plus
    return None


def _dtype_from_argument(qualified: Optional[str], args: List[cst.Arg],
                         recurse) -> Optional[str]:
    """The dtype a call keeps from the array it is given (`np.array(x)`, `torch.stack(rows)`
    of a tensor's rows), where no `dtype=` says otherwise; not from Python numbers."""
    if not args or qualified is None:
        return None
    given = recurse(args[0].value)
    if qualified in sem.SHAPE_OF_FIRST_ARGUMENT:
        return given.dtype if given.kind in sem.ARRAY_KINDS else None
    if qualified in sem.SHAPE_OF_MEMBERS or qualified in sem.SHAPE_OF_MEMBERS_PLUS_ONE:
        member = given.elem
        if member is None and given.kind in sem.ARRAY_KINDS and given.ndim:
            member = given.element()
        return member.dtype if member is not None and member.kind in sem.ARRAY_KINDS \
            else None
    return None


def _scaled_dtype(dtype: Optional[str], other: cst.BaseExpression) -> Optional[str]:
    """The dtype of `array <op> literal`: an int literal keeps it; a float one keeps floats."""
    if isinstance(other, cst.Integer):
        return dtype
    if isinstance(other, cst.Float) and dtype and "float" in dtype:
        return dtype
    return None


def _join_all(types: List[VType]) -> Optional[VType]:
    result = None
    for t in types:
        result = t if result is None else join_types(result, t)
    return result


def _shape_ndim(args: List[cst.Arg]) -> Optional[int]:
    """Dimensions from shape arguments: `(3, 4)`, `[3, 4]`, `3, 4` or `10` (a name: unknown)."""
    if len(args) == 1:
        value = args[0].value
        if isinstance(value, (cst.Tuple, cst.List)):
            return len(value.elements)
        return 1 if isinstance(value, cst.Integer) else None
    return len(args) or None


# Uses that only an array or a tensor allows (`facts/semantics.py`), a multi-dimensional
# index with a slice (`x[:, 0:3]`), and methods of the semantics table that imply a kind
# (`x.permute(...)` a tensor, `x.astype(...)` an ndarray).


# `(call, argument) -> Kind | None`: the kind the callee's own code proves its parameter
# bound to that argument of the call (`transform(points)` whose `__call__` writes
# `points[:, 0:3] = ...`), None where it proves none.
ArgumentProof = Callable[[cst.Call, cst.Arg], Optional[Kind]]


def kinds_from_use(classes: List[cst.ClassDef], proves: Optional[ArgumentProof] = None
                   ) -> Tuple[Dict[str, Kind], Dict[str, VType]]:
    """`_kinds_from_use`, where a local read from a stored element also counts as used as
    an array when it is handed to a callee whose code proves its parameter one (`proves`:
    the callees the caller resolves, project transforms bound at construction included)."""
    return _kinds_from_use(classes, proves)


def _kinds_from_use(classes: List[cst.ClassDef], proves: Optional[ArgumentProof] = None
                    ) -> Tuple[Dict[str, Kind], Dict[str, VType]]:
    """Kinds of stored attributes of unknown origin (`pickle.load`, `scipy.io.loadmat`,
    passed in), decided from how the class uses them — never from their names. Where the use
    fits both an ndarray and a tensor, ndarray is assumed: its indexing may give a scalar
    copy, so the analysis stays on the silent side.

    Also the kinds of their elements, from how a local read from one is used (`points =
    self.points[i]` then `points[:, 0:3]`): the attribute is a container of such arrays (or
    an array of more dimensions, whose row is a view all the same). A local unpacked from an
    element (`points, label, _ = self.dataset[i]`) is that element's part at its position:
    the element is a sequence whose part there is such an array (or a row of one)."""
    found: Dict[str, Kind] = {}
    elements: Dict[str, Kind] = {}
    parts: Dict[Tuple[str, int, int], Kind] = {}
    keyed: Set[str] = set()
    for cls in classes:
        for method in methods_of(cls):
            self_name = first_param(method)
            if self_name is not None:
                uses = _ArrayUses(self_name, found)
                read, unpacked, live = _elements_read(self_name, method, keyed)
                element_uses = _ArrayUses(self_name, elements, read, live, proves)
                part_uses = _ArrayUses(self_name, parts, unpacked, live, proves)
                for node in all_nodes([method.body]):
                    for seen in (uses, element_uses, part_uses):
                        if isinstance(node, cst.Attribute):
                            seen.visit_Attribute(node)
                        elif isinstance(node, cst.Subscript):
                            seen.visit_Subscript(node)
                        elif isinstance(node, cst.Call):
                            seen.visit_Call(node)
                        elif isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
                            seen.visit_comprehension(node)
    containers = {attr: VType(Kind.DICT if attr in keyed else Kind.LIST, elem=VType(kind))
                  for attr, kind in elements.items() if attr not in found}
    for (attr, index, count), kind in parts.items():
        if attr in found or attr in elements:
            continue
        known = containers.get(attr)
        items = list(known.elem.items or ()) if known is not None and known.elem else []
        items = items if len(items) == count else [UNKNOWN] * count
        items[index] = VType(kind)
        containers[attr] = VType(Kind.DICT if attr in keyed else Kind.LIST,
                                 elem=VType(Kind.TUPLE, items=tuple(items)))
    return found, containers


def _elements_read(self_name: str, method: cst.FunctionDef, keyed: Set[str]
                   ) -> Tuple[Dict[str, str], Dict[str, Tuple[str, int, int]],
                              Dict[str, Set[int]]]:
    """Locals bound in `method` to an element of a stored attribute (`x = self.items[i]`,
    `x, y = self.xs[i], self.ys[i]`): local -> attribute; and those bound to a part of one
    (`x, y, _ = self.items[i]`): local -> (attribute, position, number of parts). A local
    re-bound to its own subscript (`x = x[:, :3]`) stays one: a basic index of an array is
    an array of the same kind.

    A local bound so first and re-bound later (`points = self.transform(points)`) holds the
    element only from its first binding to the next, outside loops: the third mapping gives,
    for such a local, the ids of the nodes where its uses still read the element (the
    statements in between, and the value of the re-binding, evaluated before it)."""
    bound: Dict[str, List[Tuple[object, int]]] = {}
    smalls: List[cst.BaseSmallStatement] = []
    looped: Set[int] = set()
    for stmt in _statements_in_order(method.body.body, False, looped):
        smalls.append(stmt)
    for order, small in enumerate(smalls):
        if not isinstance(small, cst.Assign) or len(small.targets) != 1:
            continue
        target, value = small.targets[0].target, small.value
        if isinstance(target, cst.Name) and isinstance(value, cst.Subscript) and \
                isinstance(value.value, cst.Name) and value.value.value == target.value:
            continue  # `points = points[:, 0:3]`: part of the same array, of the same kind
        pairs: List[Tuple[cst.BaseExpression, cst.BaseExpression]] = [(target, value)]
        if isinstance(target, cst.Tuple) and isinstance(value, cst.Tuple) and \
                len(target.elements) == len(value.elements):
            pairs = [(t.value, v.value) for t, v in zip(target.elements, value.elements)]
        elif isinstance(target, (cst.Tuple, cst.List)) and \
                (attr := _element_of_attr(self_name, value, keyed)) is not None:
            count = len(target.elements)
            for index, element in enumerate(target.elements):
                if isinstance(element, cst.StarredElement):
                    break
                if isinstance(element.value, cst.Name):
                    bound.setdefault(element.value.value, []).append(
                        ((attr, index, count), order))
            continue
        for name, read in pairs:
            if isinstance(name, cst.Name):
                bound.setdefault(name.value, []).append(
                    (_element_of_attr(self_name, read, keyed), order))
    single: Dict[str, object] = {}
    live: Dict[str, Set[int]] = {}
    for local, found in bound.items():
        first, order = found[0]
        if first is None:
            continue
        if len(found) == 1:
            single[local] = first
            continue
        following = found[1][1]
        if any(id(smalls[o]) in looped for _, o in found):
            continue  # a loop may bring a later binding round to an earlier use
        nodes: Set[int] = set()
        for small in smalls[order + 1:following]:
            nodes.update(id(n) for n in all_nodes([small]))
        again = smalls[following]
        if isinstance(again, cst.Assign):
            nodes.update(id(n) for n in all_nodes([again.value]))
        single[local] = first
        live[local] = nodes
    return ({name: attr for name, attr in single.items() if isinstance(attr, str)},
            {name: part for name, part in single.items() if isinstance(part, tuple)},
            live)


def _statements_in_order(body: Sequence[cst.CSTNode], in_loop: bool, looped: Set[int]):
    """The small statements of a body in the order they are written (nested functions and
    classes left out); those inside a loop body go into `looped`."""
    for stmt in body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            continue
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if in_loop:
                    looped.add(id(small))
                yield small
            continue
        if not isinstance(stmt, cst.BaseCompoundStatement):
            continue
        loop = in_loop or isinstance(stmt, (cst.For, cst.While))
        for block in _suites(stmt):
            if isinstance(block, cst.SimpleStatementSuite):
                for small in block.body:
                    if loop:
                        looped.add(id(small))
                    yield small
            elif isinstance(block, cst.IndentedBlock):
                yield from _statements_in_order(block.body, loop, looped)


def _suites(stmt: cst.BaseCompoundStatement) -> List[cst.BaseSuite]:
    """The suites of a compound statement, in the order they are written. A `match` has no
    body of its own: its suites are those of its cases."""
    if isinstance(stmt, cst.Match):
        return [case.body for case in stmt.cases]
    found: List[cst.BaseSuite] = [stmt.body]
    if isinstance(stmt, cst.If):
        other = stmt.orelse
        while isinstance(other, cst.If):
            found.append(other.body)
            other = other.orelse
        if other is not None:
            found.append(other.body)
    elif isinstance(stmt, (cst.Try, cst.TryStar)):
        found.extend(h.body for h in stmt.handlers)
        found.extend(s.body for s in (stmt.orelse, stmt.finalbody) if s is not None)
    elif isinstance(stmt, (cst.For, cst.While)) and stmt.orelse is not None:
        found.append(stmt.orelse.body)
    return found


def _element_of_attr(self_name: str, node: cst.BaseExpression, keyed: Set[str]
                     ) -> Optional[str]:
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 1 and
            isinstance(node.slice[0].slice, cst.Index)):
        return None
    owner = node.value
    if isinstance(owner, cst.Attribute) and isinstance(owner.value, cst.Name) and \
            owner.value.value == self_name:
        if isinstance(node.slice[0].slice.value, cst.SimpleString):
            keyed.add(owner.attr.value)
        return owner.attr.value
    return None


class _ArrayUses:
    """Array uses of `self.x` (or, given `locals`, of a local read from `self.x[i]`)."""

    def __init__(self, self_name: str, found: Dict,
                 locals_: Optional[Mapping[str, object]] = None,
                 live: Optional[Mapping[str, Set[int]]] = None,
                 proves: Optional[ArgumentProof] = None) -> None:
        self.self_name = self_name
        self.found = found
        self.locals = locals_
        self.live = live or {}
        self.proves = proves

    def _attr(self, node: cst.BaseExpression) -> Optional[object]:
        if self.locals is not None:
            if not isinstance(node, cst.Name):
                return None
            live = self.live.get(node.value)
            if live is not None and id(node) not in live:
                return None  # a use of what the name holds after it is re-bound
            return self.locals.get(node.value)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and \
                node.value.value == self.self_name:
            return node.attr.value
        return None

    def _note(self, attr: Optional[object], kind: Kind) -> None:
        if attr is not None and self.found.get(attr) is not Kind.TENSOR:
            self.found[attr] = kind

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in ARRAY_ONLY_ATTRIBUTES:
            self._note(self._attr(node.value), Kind.NDARRAY)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) >= 2 and any(isinstance(e.slice, cst.Slice) for e in node.slice):
            self._note(self._attr(node.value), Kind.NDARRAY)

    def visit_comprehension(self, node) -> None:
        """`[step(p) for p in [points]]`: the loop name is each listed local in turn, and a
        callee proving its parameter an array proves each of them one."""
        loop = node.for_in
        if self.locals is None or self.proves is None or loop.inner_for_in is not None or \
                not isinstance(loop.target, cst.Name) or \
                not isinstance(loop.iter, (cst.List, cst.Tuple)):
            return
        listed = [self._attr(e.value) for e in loop.iter.elements
                  if not isinstance(e, cst.StarredElement)]
        name = loop.target.value
        for call in all_nodes([node.elt]):
            if not isinstance(call, cst.Call):
                continue
            for arg in call.args:
                if not arg.star and isinstance(arg.value, cst.Name) and \
                        arg.value.value == name:
                    kind = self.proves(call, arg)
                    if kind in sem.ARRAY_KINDS:
                        for attr in listed:
                            self._note(attr, kind)

    def visit_Call(self, node: cst.Call) -> None:
        if self.locals is not None and self.proves is not None:
            for arg in node.args:
                attr = None if arg.star else self._attr(arg.value)
                kind = self.proves(node, arg) if attr is not None else None
                if kind in sem.ARRAY_KINDS:
                    self._note(attr, kind)
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        attr = self._attr(func.value)
        fact = sem.METHOD_FACTS.get(func.attr.value)
        if fact is not None and fact.implies in sem.ARRAY_KINDS:
            self._note(attr, fact.implies)
        elif func.attr.value in ARRAY_ONLY_METHODS:
            self._note(attr, Kind.NDARRAY)
