"""The `ast` plan's share of a project optimizer's returned parameters (CPS203): the lines
that keep what a method of an optimizer built on `x.parameters()` from a class other than
torch's returns (`theta = self.optimizer.step(w)`). The rule decides, from the class's
method, whether that is its param groups' live parameters (`analysis/optimizer_results.py`).
"""

import ast
from typing import List, Set

from ..core.ast_nodes import nodes_of
from ..core.names import ImportTable, dotted_ast


def optimizer_result_lines(tree: ast.Module, imports: ImportTable) -> List[int]:
    """Lines of `target = opt.method(...)` where `opt` is bound in the file to a call of a
    class not of torch given `<module>.parameters()` first."""
    built: Set[str] = set()
    kept = []
    for node in nodes_of(tree, ast.Assign):
        if not isinstance(node.value, ast.Call):
            continue
        call = node.value
        if _project_optimizer(call, imports):
            built.update(name for t in node.targets if (name := dotted_ast(t)))
        elif isinstance(call.func, ast.Attribute):
            kept.append((dotted_ast(call.func.value), node.lineno))
    # (`learner.opt.step(w)` in a function given the instance that built `self.opt`: the
    # attribute is the instance's, whatever the function calls it)
    fields = {name.partition(".")[2] for name in built if name.count(".") == 1}
    return sorted({line for owner, line in kept if owner in built or (
        owner and owner.count(".") == 1 and owner.partition(".")[2] in fields)}) \
        if built else []


def _project_optimizer(call: ast.Call, imports: ImportTable) -> bool:
    name = dotted_ast(call.func)
    if not name or not call.args:
        return False
    if (imports.qualify_name(name) or name).startswith("torch."):
        return False
    first = call.args[0]
    return isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute) and \
        first.func.attr in ("parameters", "named_parameters")
