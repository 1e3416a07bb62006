"""Values that are live references into a module: `state_dict()` and `parameters()` results."""

from typing import Optional, Tuple

import libcst as cst

from ..core.names import dotted
from ..facts import semantics as sem
from ..facts.module_changes import PARAMS_METHODS, SELF_RETURNING_METHODS
from ..facts.semantics import DEVICE_MOVES as _DEVICE_METHODS
from ..facts.semantics import SAME_TENSOR_ATTRIBUTES as _SAME_TENSOR_ATTRS
from ..facts.semantics import SAME_TENSOR_METHODS as _SAME_TENSOR_METHODS
from ..facts.semantics import Kind
from .flow import FileContext
from .values import Family, Tracked, VType

# A module's state_dict maps names to live tensors. An optimizer's has "state" (per-parameter
# dicts of live tensors, in a new outer dict) and "param_groups" (new dicts: not live).
_STATE_DICT_TYPE = VType(Kind.DICT, elem=VType(Kind.TENSOR), fields=(
    ("state", VType(Kind.DICT, elem=VType(Kind.DICT, elem=VType(Kind.TENSOR)))),
    ("param_groups", VType(Kind.SCALAR)),
))
STATE_DICT_TYPE = _STATE_DICT_TYPE


def state_dict_source(ctx: FileContext, node: cst.BaseExpression,
                      path: Optional[Tuple[str, ...]] = None) -> Optional[Tracked]:
    """`m.state_dict()` (live references into `m`) or `m.parameters()` (to notice changes).

    A `state_dict()` counts only where `m` is shown to be a module or an optimizer in the
    function at def path `path` (`plan/receivers.py` says what shows it); other objects'
    `state_dict()` methods build new dicts."""
    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
        return None
    method = node.func.attr.value
    receiver = node.func.value
    if method == "state_dict":
        inner = receiver
        while isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) and \
                inner.func.attr.value in SELF_RETURNING_METHODS:
            inner = inner.func.value  # `copy.deepcopy(m).cpu()` returns the copy
        if isinstance(inner, cst.Call) and ctx.imports.qualify(
                inner.func) == "copy.deepcopy":
            ctx.used("function:copy.deepcopy")
            return None  # the state_dict of a deep copy is a real snapshot
        # `m.cpu()` is `m` itself: the dict is live in `m`, and `m`'s changes reach it
        text = dotted(inner) or dotted(receiver) or ctx.code(receiver)
        kind = None
        if ctx.receivers is not None:
            kind = ctx.receivers.kind(path or (), text)
            if kind is None:
                return None
        return Tracked(Family.STATE_DICT, ctx.code(node), node, _STATE_DICT_TYPE,
                       receiver=text, receiver_kind=kind)
    if method in PARAMS_METHODS:
        param = VType(Kind.TENSOR)
        elem = VType(Kind.TUPLE, items=(VType(Kind.SCALAR), param)) \
            if PARAMS_METHODS[method] else param
        return Tracked(Family.PARAMS, ctx.code(node), node, VType(Kind.LIST, elem=elem),
                       receiver=dotted(receiver))
    return None


# The receiver kind of a kept collection of a module's live parameters (CPS203).
PARAMETERS = "parameters"
_SEQUENCES = {"list": Kind.LIST, "tuple": Kind.LIST, "dict": Kind.DICT}


