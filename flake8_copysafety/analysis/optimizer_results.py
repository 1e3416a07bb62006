"""What a project optimizer's method returns: its param groups' live parameters.

`torch.optim.Optimizer.__init__` keeps the parameter objects it is given in
`self.param_groups[i]["params"]`: the module's own `Parameter`s, not copies. A subclass whose
`step()` (or any method) returns `group["params"]` hands its caller the module's live
parameters (pFedMe's `pFedMeOptimizer.step`); kept as "the personalised weights", they follow
every later change of the module, as `list(m.parameters())` does (CPS203).
"""

from typing import Dict, Iterator, List, Optional, Tuple

import libcst as cst

from ..core.names import dotted
from ..facts import semantics as sem
from ..facts.semantics import Kind
from .flow import FileContext
from .live_sources import PARAMETERS
from .stored_types import first_param, methods_of
from .values import Family, Tracked, VType

_NOT_RETURNED = object()
_LIBRARIES = frozenset({"torch"})


def returned_parameters(method: cst.FunctionDef
                        ) -> Optional[Tuple[Optional[Tuple[int, int]]]]:
    """`(position,)` when every `return` of `method` with a value hands back its param
    groups' parameters (`position`: (index, length) of the item of a returned tuple; None:
    the value itself); None otherwise."""
    self_name = first_param(method)
    if not self_name or not isinstance(method.body, cst.IndentedBlock):
        return None
    groups = _group_names(method, self_name)
    lists = _parameter_lists(method, self_name, groups)
    found: object = _NOT_RETURNED
    for value in _returned_values(method):
        position = _position(value, self_name, groups, lists)
        if position is _NOT_RETURNED or (found is not _NOT_RETURNED and found != position):
            return None
        found = position
    return None if found is _NOT_RETURNED else (found,)  # type: ignore[return-value]


def _position(value: cst.BaseExpression, self_name: str, groups, lists):
    if _is_parameters(value, self_name, groups, lists):
        return None
    if isinstance(value, cst.Tuple):
        hits = [i for i, e in enumerate(value.elements)
                if not isinstance(e, cst.StarredElement)
                and _is_parameters(e.value, self_name, groups, lists)]
        if len(hits) == 1 and not any(isinstance(e, cst.StarredElement)
                                      for e in value.elements):
            return hits[0], len(value.elements)
    return _NOT_RETURNED


def _is_parameters(node: cst.BaseExpression, self_name: str, groups, lists) -> bool:
    """`group["params"]`, `self.param_groups[0]["params"]`, `list(...)` of one, `[p for p
    in ...]` over one, or a name bound to one of these."""
    if isinstance(node, cst.Name) and node.value in lists:
        return True
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and \
            isinstance(node.slice[0].slice, cst.Index):
        key = node.slice[0].slice.value
        if not (isinstance(key, cst.SimpleString) and
                key.evaluated_value == sem.PARAM_GROUP_PARAMS_KEY):
            return False
        base = node.value
        if isinstance(base, cst.Name):
            return base.value in groups
        return isinstance(base, cst.Subscript) and \
            dotted(base.value) == f"{self_name}.param_groups"
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and \
            node.func.value in ("list", "tuple") and len(node.args) == 1 and \
            node.args[0].keyword is None and not node.args[0].star:
        return _is_parameters(node.args[0].value, self_name, groups, lists)
    if isinstance(node, cst.ListComp) and node.for_in.inner_for_in is None and \
            not node.for_in.ifs and isinstance(node.for_in.target, cst.Name) and \
            isinstance(node.elt, cst.Name) and node.elt.value == node.for_in.target.value:
        return _is_parameters(node.for_in.iter, self_name, groups, lists)
    return False


def _group_names(method: cst.FunctionDef, self_name: str) -> set:
    """Loop variables over `self.param_groups`."""
    names = set()

    class Loops(cst.CSTVisitor):
        def visit_For(self, loop: cst.For) -> None:
            if isinstance(loop.target, cst.Name) and \
                    dotted(loop.iter) == f"{self_name}.param_groups":
                names.add(loop.target.value)

    method.body.visit(Loops())
    return names


