"""Follow the data into helpers: what each function or method of the module does to its
parameters (and to the instance's stored data), and what it returns.

Most real bugs do not sit in `__getitem__`'s own body: it hands a view of stored data to a
normaliser, a method or a transform defined elsewhere in the module, and that code changes
it in place. Each function is summarised once (transitively: a helper's helpers count), and
a call applies the summary to its own arguments. Unknown callees (imported, passed in) are
not summarised: they stay silent.
"""

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Set, Tuple

import libcst as cst

from ..core.names import dotted
from ..facts import semantics as sem
from ..facts.module_changes import COMPARISONS, STORE_METHODS
from ..facts.semantics import Kind
from ..facts.stores import store_classes
from .caches import cached_result, caching_decorator
from .flow import Change, FileContext, FlowWalker, string_key
from .optimizer_results import attribute_classes, optimizer_result
from .optimizer_results import built_on as optimizer_built_on
from .param_kinds import array_params
from .parameter_data import (adoption_sites, adoptions_of, assigned_names, literal_samples,
                             loop_parameters)
from .records import record_shape
from .stored_types import StoredTypes, first_param, methods_of
from .values import UNKNOWN, Family, Level, Tracked, VType


@dataclass(frozen=True)
class ChangeFact:
    """The callee changes parameter `param` (None: the instance's stored data) at `node`."""

    param: Optional[int]
    node: cst.CSTNode
    how: Change
    conditional: bool = False  # `x += ...`: a change only if the argument is mutable
    tracked: Optional[Tracked] = None  # the stored data, when `param` is None
    where: Optional[str] = None  # `file.py:line` when the change is in another file
    # `(path, line, col, end_line, end_col)` of `node` when it is in another file (the
    # change is reported there, on the line that makes it)
    position: Optional[tuple] = None
    # 1: the parameter's element read by a key (`data[key]`, `data["img"]`); 2: something
    # deeper (`osd["state"][0]["exp_avg"]`), a change of a tensor when made by a tensor's
    # in-place method (what a caller holding a state_dict counts)
    depth: int = 0
    shallow_via: Optional[str] = None  # the callee shallow-copied the parameter first
    entry_key: Optional[str] = None  # that key, where it is a string literal
    field_name: Optional[str] = None  # or the attribute (`graph.x`) it was read by
    # `param.sort()` on a parameter of unknown kind: a change only where the argument is of
    # a kind that method changes in place (`flow.method_change`)
    method: Optional[str] = None
    by_position: bool = False  # at depth 1: read by literal integer positions only
    # a live state_dict (or its entry) of a parameter the callee changes in place
    # (`model.state_dict()["weight"].mul_(2)`), its receiver named as the callee names it:
    # the caller's evidence decides whether its argument is a module (`param` is None)
    live: Optional[Tracked] = None
    only_effect: bool = False  # the changing statement keeps nothing of the change's result


@dataclass(frozen=True)
class ReturnFact:
    """The callee returns parameter `param`, or `tracked` (stored data, a live state_dict)."""

    param: Optional[int]
    tracked: Optional[Tracked] = None
    applied: Optional[Tuple[int, int]] = None  # `return t(x)`: (index of t, index of x)
    entry_key: Optional[str] = None  # `return data["img"]`: the parameter's entry
    field_name: Optional[str] = None  # `return graph.x`: the parameter's field


@dataclass
class Summary:
    changes: List[ChangeFact] = field(default_factory=list)
    returns: List[ReturnFact] = field(default_factory=list)
    # `(param, field)`: the callee rebinds that field of the parameter (`graph.x = new`):
    # afterwards the caller's argument no longer holds what it held there.
    rebinds: List[Tuple[int, str]] = field(default_factory=list)
    # `(holder, field, value)`: the callee keeps `value` (a parameter's index, or a live
    # state_dict it made) as `field` of `holder` (a parameter's index; None: its instance,
    # `self.state = state`; field "": in the container, `history.append(sd)`): the
    # caller's object holds it afterwards.
    stores: List[Tuple[Optional[int], str, object]] = field(default_factory=list)
    # parameters the callee uses as a whole (hands on, returns, keeps, loads) or compares:
    # the others it reads only by their elements, as a step of the caller's own work
    used_whole: Set[int] = field(default_factory=set)
    # `(receiver, state_dict)`: the callee loads a live state_dict into `receiver` (as the
    # callee writes it, `dst.optimizer`): an optimizer keeps the state tensors it is given
    loads: List[Tuple[str, Tracked]] = field(default_factory=list)
    # `(attr, param)`: the callee, run for the caller's instance, stores a new object at
    # `self.<attr>[<param>]` in its own body (a cache entry it makes) and leaves it there
    fresh_entries: List[Tuple[str, str]] = field(default_factory=list)
    # parameter index -> the keys the callee reads its elements by (`ckpt["norms"]`: a
    # string literal; None: any other key, `d[k]`, `d[0]`), its own reads and its callees'
    # on what it hands on. With the parameter not in `used_whole`, the caller knows which
    # slots of its dict the call reads: a slot read by none of them is not read.
    element_keys: Dict[int, Set[Optional[str]]] = field(default_factory=dict)
    # `Adoption`s: a module's Parameter given an entry of a parameter's dict as its memory
    # (`p.data = init[k]`), here or in a callee: the caller's dict is live in that module
    adoptions: List["Adoption"] = field(default_factory=list)


@dataclass(frozen=True)
class Adoption:
    """`p.data = d[k]` (or `p.set_(d[k])`) at `node`, `d` the parameter `holder`: the
    Parameter is `parameter` (a parameter's index: the caller says which module's it is) or
    a Parameter of `module` (as the function names it: a parameter's name or a name it does
    not bind, a global; `looped`: shown a module by looping over its parameters)."""

    node: cst.CSTNode
    holder: int
    module: Optional[str] = None
    parameter: Optional[int] = None
    looped: bool = False