def parameter_snapshot(ctx: FileContext, node: cst.BaseExpression,
                       path: Optional[Tuple[str, ...]] = None) -> Optional[Tracked]:
    """A collection that keeps a module's live parameter tensors: `list(m.parameters())`,
    `dict(m.named_parameters())`, `[p for p in m.parameters()]`,
    `{n: p.data for n, p in m.named_parameters()}`, `copy.copy(m)` (a new module object
    holding the same parameter tensors). Not `[p.detach().clone() ...]` nor
    `copy.deepcopy(m)`: they copy. Only where `m` is shown to be a module."""
    if isinstance(node, cst.Call):
        qualified = ctx.imports.qualify(node.func)
        args = [a for a in node.args if a.keyword is None and not a.star]
        if len(args) != 1 or len(node.args) != 1:
            return None
        if qualified == "copy.copy":
            receiver = dotted(args[0].value)
            if receiver is None or not _is_module(ctx, path, receiver):
                return None
            ctx.used(sem.MODULE_SHALLOW_COPY)
            return _made(ctx, node, receiver, Kind.UNKNOWN, None)
        kind = _SEQUENCES.get(qualified or "")
        source = _params_call(args[0].value)
        if kind is None or source is None:
            return None
        receiver, named = source
        if kind is Kind.DICT and not named:
            return None
        if not _is_module(ctx, path, receiver):
            return None
        ctx.used(sem.PARAMETERS_LIVE)
        return _made(ctx, node, receiver, kind, None)
    if isinstance(node, (cst.ListComp, cst.DictComp)):
        comp = node.for_in
        if comp.inner_for_in is not None or comp.ifs:
            return None
        source = _params_call(comp.iter)
        if source is None:
            return None
        receiver, named = source
        target = comp.target
        if named:
            if not (isinstance(target, cst.Tuple) and len(target.elements) == 2
                    and isinstance(target.elements[1].value, cst.Name)):
                return None
            var = target.elements[1].value.value
        else:
            if not isinstance(target, cst.Name):
                return None
            var = target.value
        element = node.value if isinstance(node, cst.DictComp) else node.elt
        if isinstance(node, cst.ListComp) and named and isinstance(element, cst.Tuple):
            element = element.elements[-1].value if element.elements else element
        via = _same_tensor(element, var)
        if via is None:
            return None
        if not _is_module(ctx, path, receiver):
            return None
        ctx.used(sem.PARAMETERS_LIVE)
        kind = Kind.DICT if isinstance(node, cst.DictComp) else Kind.LIST
        return _made(ctx, node, receiver, kind, via or None)
    return None


def live_value(ctx: FileContext, node: cst.BaseExpression,
               path: Optional[Tuple[str, ...]] = None) -> Optional[Tracked]:
    """What a helper's summary counts as live: a `state_dict()` result, or a kept collection
    of parameters (a helper returning `list(m.parameters())` hands its caller one)."""
    made = state_dict_source(ctx, node, path)
    if made is not None:
        return made
    if ctx.receivers is None and isinstance(node, cst.Call) and \
            ctx.imports.qualify(node.func) == "copy.copy":
        return None  # no evidence the argument is a module (a sample's shallow copy)
    return parameter_snapshot(ctx, node, path)


def _made(ctx: FileContext, node: cst.BaseExpression, receiver: str, kind: Kind,
          device_via: Optional[str]) -> Tracked:
    vtype = VType(kind, elem=VType(Kind.TENSOR)) if kind is not Kind.UNKNOWN else \
        VType(Kind.UNKNOWN)
    return Tracked(Family.STATE_DICT, ctx.code(node), node, vtype, receiver=receiver,
                   receiver_kind=PARAMETERS, device_via=device_via)


def _params_call(node: cst.BaseExpression) -> Optional[Tuple[str, bool]]:
    """`m.parameters()` -> ("m", False), `m.named_parameters()` -> ("m", True)."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and \
            node.func.attr.value in ("parameters", "named_parameters") and not node.args:
        receiver = dotted(node.func.value)
        if receiver is not None:
            return receiver, node.func.attr.value == "named_parameters"
    return None


def _same_tensor(element: cst.BaseExpression, var: str) -> Optional[str]:
    """"" when `element` is the loop variable itself (or `.data`, `.detach()` of it), the
    move's text when it is moved to a device (`p.cpu()`: the same tensor on the CPU), None
    when it is anything else (a clone, arithmetic)."""
    via = ""
    while True:
        if isinstance(element, cst.Name):
            return via if element.value == var else None
        if isinstance(element, cst.Attribute) and element.attr.value in _SAME_TENSOR_ATTRS:
            element = element.value
            continue
        if isinstance(element, cst.Call) and isinstance(element.func, cst.Attribute):
            func, method = element.func, element.func.attr.value
            if method in _SAME_TENSOR_METHODS and not element.args:
                element = func.value
                continue
            if method in _DEVICE_METHODS:
                via = f".{method}()" if method == "cpu" else ".to(...)"
                element = func.value
                continue
        return None


def _is_module(ctx: FileContext, path: Optional[Tuple[str, ...]], receiver: str) -> bool:
    if ctx.receivers is None:
        return True
    return ctx.receivers.kind(path or (), receiver) == "module"  # plan.receivers.MODULE
