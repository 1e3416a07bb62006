"""Calls: what a call returns and changes, from the facts about numpy and torch, the
summaries of project functions, and copies configured by the user."""

from dataclasses import replace
from typing import Dict, List, Optional, Set

import libcst as cst

from ..core.names import dotted
from ..facts import api
from ..facts import semantics as sem
from ..facts.frameworks import RECORD_CLASSES
from ..facts.module_changes import STORE_METHODS
from ..facts.semantics import Effect, Kind
from ..facts.stores import LIST_OF_KEPT, store_method
from ..project.module_paths import is_module_file
from .records import is_record
from .syntax import all_nodes
from .values import UNKNOWN, Family, Level, Tracked, VType, join_tracked
from .walk_core import NEW_OBJECT, Change, method_change, is_true, keyword, Via
from .expressions import ExpressionEval


class CallEval(ExpressionEval):
    """Evaluates calls on top of expressions."""

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

    def resolve_callee(self, call: cst.Call):
        return super().resolve_callee(call) or self.instance_method(call)

    def instance_method(self, call: cst.Call):
        """`KMeans(k).fit(x)`, or `km.fit(x)` where the function binds `km` once, to
        `KMeans(k)`: an instance of a project class (of this module or imported) runs that
        class's method, and what the method does to its parameters it does to the
        arguments (its stored data is the new instance's, not the caller's)."""
        func = call.func
        if not self._handing or not isinstance(func, cst.Attribute) or \
                self.ctx.callees is None:
            return None
        made = func.value if isinstance(func.value, cst.Call) else \
            self._made_once(func.value.value) if isinstance(func.value, cst.Name) else None
        if made is None or not isinstance(made.func, cst.Name):
            return None
        name, method = made.func.value, func.attr.value
        label = f"{self.ctx.code(func.value) if isinstance(func.value, cst.Name) else name}" \
            f".{method}"
        if name in self.ctx.callees.classes:
            return self.ctx.callees.instance_call(name, label, method)
        follow = self.ctx.follow_class_method
        ref = follow(self.ctx, name, method) if follow is not None else None
        return replace(ref, name=label, same_instance=False) if ref is not None else None

    def _made_once(self, name: str) -> Optional[cst.Call]:
        """The call `name` is bound to where the function binds it exactly once, by a plain
        assignment (`km = KMeans(k)`); None where it is bound otherwise or more often."""
        memo = self.__dict__.setdefault("_made_memo", {})
        key = (id(self._scope_body), name)
        if key not in memo:
            memo[key] = self._made_once_in_scope(name)
        return memo[key]

    def _made_once_in_scope(self, name: str) -> Optional[cst.Call]:
        made: List[cst.Call] = []
        for node in all_nodes(list(self._scope_body or ()), into_tokens=False):
            if isinstance(node, cst.Assign):
                hit = any(isinstance(t.target, cst.Name) and t.target.value == name
                          for t in node.targets)
                if hit and len(node.targets) == 1 and isinstance(node.value, cst.Call):
                    made.append(node.value)
                elif hit or any(name in _bound_names(t.target) for t in node.targets):
                    return None
            elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor)) and \
                    name in _bound_names(node.target):
                return None
            elif isinstance(node, (cst.WithItem, cst.NamedExpr)) and \
                    name in _bound_names(node.asname.name if isinstance(node, cst.WithItem)
                                         and node.asname is not None else
                                         node.target if isinstance(node, cst.NamedExpr)
                                         else None):
                return None
        return made[0] if len(made) == 1 else None

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
        for attr, param in getattr(summary, "fresh_entries", ()):
            self._fresh_entry_by_callee(call, callee, attr, param)
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

    def _fresh_entry_by_callee(self, call: cst.Call, callee, attr: str, param: str) -> None:
        """A callee run for this instance made `self.<attr>[<param>]` a new object: the
        entry under the caller's argument is new here too, where the call is a statement of
        the function's own body (not on a branch), as `_store_item` has it."""
        self_name = getattr(self, "self_name", None)
        if not self_name or not (callee.same_instance or callee.instance_arg) or \
                param not in callee.params:
            return
        index, position = callee.params.index(param), -1 if callee.instance_arg else 0
        found = None
        for arg in call.args:
            if arg.star:
                return
            if arg.keyword is not None:
                if arg.keyword.value == param:
                    found = arg.value
            elif position == index:
                found = arg.value
            position += 1 if arg.keyword is None else 0
        if not isinstance(found, cst.Name) or not any(
                isinstance(top, cst.SimpleStatementLine) and
                any(node is call for node in all_nodes([top]))
                for top in self._scope_body or ()):
            return
        self.fresh_items[f"{self_name}.{attr}[{found.value}]"] = found.value

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
                                parts=None, **NEW_OBJECT)
        if vtype.kind is Kind.RECORD and value.entries is not None:
            # A copy of a new record: a new object whose fields are the same objects.
            entries = tuple((k, v if v is None or v.shallow_via else
                             v.derive(shallow_via=fact.key)) for k, v in value.entries)
            return value.derive(shallow_via=fact.key, entries=entries, **NEW_OBJECT)
        if value.level is Level.SHALLOW and value.shallow_via:
            return value.derive(**NEW_OBJECT)
        return value.derive(vtype=vtype, level=Level.SHALLOW, shallow_via=fact.key, parts=None,
                            **NEW_OBJECT)

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


def _bound_names(target: Optional[cst.CSTNode]) -> Set[str]:
    """The names a binding target binds (`a`, `a, (b, c)`, `*rest`)."""
    if target is None:
        return set()
    return {n.value for n in all_nodes([target]) if isinstance(n, cst.Name)} \
        if isinstance(target, (cst.Tuple, cst.List, cst.StarredElement)) else \
        {target.value} if isinstance(target, cst.Name) else set()