@dataclass
class CalleeRef:
    """One resolved call target: its summary and how the call's arguments bind to it."""

    name: str
    summary: Summary
    params: List[str]
    same_instance: bool  # `self.helper(...)`: its stored data is the caller's stored data
    where: Callable[[cst.CSTNode], Optional[str]] = lambda node: None  # for other files
    # `(path, line, col, end_line, end_col)` of a node of another file (a change made there
    # is reported there, on the line that changes the data).
    position: Callable[[cst.CSTNode], Optional[tuple]] = lambda node: None
    # `helper(self, i)`: the call's first argument is the instance, the callee's `self`
    # (`params` leave it out)
    instance_arg: bool = False
    self_param: Optional[str] = None  # with `instance_arg`: the callee's name for the instance

    def given(self, call: cst.Call, index: Optional[int]) -> Optional[cst.BaseExpression]:
        """The call's argument for parameter `index` (None: the instance, for a function
        given the instance first)."""
        if index is None:
            first = call.args[0] if self.instance_arg and call.args else None
            return first.value if first is not None and first.keyword is None and \
                not first.star else None
        position = -1 if self.instance_arg else 0
        for arg in call.args:
            if arg.star:
                return None
            if arg.keyword is None:
                if position == index:
                    return arg.value
                position += 1
            elif 0 <= index < len(self.params) and arg.keyword.value == self.params[index]:
                return arg.value
        return None

    def bind(self, call: cst.Call, args: List[Optional[Tracked]]) -> Dict[int, Tracked]:
        bound: Dict[int, Tracked] = {}
        position = -1 if self.instance_arg else 0
        for arg, value in zip(call.args, args):
            if arg.star:
                break
            if arg.keyword is None and position < 0:
                position += 1
            elif arg.keyword is None:
                index = position
                position += 1
            elif arg.keyword.value in self.params:
                index = self.params.index(arg.keyword.value)
            else:
                continue
            if value is not None:
                bound[index] = value
        return bound

    def stored(self, tracked: Optional[Tracked]) -> Optional[Tracked]:
        """A value the callee reaches on its own, as the caller sees it."""
        if tracked is None:
            return None
        if tracked.family is Family.STATE_DICT:
            return tracked.derive(bound_key=None, bound_at=frozenset(), changed=False,
                                  fix_site=None, direct=False)
        if tracked.family is Family.STORED and (self.same_instance or tracked.kept_by):
            # (a cache is shared by every caller, whichever instance calls)
            return tracked.derive(fix_site=None, fix_vtype=None)
        return None


class Callees:
    """The module's functions and classes, and their summaries (each computed once)."""

    def __init__(self, ctx: FileContext, regions: List[cst.Module],
                 classes: Dict[str, cst.ClassDef],
                 ancestors: Callable[[cst.ClassDef], List[cst.ClassDef]],
                 state_dict_source: Callable[[FileContext, cst.BaseExpression],
                                             Optional[Tracked]]) -> None:
        self.ctx = ctx
        self.functions: Dict[str, cst.FunctionDef] = {}
        for region in regions:
            for stmt in region.body:
                if isinstance(stmt, cst.FunctionDef):
                    self.functions[stmt.name.value] = stmt
        self.classes = classes
        self.ancestors = ancestors
        self.state_dict_source = state_dict_source
        self.types = StoredTypes(ctx.imports, store_classes(ctx.reference_returning),
                                 returns=self.returned_type)
        self._returning: Set[str] = set()
        self.state_dict_producers: Set[str] = set()
        self._memo: Dict[tuple, Summary] = {}
        self._stored: Dict[int, Dict[str, VType]] = {}
        # a class of another module whose instance this module's function is given
        # (`apply_step(self, i)`): that module's callees resolve `self.<name>(...)`
        self._homes: Dict[int, "Callees"] = {}

    def of_instance(self, owner: cst.ClassDef) -> "Callees":
        """The callees that resolve `self.<name>` for an instance of `owner`."""
        return self._homes.get(id(owner), self)

    def returned_type(self, name: str, qualified: Optional[str] = None) -> Optional[VType]:
        """What the module's function `name` returns (or the project function it imports
        under that name): the kinds of stored data a loader builds (`self.x, self.y =
        load_data()`)."""
        func = self.functions.get(name)
        if func is None:
            follow = self.ctx.follow_return
            return follow(self.ctx, name) if follow is not None else None
        if name in self._returning:
            return None  # recursion: what is known so far is nothing
        self._returning.add(name)
        try:
            return self.types.returned_type(func)
        finally:
            self._returning.discard(name)

    def function_call(self, name: str) -> Optional[CalleeRef]:
        func = self.functions.get(name)
        if func is None:
            follow = self.ctx.follow_import
            return follow(self.ctx, name) if follow is not None else None
        return CalleeRef(name, self.summary(func, None), _param_names(func, 0), False)

    def instance_helper(self, name: str, owner: cst.ClassDef, stored: Dict[str, VType],
                        home: Optional["Callees"] = None) -> Optional[CalleeRef]:
        """`helper(self, i)` in a method of `owner`: the module's (or an imported project)
        function given the instance first runs as a method of it: what it does to
        `self.<attr>` is done to the caller's stored data (`stored`: the kinds the
        instance's own module infers for them)."""
        func = self.functions.get(name)
        if home is not None and home is not self:
            self._homes.setdefault(id(owner), home)
        if func is None:
            follow = self.ctx.follow_instance_helper
            return follow(self.ctx, name, owner, stored) if follow is not None else None
        if first_param(func) is None:
            return None
        self._stored.setdefault(id(owner), stored)
        return CalleeRef(name, self.summary(func, owner), _param_names(func, 1), True,
                         instance_arg=True, self_param=first_param(func))

    def method_call(self, owner: cst.ClassDef, name: str) -> Optional[CalleeRef]:
        """`self.name(...)` inside a method of `owner` (inherited from a project class of
        another module too, where the pipeline can find it)."""
        for cls in self.ancestors(owner):
            for method in methods_of(cls):
                if method.name.value == name:
                    return CalleeRef(f"self.{name}", self.summary(method, owner),
                                     _param_names(method, 1), True)
        follow = self.ctx.follow_method
        return follow(self.ctx, owner.name.value, name) if follow is not None else None

    def instance_call(self, class_name: str, label: str, method: str = "__call__"
                      ) -> Optional[CalleeRef]:
        """Calling an instance of a class of this module (a transform): its `__call__`
        (or, for `obj[i]`, its `__getitem__`)."""
        cls = self.classes.get(class_name)
        if cls is None:
            return None
        ref = self.method_call(cls, method)
        if ref is None:
            return None
        return CalleeRef(label, ref.summary, ref.params, False)

    def summary(self, func: cst.FunctionDef, owner: Optional[cst.ClassDef]) -> Summary:
        """What `func` does, run as a method of `owner` (a base's method run for a subclass
        resolves `self.hook()` to the subclass's override, and sees its stored data)."""
        key = (id(func), id(owner))
        if key in self._memo:
            return self._memo[key]
        result = Summary()
        self._memo[key] = result  # a recursive call sees what is known so far
        if not isinstance(func.body, cst.IndentedBlock):
            return result
        stored = self.stored_types(owner) if owner is not None else {}
        walker = SummaryWalker(self.ctx, func, owner, stored, result, self.state_dict_source)
        walker.walk_block(func.body.body)
        walker.finish()
        decorator = caching_decorator(func, self.ctx.imports)
        if decorator is not None:
            self.ctx.used(f"cache:{decorator}")
            kept = cached_result(func, decorator, self.types)
            if kept is not None:
                result.returns.append(ReturnFact(None, kept))
        return result

    def refine_stored(self, owner: cst.ClassDef, stored: Dict[str, VType]) -> None:
        """Kinds of `self.x` the class's own reading learned past `stored_types` (proven by
        a callee, filled by a framework): its methods' summaries are read again with them."""
        if self.stored_types(owner) == stored:
            return
        self._stored[id(owner)] = stored
        for key in [k for k in self._memo if k[1] == id(owner)]:
            del self._memo[key]

    def stored_types(self, owner: cst.ClassDef) -> Dict[str, VType]:
        """The kinds of `self.x` for a class, inferred once per class."""
        key = id(owner)
        if key not in self._stored:
            self._stored[key] = {}  # a cycle through the bases sees nothing
            types = self.types.attribute_types(self.ancestors(owner))
            self._stored[key] = _with_imported_bases(self, owner, types)
        return self._stored[key]


