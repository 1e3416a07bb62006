"""A Parameter given another tensor's memory: `p.data = d[k]`, `p.set_(d[k])`.

Neither copies: the Parameter then uses the entry's own tensor, so the dict `d` holds a live
tensor of the module from that statement on, and training the module changes `d` (a kept
"initial weights" dict rewound into the module this way is no longer the initial weights).
"""

from typing import Optional, Tuple

import libcst as cst

from ..core.names import dotted
from ..facts.semantics import SAME_TENSOR_ATTRIBUTES, SAME_TENSOR_METHODS


def adopted_entry(parameter: cst.BaseExpression, given: cst.BaseExpression
                  ) -> Optional[Tuple[str, str]]:
    """(the parameter's name, the dict's name) when `given` is an entry of a dict named in
    the code (`init[name]`, `self.init[k]`, `init[k].data`, `init[k].detach()`): the tensor
    the Parameter `parameter` adopts. None for anything that makes a new tensor (a clone,
    arithmetic, a conversion that may copy)."""
    owner = dotted(parameter)
    while True:
        if isinstance(given, cst.Attribute) and given.attr.value in SAME_TENSOR_ATTRIBUTES:
            given = given.value
        elif isinstance(given, cst.Call) and isinstance(given.func, cst.Attribute) and \
                given.func.attr.value in SAME_TENSOR_METHODS and not given.args:
            given = given.func.value
        else:
            break
    if owner is None or not isinstance(given, cst.Subscript) or len(given.slice) != 1:
        return None
    holder = dotted(given.value)
    return (owner, holder) if holder is not None else None


def data_assignment(target: cst.BaseExpression, rhs: Optional[cst.BaseExpression]
                    ) -> Optional[Tuple[str, str]]:
    """`p.data = d[k]`: what `adopted_entry` says of it."""
    if rhs is None or not isinstance(target, cst.Attribute) or target.attr.value != "data":
        return None
    return adopted_entry(target.value, rhs)


def set_call(call: cst.Call) -> Optional[Tuple[str, str]]:
    """`p.set_(d[k])` (one tensor given: the Parameter now views its storage)."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "set_") or \
            len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        return None
    return adopted_entry(func.value, call.args[0].value)
