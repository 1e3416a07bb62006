"""What counts as a change of a module while a state_dict of it is kept, and as storing a
value into a container: one list for the cheap `ast` plan and for the libcst rules."""

import re
from typing import Dict, FrozenSet

# `train(model, opt)`, `trainer.fit(model)`, `scheduler.step()`: given the module or an
# optimizer, such a call may change the module's weights.
TRAINING_CALL = re.compile(r"(^|_)(train|fit|step|optimi[sz]e|update)(_|$)", re.I)
OPTIMIZER_NAME = re.compile(r"opt|scaler", re.I)
# Methods whose result holds the module's live tensors (True: as (name, tensor) pairs).
PARAMS_METHODS: Dict[str, bool] = {"parameters": False, "buffers": False,
                                   "named_parameters": True, "named_buffers": True}
# Methods that store their argument into the receiver (`history.append(model.state_dict())`).
STORE_METHODS: FrozenSet[str] = frozenset({"append", "insert", "add", "extend", "setdefault"})