def _with_imported_bases(callees: Callees, owner: cst.ClassDef,
                         types: Dict[str, VType]) -> Dict[str, VType]:
    """`types` with the attributes a base class of another project module binds (its
    `__init__` keeps `self.data = self.populate(...)`) and the class's own chain does not:
    the instance holds them all the same. Each is what that module infers for its class."""
    follow = callees.ctx.follow_class
    if follow is None:
        return types
    merged = dict(types)
    for cls in callees.ancestors(owner):
        for arg in cls.bases:
            name = arg.value.value if isinstance(arg.value, cst.Name) else None
            if name is None or name in callees.classes:
                continue
            found = follow(callees.ctx, name)
            if found is None:
                continue
            base, home = found[0], found[1]
            foreign = home.callees
            if foreign is None or foreign is callees:
                continue
            for attr, vtype in foreign.stored_types(base).items():
                if _informative(vtype):
                    merged.setdefault(attr, vtype)
    return merged


def _informative(vtype: VType) -> bool:
    """A kind worth taking from a base of another module: known, and for a container, its
    elements known too (`self.data_list = []` in a framework's base is a slot its hooks
    fill, which the subclass's own reading decides)."""
    if vtype.kind is Kind.UNKNOWN:
        return False
    if vtype.kind in (Kind.LIST, Kind.DICT, Kind.TUPLE):
        return vtype.elem is not None or bool(vtype.items) or bool(vtype.fields)
    return True


def _param_names(func: cst.FunctionDef, skip: int) -> List[str]:
    params = list(func.params.posonly_params) + list(func.params.params)
    return [p.name.value for p in params[skip:]]


