"""Expression evaluation: what each expression is, as a tracked value (names, fields,
subscripts, literals, comprehensions, elements)."""

from typing import FrozenSet, List, Optional

import libcst as cst

from ..core.names import dotted
from ..facts import semantics as sem
from ..facts.frameworks import RECORD_MEMBERS
from ..facts.semantics import Kind
from .index_arrays import IndexArrays
from .records import is_record, record_shape, record_type
from .values import UNKNOWN, Family, Level, Tracked, VType, join_tracked
from .walk_core import (NEW_OBJECT, positional, index_info, refused_by_scalar,
                        expressions_in, WalkerCore)


class ExpressionEval(WalkerCore):
    """Evaluates expressions; calls and bindings are the layers above."""

    # `obj.field` rebound to a new object by a statement of the function's own body
    # (`data.x = data.x.clone()`): read afterwards, it is that object, not the old field.
    rebound_fields: FrozenSet[str] = frozenset()

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
            if key in self.rebound_fields:
                return None
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
                for expr in expressions_in(element):
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
        for expr in expressions_in(node):
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
        if shape is None or not shape.has_field(name) or (
                owner.vtype.elem is not None and collated_field(owner.vtype, name) is UNKNOWN):
            return None
        if owner.level is Level.OWNER:
            return owner.derive(level=Level.ALIAS, vtype=collated_field(owner.vtype, name),
                                origin="", origin_line_node=node, parts=None)
        if owner.level is Level.SHALLOW and owner.shallow_via:
            return owner.derive(level=Level.ALIAS, vtype=UNKNOWN, parts=None)
        if owner.level is Level.SHALLOW and owner.element is not None:
            return owner.element  # a new record whose every field may hold it (`data[key] = v`)
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
                            entries=tuple(kept), **NEW_OBJECT)

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
                            **NEW_OBJECT)

    def subscript(self, base: Optional[Tracked], node: cst.Subscript) -> Optional[Tracked]:
        if base is None:
            return None
        if self.fresh_items and self.ctx.code(node) in self.fresh_items:
            return None  # the new object this function just stored there
        info = index_info(node)
        if base.vtype.row_or_scalar and info.key is None and refused_by_scalar(node):
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

    # ----- defined by the layers above -------------------------------------------------
    def eval_call(self, call: cst.Call) -> Optional[Tracked]:
        raise NotImplementedError  # calls.CallEval

    def apply_fact(self, fact: sem.CopyFact, value: Tracked, call: Optional[cst.Call]
                   ) -> Optional[Tracked]:
        raise NotImplementedError  # calls.CallEval

    def composed_members(self, node: cst.BaseExpression) -> Optional[tuple]:
        raise NotImplementedError  # calls.CallEval

    def bind(self, target: cst.BaseExpression, value: Optional[Tracked], stmt: cst.CSTNode,
             rhs: Optional[cst.BaseExpression]) -> None:
        raise NotImplementedError  # statements.StatementWalk


def collated_field(record: VType, name: str) -> VType:
    """The type of the field `name` of a stored record: every field of a collated one
    (`VType.elem`) but the framework record's own members (`data.keys`); else unknown."""
    if record.elem is None or name in RECORD_MEMBERS or name.startswith("_"):
        return UNKNOWN
    return dict(record.fields or ()).get(name, record.elem)
