"""A Parameter given another tensor's memory: `p.data = d[k]`, `p.set_(d[k])`.

Neither copies: the Parameter then uses the entry's own tensor, so the dict `d` holds a live
tensor of the module from that statement on, and training the module changes `d` (a kept
"initial weights" dict rewound into the module this way is no longer the initial weights).
"""

from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst

from ..core.names import dotted
from ..facts.semantics import SAME_TENSOR_ATTRIBUTES, SAME_TENSOR_METHODS
from .walk_core import string_key


NameOf = Callable[[cst.BaseExpression], Optional[str]]


def adopted_entry(parameter: cst.BaseExpression, given: cst.BaseExpression,
                  name_of: NameOf = dotted) -> Optional[Tuple[str, str]]:
    """(the parameter's name, the dict's name) when `given` is an entry of a dict named in
    the code (`init[name]`, `self.init[k]`, `init[k].data`, `init[k].detach()`): the tensor
    the Parameter `parameter` adopts. None for anything that makes a new tensor (a clone,
    arithmetic, a conversion that may copy). `name_of` names an expression (a walker
    names `sample["value"]` by the name the sample holds)."""
    owner = name_of(parameter)
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
    holder = name_of(given.value)
    return (owner, holder) if holder is not None else None


def data_assignment(target: cst.BaseExpression, rhs: Optional[cst.BaseExpression],
                    name_of: NameOf = dotted) -> Optional[Tuple[str, str]]:
    """`p.data = d[k]`: what `adopted_entry` says of it."""
    if rhs is None or not isinstance(target, cst.Attribute) or target.attr.value != "data":
        return None
    return adopted_entry(target.value, rhs, name_of)


def set_call(call: cst.Call, name_of: NameOf = dotted) -> Optional[Tuple[str, str]]:
    """`p.set_(d[k])` (one tensor given: the Parameter now views its storage)."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "set_") or \
            len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        return None
    return adopted_entry(func.value, call.args[0].value, name_of)


def loop_parameters(func: cst.FunctionDef) -> Dict[str, str]:
    """`for name, p in m.named_parameters()` / `for p in m.parameters()`: {"p": "m"}."""
    found: Dict[str, str] = {}

    class Loops(cst.CSTVisitor):
        def visit_For(self, node: cst.For) -> None:
            it = node.iter
            if not (isinstance(it, cst.Call) and isinstance(it.func, cst.Attribute) and
                    it.func.attr.value in ("parameters", "named_parameters") and not it.args):
                return
            module = dotted(it.func.value)
            target: cst.BaseExpression = node.target
            if isinstance(target, cst.Tuple) and it.func.attr.value == "named_parameters" \
                    and len(target.elements) == 2:
                target = target.elements[1].value
            if module is not None and isinstance(target, cst.Name):
                found[target.value] = module

    func.body.visit(Loops())
    return found


def adoptions_of(func: cst.FunctionDef) -> List[Tuple[cst.CSTNode, int, str, bool]]:
    """What a helper makes live in a module, as its caller sees it: (the statement, the index
    of the parameter whose dict the Parameter adopts an entry of, the module: a parameter's
    name or a name the helper does not bind, such as a `global`; whether the helper shows it
    is a module by looping over its parameters). `def rewind(init): for n, p in
    model.named_parameters(): p.data = init[n]` -> [(stmt, 0, "model", True)]."""
    params = [p.name.value for p in func.params.params]
    loops = loop_parameters(func)
    found: List[Tuple[cst.CSTNode, int, str, bool]] = []

    bound = {t.value for t in assigned_names(func)} - set(params)
    samples = literal_samples(func)

    def name_of(node: cst.BaseExpression) -> Optional[str]:
        """`sample["value"]` is `param` where `sample = {"value": param}`."""
        if isinstance(node, cst.Subscript):
            held = samples.get(dotted(node.value) or "", {})
            key = string_key(node)
            if key is not None and key in held:
                return held[key]
        return dotted(node)

    def note(stmt: cst.CSTNode, adopted: Optional[Tuple[str, str]]) -> None:
        if adopted is None or adopted[1] not in params:
            return
        parameter, holder = adopted
        module = loops.get(parameter) or parameter.rpartition(".")[0]
        if module and module.partition(".")[0] not in bound:
            found.append((stmt, params.index(holder), module, parameter in loops))

    adoption_sites(func, name_of, note)
    return found


def adoption_sites(func: cst.FunctionDef,
                   name_of: Callable[[cst.BaseExpression], Optional[str]],
                   note: Callable[[cst.CSTNode, Optional[Tuple[str, str]]], None]) -> None:
    """`note(statement, (parameter, holder) or None)` for each assignment and call of
    `func`'s own body (its nested functions are theirs): where a Parameter may adopt a
    dict's entry (`p.data = d[k]`, `p.set_(d[k])`)."""

    class Sites(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                note(node, data_assignment(target.target, node.value, name_of))

        def visit_Call(self, node: cst.Call) -> None:
            note(node, set_call(node, name_of))

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is func

    func.visit(Sites())


def literal_samples(func: cst.FunctionDef) -> Dict[str, Dict[str, str]]:
    """`sample = {"value": param}` in the function: {"sample": {"value": "param"}} (a dict
    made here whose string keys hold names)."""
    found: Dict[str, Dict[str, str]] = {}

    class Samples(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name) or \
                    not isinstance(node.value, cst.Dict):
                return
            entries: Dict[str, str] = {}
            for element in node.value.elements:
                if isinstance(element, cst.DictElement) and \
                        isinstance(element.key, cst.SimpleString):
                    held = dotted(element.value)
                    if held is not None:
                        entries[str(element.key.evaluated_value)] = held
            found[node.targets[0].target.value] = entries

    func.body.visit(Samples())
    return found


def assigned_names(func: cst.FunctionDef) -> List[cst.Name]:
    """The plain names the function binds by assignment (its locals, unless `global`)."""
    names: List[cst.Name] = []
    declared: List[str] = []

    class Binds(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            if isinstance(node.target, cst.Name):
                names.append(node.target)

        def visit_Global(self, node: cst.Global) -> None:
            declared.extend(n.name.value for n in node.names)

    func.body.visit(Binds())
    return [n for n in names if n.value not in declared]


def loads_of(func: cst.FunctionDef) -> List[Tuple[int, str, Optional[int]]]:
    """What a plain function loads into a module it is given, as its caller sees it: (the
    index of the parameter holding the module, the attribute path below it, the index of
    the parameter whose dict is loaded, if one is). `def set_params(model, sd):
    model.load_state_dict(sd)` -> [(0, "", 1)]; `net.encoder.load_state_dict(...)` ->
    (i, ".encoder", ...). `load_state_dict` copies the dict's values into the module's
    own tensors: the caller's module changes at the call (its kept snapshots are stale)."""
    params = [p.name.value for p in list(func.params.posonly_params) + list(func.params.params)]
    bound = {t.value for t in assigned_names(func)}
    found: List[Tuple[int, str, Optional[int]]] = []

    class Loads(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            callee = node.func
            if not (isinstance(callee, cst.Attribute) and callee.attr.value == "load_state_dict"
                    and node.args):
                return
            module = dotted(callee.value)
            head, dot, rest = (module or "").partition(".")
            if head not in params or head in bound:
                return
            given = node.args[0].value
            source = dotted(given)
            loaded = params.index(source) if source in params and source not in bound else None
            found.append((params.index(head), dot + rest, loaded))

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is func

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

    func.visit(Loads())
    return found