class SummaryWalker(FlowWalker):
    """Walks one function with its parameters tracked, recording what it changes/returns."""

    def __init__(self, ctx: FileContext, func: cst.FunctionDef, owner: Optional[cst.ClassDef],
                 stored: Dict[str, VType], summary: Summary, state_dict_source) -> None:
        super().__init__(ctx)
        self.owner = owner
        self.self_name = first_param(func) if owner is not None else None
        self.stored_types = stored
        self.result = summary
        self.state_dict_source = state_dict_source
        # A change reached again (a loop walked twice, a helper called from both branches)
        # is one fact: recording it again would multiply through every caller's summary.
        self._recorded: Set[ChangeFact] = set()
        # calls of a parameter's method: (the method's own name for `self`, the parameter)
        self._renamed: Dict[int, Tuple[str, str]] = {}
        # (a function of the module run with the instance as its first argument,
        # `apply_step(self, model)`, keeps its own path: the evidence about its parameters
        # is recorded there)
        method = owner is not None and any(m is func for m in methods_of(owner))
        self.def_path = ((owner.name.value,) if owner is not None and method else ()) + (
            func.name.value,)
        params = list(func.params.posonly_params) + list(func.params.params)
        if owner is not None:
            params = params[1:]
        for index, param in enumerate(params):
            self.env[param.name.value] = Tracked(Family.ARGUMENT, param.name.value, param, UNKNOWN,
                                                 receiver=str(index))
        self._func = func
        self._params = [p.name.value for p in params]
        self._comparing = False  # inside `torch.equal(...)`: an element read is a use
        self._whole_reads: List[Tuple[cst.CSTNode, int]] = []
        self._handed_to_reader: Set[cst.CSTNode] = set()
        self._arrays: Optional[Set[str]] = None  # parameters its code proves arrays
        self._made: Dict[str, str] = {}  # names bound to a new object: its class's name
        self._statement: Optional[cst.CSTNode] = None  # the small statement being walked

    def walk_small(self, small, stmt):
        previous, self._statement = self._statement, small
        try:
            super().walk_small(small, stmt)
        finally:
            self._statement = previous

    def source(self, node):
        if self.self_name and isinstance(node, cst.Attribute) and isinstance(
                node.value, cst.Name) and node.value.value == self.self_name and \
                f"{self.self_name}.{node.attr.value}" not in self.fresh_attrs:
            return Tracked(Family.STORED, f"{self.self_name}.{node.attr.value}", node,
                           self.stored_types.get(node.attr.value, VType()), level=Level.OWNER)
        return self.state_dict_source(self.ctx, node, self.def_path)

    def eval(self, node, bare=True):
        if isinstance(node, (cst.ListComp, cst.DictComp)) or (
                isinstance(node, cst.Call) and self.ctx.imports.qualify(node.func)):
            # `list(m.parameters())`, `copy.copy(m)`: a kept collection of live parameters
            made = self.state_dict_source(self.ctx, node, self.def_path)
            if made is not None:
                return made
        return super().eval(node, bare)

    def resolve_callee(self, call):
        return resolve_self_callee(self, call) or super().resolve_callee(call) or \
            self._parameter_method(call) or self._local_instance_method(call)

    def _local_instance_method(self, call: cst.Call) -> Optional[CalleeRef]:
        """`holder.keep(sd)` where `holder = Snapshot()` here, a project class (of this
        module or imported) whose method keeps what it is given on the instance."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return None
        cls = self._made.get(dotted(func.value) or "")
        if cls is None or self.ctx.callees is None:
            return None
        found = self.ctx.callees.classes.get(cls)
        follow = self.ctx.follow_class_method
        ref = self.ctx.callees.method_call(found, func.attr.value) if found is not None \
            else follow(self.ctx, cls, func.attr.value) if follow is not None else None
        return ref if ref is not None and ref.summary.stores else None

    def on_read(self, key, tracked, node, bare):
        if tracked.family is Family.ARGUMENT and (bare or self._comparing) and \
                tracked.receiver is not None and tracked.receiver.isdigit():
            self._whole_reads.append((node, int(tracked.receiver)))

    def finish(self) -> None:
        """`Summary.used_whole`: the whole reads, less the arguments handed on to a callee
        that reads that parameter only by its elements."""
        self.result.used_whole |= {index for node, index in self._whole_reads
                                   if node not in self._handed_to_reader}
        if self.owner is None:
            self._own_adoptions()
        if self.self_name is not None:
            params = _param_names(self._func, 1)
            prefix = f"{self.self_name}."
            for item, key in self.fresh_items.items():
                attr = item[len(prefix):-len(f"[{key}]")] if key in params and \
                    item.startswith(prefix) and item.endswith(f"[{key}]") else ""
                if key is not None and attr.isidentifier() and \
                        (attr, key) not in self.result.fresh_entries:
                    self.result.fresh_entries.append((attr, key))

    def apply_summary(self, call, callee, args):
        position = -1 if callee.instance_arg else 0
        for arg in call.args:
            if arg.star or arg.keyword is not None:
                break
            if position >= 0 and position not in callee.summary.used_whole:
                self._handed_to_reader.add(arg.value)
            position += 1
        self._compose_element_keys(call, callee, args)
        self._compose_adoptions(call, callee, args)
        self._compose_stores(call, callee, args)
        self._compose_deep_changes(call, callee, args)
        return self._apply_renamed(call, callee, args)

    def _compose_element_keys(self, call: cst.Call, callee: CalleeRef, args) -> None:
        """A parameter of this function handed on whole to a callee: the keys the callee
        reads it by are keys this function reads it by (`Summary.element_keys`)."""
        for index, value in callee.bind(call, args).items():
            if value.family is Family.ARGUMENT and not value.depth and \
                    value.level is Level.ALIAS and value.receiver is not None and \
                    value.receiver.isdigit():
                keys = callee.summary.element_keys.get(index, set())
                self.result.element_keys.setdefault(int(value.receiver), set()).update(keys)

    def _compose_adoptions(self, call: cst.Call, callee: CalleeRef, args) -> None:
        """A callee's `Adoption` of an entry of this function's parameter: this function
        adopts it too, the Parameter named as it names it (a loop variable over a module's
        parameters: that module's; its own parameter: the caller's)."""
        bound = callee.bind(call, args)
        for adoption in callee.summary.adoptions:
            holder = bound.get(adoption.holder)
            slot = _slot(holder.receiver) if holder is not None else None
            if holder is None or holder.family is not Family.ARGUMENT or holder.depth or \
                    holder.level is not Level.ALIAS or slot is None:
                continue
            node = adoption.node if callee.where(adoption.node) is None else call
            found: Optional[Adoption] = None
            if adoption.parameter is not None:
                given = bound.get(adoption.parameter)
                given_slot = _slot(given.receiver) if given is not None else None
                if given is not None and given.family is Family.ARGUMENT and \
                        not given.depth and given_slot is not None:
                    found = Adoption(node, slot, parameter=given_slot)
                elif given is not None and given.family is Family.PARAMS and \
                        given.vtype.kind is Kind.TENSOR and given.receiver:
                    found = Adoption(node, slot, module=given.receiver, looped=True)
            elif adoption.module is not None:
                head, dot, rest = adoption.module.partition(".")
                if head in callee.params:
                    given_module = callee.given(call, callee.params.index(head))
                    text = dotted(given_module) if given_module is not None else None
                    if text is None or text.partition(".")[0] not in self._params:
                        continue
                    module = text + dot + rest
                else:
                    module = adoption.module  # (a global the callee reaches)
                found = Adoption(node, slot, module=module, looped=adoption.looped)
            if found is not None and found not in self.result.adoptions:
                self.result.adoptions.append(found)

    def _own_adoptions(self) -> None:
        """`Summary.adoptions` of the function's own statements: of a module it reaches
        (`adoptions_of`), or of a Parameter it is given (`def rewind_one(p, init, k):
        p.data = init[k]`)."""
        for stmt, index, module, looped in adoptions_of(self._func):
            found = Adoption(stmt, index, module=module, looped=looped)
            if found not in self.result.adoptions:
                self.result.adoptions.append(found)
        params = self._params
        loops = loop_parameters(self._func)
        local = {n.value for n in assigned_names(self._func)} - set(params)  # (not globals)
        records = self._record_fields()
        samples = literal_samples(self._func)

        def name_of(node: cst.BaseExpression) -> Optional[str]:
            """`sample.value` is `param` where `sample = Record(param)` (a record class);
            `sample["value"]`, where `sample = {"value": param}`."""
            if isinstance(node, cst.Attribute):  # (`sample.value.param`: nested records)
                held = records.get(name_of(node.value) or "", {}).get(node.attr.value)
                if held is not None:
                    return held
            if isinstance(node, cst.Subscript):
                held = samples.get(name_of(node.value) or "", {}).get(string_key(node) or "")
                if held is not None:
                    return held
            return dotted(node)

        def note(stmt: cst.CSTNode, adopted) -> None:
            if adopted is None or adopted[1] not in params:
                return
            found = None
            if adopted[0] in params and adopted[0] != adopted[1]:
                found = Adoption(stmt, params.index(adopted[1]),
                                 parameter=params.index(adopted[0]))
            elif adopted[0] in loops and loops[adopted[0]].partition(".")[0] not in local:
                found = Adoption(stmt, params.index(adopted[1]), module=loops[adopted[0]],
                                 looped=True)
            if found is not None and found not in self.result.adoptions:
                self.result.adoptions.append(found)

        adoption_sites(self._func, name_of, note)

    def _record_fields(self) -> Dict[str, Dict[str, str]]:
        """`sample = Record(param)` in the function, `Record` a record class of the module:
        {"sample": {"value": "param"}} (the names its fields hold)."""
        classes = self.ctx.callees.classes if self.ctx.callees is not None else {}
        found: Dict[str, Dict[str, str]] = {}

        class Made(cst.CSTVisitor):
            def visit_Assign(self, node: cst.Assign) -> None:
                value = node.value
                if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name) \
                        or not isinstance(value, cst.Call) or \
                        not isinstance(value.func, cst.Name):
                    return
                shape = record_shape(value.func.value, classes)
                # (each argument's expression stands for its value: `fields` pairs them)
                fields = shape.fields(value, [a.value for a in value.args]) if shape else None
                names = {name: dotted(arg) for name, arg in fields or ()}
                found[node.targets[0].target.value] = {
                    k: v for k, v in names.items() if v is not None}

        self._func.body.visit(Made())
        return found

    def _compose_deep_changes(self, call: cst.Call, callee: CalleeRef, args) -> None:
        """A callee changing something deep inside its parameter (`osd["state"][1]
        ["exp_avg_sq"].mul_(0.5)`, depth 2), handed this function's own parameter: the
        change is as deep inside that parameter (the general call leaves depth 2 alone)."""
        bound = callee.bind(call, args)
        for change in callee.summary.changes:
            value = bound.get(change.param) if change.param is not None else None
            if change.depth < 2 or value is None or value.family is not Family.ARGUMENT or \
                    value.depth or value.level is not Level.ALIAS or value.receiver is None \
                    or not value.receiver.isdigit():
                continue
            fact = ChangeFact(int(value.receiver), change.node, change.how, change.conditional,
                              where=change.where or callee.where(change.node),
                              position=change.position or callee.position(change.node),
                              depth=change.depth, method=change.method)
            if fact not in self._recorded:
                self._recorded.add(fact)
                self.result.changes.append(fact)

    def _compose_stores(self, call: cst.Call, callee: CalleeRef, args) -> None:
        """What a callee keeps on the objects it is given (`Summary.stores`), this function
        keeps on its own instance or parameters when it hands them on
        (`apply_step(learner)` calling `attach_reference(learner)`)."""
        bound = callee.bind(call, args)
        func = call.func
        receiver = dotted(func.value) if isinstance(func, cst.Attribute) else None
        for holder, name, kept in callee.summary.stores:
            if holder is None and not callee.instance_arg:
                if receiver is not None and receiver in self._made and name:
                    # `holder.keep(sd)` on a new object made here: `holder.<name>` holds it
                    value: Optional[Tracked] = kept if isinstance(kept, Tracked) else \
                        callee.bind(call, args).get(kept) if isinstance(kept, int) else None
                    if value is not None and isinstance(kept, Tracked):
                        value = callee.stored(self._receiver_as_given(call, callee, value))
                    if value is not None and value.family is Family.STATE_DICT:
                        self.env[f"{receiver}.{name}"] = value
                    continue
                if not callee.same_instance or receiver != self.self_name:
                    continue
                target: Optional[int] = None  # `self.keep(...)`: on this instance
            else:
                given = callee.given(call, holder)
                if given is None:
                    continue
                found = self._holder_of(given)
                if found is False:
                    continue
                target = found
            mine: object = None
            if isinstance(kept, Tracked):
                mine = self._receiver_as_given(call, callee, kept)
            else:
                inside = isinstance(kept, KeptInside)
                index = kept.param if isinstance(kept, KeptInside) else kept
                value = bound.get(index) if isinstance(index, int) else None
                if value is not None and value.family is Family.ARGUMENT:
                    mine = _kept_argument(value)
                    if inside and isinstance(mine, int):
                        mine = KeptInside(mine)
                elif value is not None and value.family is Family.STATE_DICT:
                    # (`record(results, m.state_dict())`: a new dict made there holds it)
                    mine = value.derive(level=Level.SHALLOW, shallow_via=None, fix_site=None,
                                        vtype=VType(Kind.DICT, elem=value.vtype), parts=None
                                        ) if inside else value
            if mine is None:
                continue
            if not any(h == target and f == name and (k is mine or k == mine)
                       for h, f, k in self.result.stores):
                self.result.stores.append((target, name, mine))

    def _holder_of(self, node: cst.BaseExpression):
        """Which object of this function `node` is: None for its instance, a parameter's
        index, False for anything else."""
        name = dotted(node)
        if name is not None and name == self.self_name:
            return None
        owner = self.env.get(name or "")
        if owner is not None and owner.family is Family.ARGUMENT and not owner.depth and \
                owner.level is Level.ALIAS and owner.receiver is not None and \
                owner.receiver.isdigit():
            return int(owner.receiver)
        return False

    def _receiver_as_given(self, call: cst.Call, callee: CalleeRef, kept: Tracked
                           ) -> Optional[Tracked]:
        """A live value the callee kept, named by its receiver as this function names it
        (`holder.net` in the callee given `learner`: `learner.net`)."""
        head, dot, rest = (kept.receiver or "").partition(".")
        if head in callee.params:
            given = callee.given(call, callee.params.index(head))
        elif callee.instance_arg and head and head == callee.self_param:
            given = callee.given(call, None)
        else:
            return kept
        text = dotted(given) if given is not None else None
        return kept.derive(receiver=text + dot + rest) if text is not None else None

    def eval_call(self, call):
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else (
            func.value if isinstance(func, cst.Name) else "")
        if name not in COMPARISONS:
            return self._instance_optimizer_result(call) or super().eval_call(call)
        previous, self._comparing = self._comparing, True
        try:
            return super().eval_call(call)
        finally:
            self._comparing = previous

    def _instance_optimizer_result(self, call: cst.Call) -> Optional[Tracked]:
        """`self.optimizer.step(w)` run for an instance: a project optimizer the instance
        builds on its own module, whose method returns its param groups' parameters, returns
        that module's live parameters here too (kept on `self`: `Summary.stores`)."""
        func = call.func
        if self.owner is None or not self.self_name or not isinstance(func, cst.Attribute):
            return None
        holder = dotted(func.value) or ""
        head, _, attr = holder.partition(".")
        if head != self.self_name or not attr or "." in attr:
            return None
        made = attribute_classes(self.owner).get("self." + attr)
        module = optimizer_built_on(made[1]) if made is not None else None
        if made is None or module is None or not module.startswith("self."):
            return None
        return optimizer_result(self.ctx, call, made[0],
                                {self.self_name + module[len("self"):]})

    def _parameter_method(self, call: cst.Call) -> Optional[CalleeRef]:
        """`model_holder.get_state()` where the callers pass an instance of a class of this
        module as that parameter: its method, whose live state_dict the call returns."""
        func = call.func
        receivers, callees = self.ctx.receivers, self.ctx.callees
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)) or \
                receivers is None or callees is None:
            return None
        param = self.env.get(func.value.value)
        if param is None or param.family is not Family.ARGUMENT or param.depth:
            return None
        cls = callees.classes.get(receivers.param_class(self.def_path, func.value.value) or "")
        method = next((m for m in methods_of(cls) if m.name.value == func.attr.value), None) \
            if cls is not None else None
        if cls is None or method is None or not isinstance(method.body, cst.IndentedBlock):
            return None
        ref = callees.method_call(cls, func.attr.value)
        if ref is None:
            return None
        self._renamed[id(call)] = (first_param(method) or "", func.value.value)
        return CalleeRef(ref.name, ref.summary, ref.params, False)

    def _apply_renamed(self, call, callee, args):
        result = super().apply_summary(call, callee, args)
        renamed = self._renamed.get(id(call))
        if renamed is not None and result is not None and \
                result.family is Family.STATE_DICT and result.receiver:
            head, dot, rest = result.receiver.partition(".")
            if head == renamed[0]:  # the method's `self` is this function's parameter
                result = result.derive(receiver=renamed[1] + dot + rest)
        return result

    def bound_chains_of(self, attr):
        return self_bound_chains(self, attr)

    def subscript(self, base, node):
        """`data[key]`, `data[0]` or `data["img"]` of a parameter of unknown kind: the parameter's
        element (what it is depends on the caller's argument: a new dict's entry is what
        was put there, `dict(img=self.imgs[i])`)."""
        if base is not None and base.family is Family.ARGUMENT and base.depth == 0 and \
                base.level is Level.ALIAS and base.receiver is not None and \
                base.receiver.isdigit():  # (`Summary.element_keys`)
            self.result.element_keys.setdefault(int(base.receiver), set()).add(
                string_key(node))
        if base is not None and base.family is Family.ARGUMENT and base.depth == 0 and \
                (base.vtype.kind is Kind.UNKNOWN or base.level is Level.SHALLOW) and \
                base.level in (Level.ALIAS, Level.SHALLOW) and len(node.slice) == 1 and \
                isinstance(node.slice[0].slice, cst.Index):
            index = node.slice[0].slice.value
            if isinstance(index, (cst.Name, cst.Integer)) and \
                    base.level is Level.ALIAS:  # (`data[i]`, `parts[1]`)
                return base.derive(depth=1, parts=None, origin_line_node=node,
                                   by_position=isinstance(index, cst.Integer))
            key = string_key(node)
            if key is not None:  # of a shallow copy (`d = dict(data)`): the same element
                return base.derive(depth=1, entry_key=key, level=Level.ALIAS, parts=None,
                                   origin_line_node=node)
        if base is not None and base.family is Family.ARGUMENT and base.by_position and \
                len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and \
                isinstance(node.slice[0].slice.value, cst.Integer):
            return base.derive(origin_line_node=node)  # `x[0][1]`: still a part by position
        found = super().subscript(base, node)
        if found is not None and found.family is Family.STATE_DICT and \
                isinstance(node.value, cst.Call):
            found = found.derive(direct=True)  # `m.state_dict()[k]`: kept by no name
        if found is None and base is not None and base.family is Family.ARGUMENT and \
                base.depth >= 1 and base.field_name is None and base.level is Level.ALIAS:
            # `osd["state"][0]`: something deeper inside the parameter (depth 2: callers
            # that follow entries one level only leave it alone; see `ChangeFact`)
            return base.derive(depth=2, entry_key=None, parts=None, by_position=False,
                               origin_line_node=node)
        return found

    def call_value(self, call, called, args):
        """`transform(data)` where both are parameters: the summary says so, and each
        caller runs what it passed (`apply_transform(t, x)`)."""
        if called.family is Family.ARGUMENT and called.level is Level.ALIAS and \
                not called.depth and len(args) == 1 and args[0] is not None and \
                args[0].family is Family.ARGUMENT and not args[0].depth:
            return Tracked(Family.APPLIED, "", call, UNKNOWN,
                           receiver=f"{called.receiver}:{args[0].receiver}")
        return super().call_value(call, called, args)

    def _record(self, node, tracked: Tracked, how: Change, conditional: bool,
                method: Optional[str] = None) -> None:
        where = position = None
        if self.via is not None:  # name the deepest line that changes it
            node, where, position = self.via.node, self.via.where, self.via_position
        if tracked.family is Family.ARGUMENT and tracked.level is not Level.SHALLOW and \
                tracked.receiver is not None:  # (the parameter's index)
            # (a new container holding the argument, `[x, *more]`, changes on its own)
            fact = ChangeFact(int(tracked.receiver), node, how, conditional, where=where,
                              depth=tracked.depth, shallow_via=tracked.shallow_via,
                              entry_key=tracked.entry_key, field_name=tracked.field_name,
                              position=position, method=method,
                              by_position=tracked.by_position)
        elif tracked.family is Family.STORED and \
                tracked.level not in (Level.OWNER, Level.SHALLOW):
            fact = ChangeFact(None, node, how, conditional, tracked, where,
                              position=position)
        elif tracked.family is Family.STATE_DICT and how is Change.DATA and \
                (tracked.receiver or "").partition(".")[0] in self._params:
            fact = ChangeFact(None, node, how, conditional, where=where, position=position,
                              method=method, live=tracked,
                              only_effect=only_effect(self._statement, node))
        else:
            return
        if fact not in self._recorded:
            self._recorded.add(fact)
            self.result.changes.append(fact)

    def on_change(self, node, tracked, how):
        self._record(node, tracked, how, conditional=False)

    def bind(self, target, value, stmt, rhs):
        if isinstance(target, cst.Name):  # `holder = Snapshot()`: its class
            self._made.pop(target.value, None)
            if isinstance(rhs, cst.Call) and isinstance(rhs.func, cst.Name):
                self._made[target.value] = rhs.func.value
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            self._stores(target, value)
            owner = self.env.get(target.value.value)
            if owner is not None and owner.family is Family.ARGUMENT and not owner.depth \
                    and owner.receiver is not None:
                fact = (int(owner.receiver), target.attr.value)
                if fact not in self.result.rebinds:
                    self.result.rebinds.append(fact)
        super().bind(target, value, stmt, rhs)

    def _stores(self, target: cst.Attribute, value: Optional[Tracked]) -> None:
        """`self.state = state`, `holder.best = model.state_dict()`: see `Summary.stores`."""
        if value is None:
            return
        name = target.value.value if isinstance(target.value, cst.Name) else None
        holder: Optional[int]
        if name is not None and name == self.self_name:
            holder = None
        else:
            owner = self.env.get(name or "")
            if owner is None or owner.family is not Family.ARGUMENT or owner.depth or \
                    owner.receiver is None:
                return
            holder = int(owner.receiver)
        kept: object
        if value.family is Family.STATE_DICT:
            kept = value
        elif value.family is Family.ARGUMENT and not value.depth and \
                value.level is Level.ALIAS and value.receiver is not None:
            kept = int(value.receiver)
        else:
            return
        if not any(h == holder and f == target.attr.value and (k is kept or k == kept)
                   for h, f, k in self.result.stores if isinstance(k, int) or k is kept):
            self.result.stores.append((holder, target.attr.value, kept))

    def on_call(self, call, qualified, args):
        func = call.func
        stored = [v for v in args if v is not None]
        if isinstance(func, cst.Attribute) and func.attr.value == "load_state_dict" and \
                stored and stored[0].family is Family.STATE_DICT:
            receiver = dotted(func.value)
            if receiver is not None and receiver != stored[0].receiver and \
                    all(r is not stored[0] for _, r in self.result.loads):
                self.result.loads.append((receiver, stored[0]))
        if isinstance(func, cst.Attribute) and func.attr.value in STORE_METHODS and stored:
            self.on_store_into(func.value, stored[-1], call)

    def on_store_into(self, container, tracked, node):
        """`history.append(m.state_dict())` into a parameter: `Summary.stores`, field ""."""
        owner = self.env.get(container.value) if isinstance(container, cst.Name) else None
        if tracked is None or owner is None or \
                owner.family is not Family.ARGUMENT or owner.depth or owner.receiver is None:
            return
        holder = int(owner.receiver)
        kept = _kept_argument(tracked) if tracked.family is Family.ARGUMENT else (
            tracked if tracked.family is Family.STATE_DICT else None)
        if kept is None:
            return
        if not any(h == holder and f == "" and (k is kept or k == kept)
                   for h, f, k in self.result.stores):
            self.result.stores.append((holder, "", kept))

    def on_maybe_change(self, node, tracked):
        if tracked.family is Family.ARGUMENT:
            proven = not tracked.depth and tracked.level is Level.ALIAS and \
                isinstance(node, cst.AugAssign) and tracked.receiver in self._proven_arrays()
            if proven:
                self.ctx.used(sem.SHAPE_PROVES_ARRAY)
            self._record(node, tracked, Change.DATA, conditional=not proven)

    def _proven_arrays(self) -> Set[str]:
        """The parameters (by index) the function's code proves arrays: `p += x` on them
        changes the caller's array, whatever the caller knows of it."""
        if self._arrays is None:
            found = array_params(self._func, set(self._params))
            self._arrays = {str(i) for i, name in enumerate(self._params) if name in found}
        return self._arrays

    def on_method_of_unknown(self, node, tracked, method):
        if tracked.family is Family.ARGUMENT:
            self._record(node, tracked, Change.DATA, conditional=True, method=method)

    def on_return(self, value, node):
        if value is None:
            return
        if value.family is Family.APPLIED:
            func, _, arg = value.receiver.partition(":")
            self.result.returns.append(ReturnFact(None, applied=(int(func), int(arg))))
        elif value.family is Family.ARGUMENT and value.level is Level.ALIAS and \
                (not value.depth or value.entry_key is not None or value.field_name):
            self.result.returns.append(ReturnFact(int(value.receiver),
                                                  entry_key=value.entry_key,
                                                  field_name=value.field_name))
        elif value.family is Family.STATE_DICT or (
                value.family is Family.STORED and value.level is not Level.OWNER):
            self.result.returns.append(ReturnFact(None, value))


