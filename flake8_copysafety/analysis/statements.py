"""Statements: bindings, in-place writes, deletions, branches and loops (joined in the
environment), walked in order."""

from typing import Any, Optional, Sequence

import libcst as cst

from ..core.names import dotted
from ..facts import semantics as sem
from ..facts.frameworks import RECORD_CLASSES
from ..facts.semantics import Kind
from .records import record_shape, record_type
from .values import UNKNOWN, Level, Tracked, VType, join_tracked
from .env import Env
from .walk_core import (LOOP_REPEAT_DEPTH, NEW_OBJECT, Change, index_info, string_index, leaves,
                        expressions_in)
from .calls import CallEval

_ABSENT: Any = object()


class StatementWalk(CallEval):
    """Walks statements in order on top of expression and call evaluation."""

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
            outcomes = [] if leaves(stmt.body) else [self.env]
            self.env = before.copy()
            if isinstance(stmt.orelse, cst.If):
                self.walk_statement(stmt.orelse)
                outcomes.append(self.env)
            elif isinstance(stmt.orelse, cst.Else):
                self._suite(stmt.orelse.body)
                if not leaves(stmt.orelse.body):
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
            passes = 2 if self._loop_depth < LOOP_REPEAT_DEPTH else 1
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
            for expr in expressions_in(small):
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
            for expr in expressions_in(element):
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
                self._note_rebound_field(key, value, stmt, rhs)
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
            elif value is not None and not self._set_item_field(target, value):
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
        if self.rebound_fields:
            self.rebound_fields = frozenset(k for k in self.rebound_fields
                                            if not k.startswith(prefix))

    def _note_rebound_field(self, key: str, value: Optional[Tracked], stmt: cst.CSTNode,
                            rhs: Optional[cst.BaseExpression]) -> None:
        """`data.x = data.x.clone()` as a statement of the function's own body (not on a
        branch): from here on `data.x` is that new object, whatever `data` is."""
        top = value is None and rhs is not None and any(
            stmt is line or any(stmt is small for small in line.body)
            for line in self._scope_body or () if isinstance(line, cst.SimpleStatementLine))
        if top:
            self.rebound_fields = self.rebound_fields | {key}
        elif key in self.rebound_fields:
            self.rebound_fields = self.rebound_fields - {key}

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
        func = rhs.func
        if isinstance(func, cst.Attribute) and func.attr.value == "__class__" and not rhs.args:
            # `self.data.__class__()`: a new instance of the stored record's class
            held = self.eval(func.value, bare=False)
            cls = held.vtype.cls if held is not None and held.vtype.kind is Kind.RECORD \
                else None
            return record_type(cls, []) if cls in RECORD_CLASSES else None
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
                entries=((field, value),), **NEW_OBJECT)
            return
        if owner is None or owner.entries is None or owner.vtype.kind is not Kind.RECORD:
            return
        entries = tuple((k, v) for k, v in owner.entries if k != field)
        self.env[name] = owner.derive(entries=entries + ((field, value),))

    def _set_item_field(self, target: cst.Subscript, value: Tracked) -> bool:
        """`data[key] = v` on a new framework record (PyG's `Data.__setitem__` sets the field
        `key`): a string key sets that field; a key the code computes (`for key in
        stored.keys`) may be any field, so every field may hold `v`."""
        name = target.value.value if isinstance(target.value, cst.Name) else None
        made = self.empty_records.get(name) if name is not None else None
        if name is None or made is None or made.cls not in RECORD_CLASSES:
            return False
        key = index_info(target).key
        if key is not None:
            self._set_field(name, key, value)
            return True
        del self.empty_records[name]
        self.env[name] = value.derive(
            level=Level.SHALLOW, shallow_via=None, parts=None,
            vtype=VType(Kind.RECORD, cls=made.cls, fields=made.fields, elem=value.vtype),
            element=value, **NEW_OBJECT)
        return True

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
        info = index_info(target)
        if info.key is None:
            return
        entries = tuple((k, v) for k, v in base.entries if k != info.key)
        self.env[target.value.value] = base.derive(entries=entries + ((info.key, value),))
