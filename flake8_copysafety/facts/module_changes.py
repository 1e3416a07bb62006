"""What counts as a change of a module while a state_dict of it is kept, and as storing a
value into a container: one list for the cheap `ast` plan and for the libcst rules."""

import re
from typing import Dict, FrozenSet, Tuple

# `train(model, opt)`, `trainer.fit(model)`, `scheduler.step()`: given the module or an
# optimizer, such a call may change the module's weights. Not "update": a call given the
# module named so mostly updates something else from it (`ema.update(model)`,
# `quantizer.update_missing_keys(model)`).
TRAINING_CALL = re.compile(r"(^|_)(train|fit|step|optimi[sz]e)(_|$)", re.I)
OPTIMIZER_NAME = re.compile(r"opt|scaler", re.I)
# Methods whose result holds the module's live tensors (True: as (name, tensor) pairs).
PARAMS_METHODS: Dict[str, bool] = {"parameters": False, "buffers": False,
                                   "named_parameters": True, "named_buffers": True}
# Methods that store their argument into the receiver (`history.append(model.state_dict())`).
STORE_METHODS: FrozenSet[str] = frozenset({"append", "insert", "add", "extend", "setdefault"})

# Methods only a module has (with `state_dict()`): using one shows the receiver is a module.
MODULE_METHODS: FrozenSet[str] = frozenset({
    "parameters", "named_parameters", "buffers", "named_buffers", "modules", "named_modules",
    "children", "named_children", "forward", "to", "cuda", "train", "eval", "register_buffer",
})
OPTIMIZER_ATTRIBUTES: FrozenSet[str] = frozenset({"param_groups", "add_param_group"})
# Module methods that return the module itself (`nn.Linear(2, 2).to(device)`).
SELF_RETURNING_METHODS: FrozenSet[str] = frozenset({
    "to", "cuda", "cpu", "train", "eval", "float", "half", "double", "bfloat16",
    "requires_grad_", "share_memory",
})


# Comparing a changed state_dict with anything treats it as separate from its module.
COMPARISONS: FrozenSet[str] = frozenset({"equal", "allclose", "isclose", "assert_close",
                                         "assertEqual"})
# Calls given a module that do not change it (a restore of a snapshot after them still
# restores nothing only if something else changed the module).
NOT_CHANGING: FrozenSet[str] = frozenset({
    "state_dict", "load_state_dict", "save", "print", "len", "id", "isinstance", "deepcopy",
    "copy", "eval", "parameters", "named_parameters", "to", "cuda", "cpu", "info", "debug",
    "warning", "format", "str", "repr", "type"})
# Calls that read only a container's keys (or its length): no live value is observed.
KEY_READERS: FrozenSet[str] = frozenset({"len", "list", "sorted", "set", "tuple", "iter"})
# A state_dict() passed straight to one of these is consumed at once: nothing is kept.
STATE_DICT_CONSUMERS: FrozenSet[str] = frozenset({"save", "load_state_dict", "deepcopy",
                                                  "print", "len", "set_state_dict"})
# Differentiation functions, with the (position, keyword) of the tensors the gradients are
# taken with respect to: those are graph nodes, used by identity and never read for their
# values (a copy is not in the graph, and `autograd.grad` raises on it). Positions are those of
# the installed torch's signatures (`tests/test_api_facts.py` checks them).
DIFFERENTIATION_INPUTS: Dict[str, Tuple[int, str]] = {
    "torch.autograd.grad": (1, "inputs"),
    "torch.autograd.backward": (5, "inputs"),
}
# Learning-rate schedulers: built on an optimizer, their `step()` sets the param groups' `lr`
# and never changes a parameter (`ReduceLROnPlateau(opt).step(loss)`).
LR_SCHEDULER_FACTORIES: Tuple[str, ...] = ("torch.optim.lr_scheduler.",
                                           "torch.optim.swa_utils.SWALR")