def only_effect(statement: Optional[cst.CSTNode], node: cst.CSTNode) -> bool:
    """Whether `statement`, changing `node`, keeps nothing of it: a call statement or an
    item assignment (`m.state_dict()[k].copy_(v)`, `sd[k][0] = v`): its only effect is the
    change (for the walker's statement and a helper's own alike)."""
    if isinstance(statement, cst.Expr):
        return statement.value is node
    if isinstance(statement, cst.AugAssign):
        return True
    if isinstance(statement, cst.Assign):
        return not any(isinstance(t.target, (cst.Name, cst.Attribute))
                       for t in statement.targets)
    return False


@dataclass(frozen=True)
class KeptInside:
    """A new container holding parameter `param` (`results.append({"weights": w})`): the
    caller's container holds its argument one level down."""

    param: int


def _kept_argument(tracked: Tracked) -> object:
    """What `Summary.stores` records of a parameter put into a container: its index when it
    is the argument itself, `KeptInside` when a new dict or list made here holds it."""
    if tracked.depth or tracked.receiver is None or not tracked.receiver.isdigit():
        return None
    if tracked.level is Level.ALIAS:
        return int(tracked.receiver)
    if tracked.level is Level.SHALLOW and tracked.shallow_via is None and \
            (tracked.entries is not None or tracked.parts is not None or
             tracked.vtype.kind is Kind.DICT):
        return KeptInside(int(tracked.receiver))
    return None