def _parameter_lists(method: cst.FunctionDef, self_name: str, groups: set) -> set:
    """Names bound (once) in `method` to one of its param groups' parameter lists."""
    bound: Dict[str, List[cst.BaseExpression]] = {}

    class Binds(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    bound.setdefault(target.target.value, []).append(node.value)

    method.body.visit(Binds())
    return {name for name, values in bound.items() if len(values) == 1
            and _is_parameters(values[0], self_name, groups, set())}


def _returned_values(method: cst.FunctionDef) -> Iterator[cst.BaseExpression]:
    """The values of `method`'s own `return` statements (not of nested functions)."""
    found: List[cst.BaseExpression] = []

    class Returns(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            if node.value is not None and not (isinstance(node.value, cst.Name)
                                               and node.value.value == "None"):
                found.append(node.value)

    method.body.visit(Returns())
    return iter(found)


# The last classes asked about, by identity (each method of a class asks again).
_ATTRIBUTE_CLASSES: Dict[int, Tuple[cst.ClassDef, Dict[str, Tuple[str, cst.Call]]]] = {}
_REMEMBERED = 32


def attribute_classes(owner: Optional[cst.ClassDef]) -> Dict[str, Tuple[str, cst.Call]]:
    """`self.opt = Cls(...)` in any method of `owner`: {"self.opt": ("Cls", the call)}
    (an attribute bound to instances of two classes is left out)."""
    if owner is None:
        return {}
    known = _ATTRIBUTE_CLASSES.get(id(owner))
    if known is not None and known[0] is owner:
        return known[1]
    if len(_ATTRIBUTE_CLASSES) >= _REMEMBERED:
        _ATTRIBUTE_CLASSES.clear()
    result = _attribute_classes(owner)
    _ATTRIBUTE_CLASSES[id(owner)] = (owner, result)
    return result


def _attribute_classes(owner: cst.ClassDef) -> Dict[str, Tuple[str, cst.Call]]:
    found: Dict[str, List[Tuple[str, cst.Call]]] = {}
    for method in methods_of(owner):
        self_name = first_param(method)
        if not self_name:
            continue
        prefix = self_name + "."

        class Binds(cst.CSTVisitor):
            def visit_Assign(self, node: cst.Assign) -> None:
                if not isinstance(node.value, cst.Call):
                    return
                name = dotted(node.value.func)
                for target in node.targets:
                    key = dotted(target.target)
                    if name and key and key.startswith(prefix) and \
                            key.count(".") == 1:
                        found.setdefault("self." + key.partition(".")[2], []).append(
                            (name, node.value))

        method.body.visit(Binds())
    return {key: made[0] for key, made in found.items()
            if len({name for name, _ in made}) == 1}


def built_on(call: cst.Call) -> Optional[str]:
    """`Cls(m.parameters(), ...)`: "m", the module whose parameters the optimizer holds."""
    first = call.args[0] if call.args else None
    if first is None or first.keyword is not None or first.star:
        return None
    value = first.value
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
            value.func.attr.value in ("parameters", "named_parameters") and not value.args:
        return dotted(value.func.value)
    return None


def optimizer_result(ctx: FileContext, call: cst.Call, class_name: Optional[str],
                     modules) -> Optional[Tracked]:
    """The live parameters `call` (`opt.step(...)`, `opt` an instance of the project
    optimizer class `class_name`, built on the parameters of `modules`) returns, as a kept
    collection of the module's parameters; None where its method does not return them."""
    if class_name is None or not modules or len(modules) != 1 or \
            not isinstance(call.func, cst.Attribute):
        return None
    imported = ctx.imports.aliases.get(class_name.partition(".")[0], "")
    if imported.partition(".")[0] in _LIBRARIES:
        return None  # torch's own optimizers return their loss
    method = _method(ctx, class_name, call.func.attr.value)
    if method is None:
        return None
    returned = returned_parameters(method)
    if returned is None:
        return None
    ctx.used(sem.OPTIMIZER_RETURNS_PARAMETERS)
    module = next(iter(modules))
    made = Tracked(Family.STATE_DICT, ctx.code(call), call,
                   VType(Kind.LIST, elem=VType(Kind.TENSOR)), receiver=module,
                   receiver_kind=PARAMETERS)
    position = returned[0]
    if position is None:
        return made
    index, length = position
    parts = tuple(made if i == index else None for i in range(length))
    return Tracked(Family.STATE_DICT, ctx.code(call), call, VType(Kind.UNKNOWN),
                   receiver=module, receiver_kind=PARAMETERS, parts=parts)


def _method(ctx: FileContext, class_name: str, name: str) -> Optional[cst.FunctionDef]:
    """The method `name` of the project class `class_name` (this module's, or imported
    from a module of the project)."""
    classes = ctx.callees.classes if ctx.callees is not None else {}
    found = classes.get(class_name)
    if found is None:
        imported = _imported_class(ctx, class_name)
        if imported is None:
            return None
        found = imported[0]
    return next((m for m in methods_of(found) if m.name.value == name), None)


def _imported_class(ctx: FileContext, name: str):
    """`(class, its module's context, where)` of a class imported from the project."""
    return ctx.follow_class(ctx, name) if ctx.follow_class is not None else None


def inherited_methods(ctx: FileContext, owner: cst.ClassDef, depth: int = 3
                      ) -> List[cst.FunctionDef]:
    """The methods `owner` inherits from its project base classes, of this module or of
    another one (`class UserpFedMe(User)`, `User` imported): they run on the same instance,
    so what they read of `self` is read by the class too."""
    found: List[cst.FunctionDef] = []
    classes = ctx.callees.classes if ctx.callees is not None else {}
    for base in owner.bases:
        name = dotted(base.value)
        if not name or depth <= 0:
            continue
        here = classes.get(name)
        if here is not None and here is not owner:
            found += list(methods_of(here)) + inherited_methods(ctx, here, depth - 1)
            continue
        imported = _imported_class(ctx, name)
        if imported is not None:
            cls, other, _ = imported
            found += list(methods_of(cls)) + inherited_methods(other, cls, depth - 1)
    return found
