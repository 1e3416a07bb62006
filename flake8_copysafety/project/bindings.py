"""Transforms bound where a dataset is built: `Digits(transform=Compose([ToTensor(),
Normalize(...)]))` in the training script binds `self.transform` of `Digits`.

For an attribute a class keeps from a constructor parameter (`self.transform = transform`),
every construction site in the project (and the parameter's default) gives one chain: the
project classes whose `__call__` runs on the value, in order. Composers (the framework's
`Compose` of `facts/frameworks.py`, or a project class whose `__call__` applies each member
of a list it was given in turn) contribute their members. A member the model cannot see (an
installed library's transform) ends the chain there: what it returns is unknown.
"""

from typing import List, Optional, Tuple

from ..facts.frameworks import COMPOSERS, framework_of
from .model import ProjectModel, project_model_for

Chain = Tuple[str, ...]  # qualified names of project classes, applied in order
_MAX_CHAINS = 16


def bound_chains(model: ProjectModel, cls: str, attr: str) -> List[Chain]:
    """The chains of callables that `self.<attr>` of class `cls` may hold (deduplicated,
    empty chains left out). An attribute the class's framework keeps its transforms in
    (`facts/frameworks.py`) holds the constructor argument of the same name."""
    found = _kept_by(model, cls, attr)
    if found is None:
        return []
    param, owner = found
    values: List[Tuple[str, tuple]] = []
    default = model.class_entry(owner).get("defaults", {}).get(param)
    if default is not None:
        values.append((owner.rpartition(".")[0], default))
    for site_cls in [cls] + ([owner] if owner != cls else []):
        init_params = _init_params(model, site_cls)  # the signature the site calls
        for site in model.constructions(site_cls):
            value = site.keywords.get(param)
            if value is None and param in init_params:
                index = init_params.index(param)
                if index < len(site.args):
                    value = site.args[index]
            if value is not None:
                values.append((site.module, value))
    chains: List[Chain] = []
    for module, value in values:
        if value[0] == "list":  # composed: a list cannot be called, only applied in turn
            chain = tuple(_listed_members(model, module, value[1], 0))
        else:
            chain = tuple(_members(model, module, value, 0))
        if chain and chain not in chains:
            chains.append(chain)
        if len(chains) >= _MAX_CHAINS:
            break
    return chains


def file_bound_chains(path: str, class_name: str, attr: str
                      ) -> Tuple[Optional[ProjectModel], List[Chain]]:
    """`bound_chains` for the class `class_name` defined at the top of the linted file
    `path`, with the project model that answered; `(None, [])` outside a project."""
    model = project_model_for(path)
    module = model.module_of(path) if model is not None else None
    if module is None:
        return model, []
    return model, bound_chains(model, f"{module}.{class_name}", attr)


def _kept_by(model: ProjectModel, cls: str, attr: str) -> Optional[Tuple[str, str]]:
    """`(parameter, class whose __init__ keeps it)`: a project class's `self.attr = param`,
    else the framework's transform attribute of that name (the subclass's constructor
    argument of the same name)."""
    chain = model.ancestors(cls)
    for ancestor in chain:
        if framework_of([ancestor]) is not None:
            break  # the framework's own code is not read
        entry = model.class_entry(ancestor)
        if entry is not None and attr in entry.get("attr_params", {}):
            return entry["attr_params"][attr], ancestor
    framework = framework_of(chain)
    if framework is not None and attr in framework.transforms and \
            model.class_entry(cls) is not None:
        return attr, cls
    return None


def _init_params(model: ProjectModel, cls: str) -> List[str]:
    """The parameters of the nearest `__init__` in the project chain of `cls`."""
    owner = model.method_owner(cls, "__init__")
    return model.class_entry(owner)["methods"]["__init__"] if owner else []


def _members(model: ProjectModel, module: str, value: tuple, depth: int) -> List[str]:
    """The project classes a value calls in turn (stopping at the first unknown one)."""
    if depth > 4 or value[0] != "call":
        return []
    callee = model.resolve(module, value[1])
    if callee is None:
        return []
    listed = _composed_list(model, callee, value)
    if listed is not None:
        return _listed_members(model, module, listed, depth)
    entry = model.class_entry(callee)
    if entry is None or model.method_owner(callee, "__call__") is None:
        return []
    return [callee]


def _listed_members(model: ProjectModel, module: str, listed: list, depth: int) -> List[str]:
    chain: List[str] = []
    for member in listed:
        inner = _members(model, module, member, depth + 1)
        chain.extend(inner)
        if not inner:
            break  # an unknown member: what follows it sees an unknown value
    return chain


def _composed_list(model: ProjectModel, callee: str, value: tuple) -> Optional[list]:
    entry = model.class_entry(callee)
    param = None
    if entry is not None and entry.get("composes"):
        param = entry["composes"]
        params = entry["methods"].get("__init__", [])
        index = params.index(param) if param in params else 0
    elif callee in COMPOSERS:
        param, index = "transforms", 0
    else:
        return None
    args, keywords = value[2], value[3]
    listed = keywords.get(param) or (args[index] if index < len(args) else None)
    if listed is None or listed[0] != "list":
        return []
    return listed[1]