def resolve_self_callee(walker: FlowWalker, call: cst.Call) -> Optional[CalleeRef]:
    """`self.method(...)` or `self.transform(...)` from inside a method of a class."""
    callees = walker.ctx.callees
    owner = getattr(walker, "owner", None)
    self_name = getattr(walker, "self_name", None)
    func = call.func
    if callees is None or owner is None or not self_name:
        return None
    callees = callees.of_instance(owner)
    first = call.args[0] if call.args else None
    # (`apply_step(item)` where `for item in [self]`: the walker's aliases of `self`)
    aliases = getattr(walker, "aliases", {})
    if isinstance(func, cst.Name) and first is not None and first.keyword is None and \
            not first.star and isinstance(first.value, cst.Name) and \
            aliases.get(first.value.value, first.value.value) == self_name:
        stored = getattr(walker, "stored_types", None) or getattr(walker, "stored", None) or {}
        # a function's name means what it means where the call is written (a helper of
        # another module calling its own module's helper); the instance's methods resolve
        # in the instance's home
        local = walker.ctx.callees
        return local.instance_helper(func.value, owner, stored, callees) if local else None
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
            and func.value.value == self_name):
        return None
    name = func.attr.value
    ref = callees.method_call(owner, name)
    if ref is not None:
        return ref
    stored = getattr(walker, "stored_types", None) or getattr(walker, "stored", None) or {}
    vtype = stored.get(name)
    if vtype is not None and vtype.cls:
        return callees.instance_call(vtype.cls, f"self.{name}")
    return None


def self_bound_chains(walker: FlowWalker, attr: str) -> List[List[CalleeRef]]:
    """The transforms bound to `self.<attr>` where the walked method's class is built
    (none where the attribute's kind or class is known from the class itself)."""
    bound = walker.ctx.bound_transforms
    owner = getattr(walker, "owner", None)
    if bound is None or owner is None:
        return []
    stored = getattr(walker, "stored_types", None) or getattr(walker, "stored", None) or {}
    vtype = stored.get(attr)
    if vtype is not None and (vtype.cls or vtype.kind is not Kind.UNKNOWN):
        return []
    return bound(walker.ctx, owner.name.value, attr)


def _slot(receiver: Optional[str]) -> Optional[int]:
    """The parameter position an argument's tracked value names (its receiver, `"0"`)."""
    return int(receiver) if receiver is not None and receiver.isdigit() else None
