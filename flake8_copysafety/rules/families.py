"""The rule families the engine runs on every analysed region, in order.

A family is one walker over one kind of code (dataset classes, the functions that use their
items, state_dict users) and reports its own codes. A new family is a row here; the engine
(`engine/analyse.py`) runs whatever this table lists.
"""

from typing import Callable, Dict, List, NamedTuple, Tuple

import libcst as cst

from ..analysis.flow import FileContext
from ..plan.candidates import Plan
from .datasets import check_datasets
from .handed_out import check_item_users
from .reporting import RawFinding
from .state_dicts import check_state_dicts

# (one region's context, the region, the module's classes, the plan) -> raw findings
Check = Callable[[FileContext, cst.Module, Dict[str, cst.ClassDef], Plan], List[RawFinding]]


class RuleFamily(NamedTuple):
    name: str
    codes: Tuple[str, ...]
    check: Check


def _datasets(ctx: FileContext, region: cst.Module, classes: Dict[str, cst.ClassDef],
              chosen: Plan) -> List[RawFinding]:
    return check_datasets(ctx, region, classes, chosen.datasets)


def _item_users(ctx: FileContext, region: cst.Module, classes: Dict[str, cst.ClassDef],
                chosen: Plan) -> List[RawFinding]:
    if not chosen.item_users:
        return []
    return check_item_users(ctx, region, classes, chosen.derived_datasets, chosen.item_users)


def _state_dicts(ctx: FileContext, region: cst.Module, classes: Dict[str, cst.ClassDef],
                 chosen: Plan) -> List[RawFinding]:
    return check_state_dicts(ctx, chosen.state_dict_scopes, chosen.whole_module)


FAMILIES: Tuple[RuleFamily, ...] = (
    RuleFamily("datasets", ("CPS101", "CPS102", "CPS103", "CPS104"), _datasets),
    RuleFamily("handed-out items", ("CPS101", "CPS103"), _item_users),
    RuleFamily("state_dicts", ("CPS201", "CPS202", "CPS203"), _state_dicts),
)
