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

# What shows that the receiver of `state_dict()` is a torch module or optimizer (other
# objects' `state_dict()` — loops, trackers, schedulers — build new plain dicts each call).
# Classes deriving from these (in any module of the project) are modules.
MODULE_BASES: FrozenSet[str] = frozenset({
    "torch.nn.Module", "torch.nn.modules.module.Module", "pytorch_lightning.LightningModule",
    "lightning.pytorch.LightningModule", "lightning.LightningModule",
})
OPTIMIZER_BASES: FrozenSet[str] = frozenset({"torch.optim.Optimizer",
                                             "torch.optim.optimizer.Optimizer"})
# Constructors by qualified prefix: `torch.nn.Linear(...)`, `torchvision.models.resnet18()`.
MODULE_FACTORY_PREFIXES: Tuple[str, ...] = ("torch.nn.", "torchvision.models.")
NOT_MODULE_FACTORIES: Tuple[str, ...] = ("torch.nn.functional.", "torch.nn.init.",
                                         "torch.nn.utils.", "torch.nn.Parameter")
# `torch.optim.Adam(...)`; schedulers live under these and are not optimizers.
OPTIMIZER_FACTORY_PREFIX = "torch.optim."
NOT_OPTIMIZER_FACTORIES: Tuple[str, ...] = ("torch.optim.lr_scheduler.", "torch.optim.swa_utils.")
MODULE_FACTORIES_OUTSIDE: FrozenSet[str] = frozenset({"torch.optim.swa_utils.AveragedModel"})
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
# Framework callbacks: their `on_*` hooks are called between training steps and are given
# the module under this parameter name (Lightning: `on_validation_end(trainer, pl_module)`;
# Hugging Face: `on_evaluate(args, state, control, model=None, ...)`).
CALLBACK_BASES: Dict[str, str] = {
    "pytorch_lightning.Callback": "pl_module",
    "pytorch_lightning.callbacks.Callback": "pl_module",
    "lightning.pytorch.Callback": "pl_module",
    "lightning.pytorch.callbacks.Callback": "pl_module",
    "lightning.Callback": "pl_module",
    "transformers.TrainerCallback": "model",
}
