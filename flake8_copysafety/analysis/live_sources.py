"""Values that are live references into a module: `state_dict()` and `parameters()` results."""

from typing import Optional, Tuple

import libcst as cst

from ..core.names import dotted
from ..facts.module_changes import PARAMS_METHODS
from ..facts.semantics import Kind
from .flow import FileContext
from .values import Family, Tracked, VType

# A module's state_dict maps names to live tensors. An optimizer's has "state" (per-parameter
# dicts of live tensors, in a new outer dict) and "param_groups" (new dicts: not live).
_STATE_DICT_TYPE = VType(Kind.DICT, elem=VType(Kind.TENSOR), fields=(
    ("state", VType(Kind.DICT, elem=VType(Kind.DICT, elem=VType(Kind.TENSOR)))),
    ("param_groups", VType(Kind.SCALAR)),
))


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
        if isinstance(receiver, cst.Call) and ctx.imports.qualify(
                receiver.func) == "copy.deepcopy":
            ctx.used("function:copy.deepcopy")
            return None  # the state_dict of a deep copy is a real snapshot
        text = dotted(receiver) or ctx.code(receiver)
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
