"""Transforms bound where a dataset is built: `Digits(transform=Compose([ToTensor(),
Normalize(...)]))` in the training script binds `self.transform` of `Digits`.

For an attribute a class keeps from a constructor parameter (`self.transform = transform`),
every construction site in the project (and the parameter's default) gives one chain: the
project classes whose `__call__` runs on the value, in order. Composers (the framework's
`Compose` of `facts/frameworks.py`, or a project class whose `__call__` applies each member
of a list it was given in turn) contribute their members. A member the model cannot see (an
installed library's transform) ends the chain there: what it returns is unknown.

Registry pipelines: a member written as a config dict (`dict(type="Expand", ratio=2)` or
`{"type": "Expand"}`), in a list a composer builds through a registry (mmengine's and
mmcv's `Compose`, a project composer whose `__init__` calls `build_from_cfg(t, PIPELINES)`)
or given to `R.build(cfg)` / `build_from_cfg(cfg, R)`, is the project class registered under
that name (`model.registered`); a project registry the build names must be the one the class
is registered in. An unknown name, or a name registered to more than one class: unknown.
A name given where a list is expected (`pipeline=train_pipeline`) is followed to the one
module-level assignment it refers to (a config module the script imports).
"""

from typing import List, Optional, Tuple

from ..facts.frameworks import COMPOSERS, CONFIG_COMPOSERS, TRANSFORM_BASES, framework_of
from .model import ProjectModel, project_model_for

Chain = Tuple[str, ...]  # qualified names of project classes, applied in order
_MAX_CHAINS = 16
# Where config dicts of a list are built: `ANY_REGISTRY` (a framework composer, which finds
# the class in any registry of its scope), one project registry's qualified name, or None
# (not built: a dict cannot be called).
ANY_REGISTRY = "*"
Registry = Optional[str]


def bound_chains(model: ProjectModel, cls: str, attr: str) -> List[Chain]:
    """The chains of callables that `self.<attr>` of class `cls` may hold (deduplicated,
    empty chains left out). An attribute the class's framework keeps its transforms in
    (`facts/frameworks.py`) holds the constructor argument of the same name."""
    found = _kept_by(model, cls, attr)
    if found is None:
        return []
    param, owner, composed = found
    values: List[Tuple[str, tuple]] = []
    default = (model.class_entry(owner) or {}).get("defaults", {}).get(param)
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
        module, value = _followed(model, module, value)
        if value[0] == "list":  # composed: a list cannot be called, only applied in turn
            chain = tuple(_listed_members(model, module, value[1], 0, composed))
        else:
            chain = tuple(_members(model, module, value, 0))
        if chain and chain not in chains:
            chains.append(chain)
        if len(chains) >= _MAX_CHAINS:
            break
    return chains


def always_bound(model: ProjectModel, cls: str, attr: str, truthy: bool = False) -> bool:
    """Whether `self.<attr>` of class `cls` holds an object, never None, wherever the
    project builds the class: it keeps a constructor parameter there, and every
    construction site passes it a new object (a call of a class of the project or of a
    framework composer, or a list), or omits it where the default is one. False where the
    project builds the class nowhere, or a project class derives from it (its constructions
    pass the parameter on through code this reads not). `truthy`: the object also tests
    true (`if self.transform:`): a list with members, or an instance of a class defining
    neither `__bool__` nor `__len__`."""
    found = _kept_by(model, cls, attr)
    if found is None or found[1] != cls or any(q != cls for q in model.subclasses_of([cls])):
        return False
    param = found[0]
    sites = model.constructions(cls)
    if not sites:
        return False
    default = (model.class_entry(cls) or {}).get("defaults", {}).get(param)
    init_params = _init_params(model, cls)
    for site in sites:
        value = site.keywords.get(param)
        if value is None and param in init_params:
            index = init_params.index(param)
            if index < len(site.args):
                value = site.args[index]
        module = site.module
        if value is None:
            value, module = default, cls.rpartition(".")[0]
        if value is None or not _new_object(model, *_followed(model, module, value), truthy):
            return False
    return True


def _new_object(model: ProjectModel, module: str, value: tuple, truthy: bool = False) -> bool:
    if value[0] == "list":
        return not truthy or bool(value[1])
    if value[0] != "call":
        return False
    callee = model.resolve(module, value[1])
    if callee in COMPOSERS or callee in CONFIG_COMPOSERS:
        return True  # the frameworks' composers define neither `__bool__` nor `__len__`
    if callee is None or model.class_entry(callee) is None:
        return False
    return not truthy or all(_truthy_class(model, c) for c in model.ancestors(callee))


# Bases outside the project known to define neither `__bool__` nor `__len__`.
_TRUTHY_BASES = frozenset({"object", "torch.nn.Module"}) | frozenset(TRANSFORM_BASES)


def _truthy_class(model: ProjectModel, cls: str) -> bool:
    entry = model.class_entry(cls)
    if entry is None:
        return cls in _TRUTHY_BASES
    return not any(name in entry.get("methods", {}) for name in ("__bool__", "__len__"))


def file_always_bound(path: str, class_name: str, attr: str, truthy: bool = False) -> bool:
    """`always_bound` for the class `class_name` defined at the top of the linted file."""
    model = project_model_for(path)
    module = model.module_of(path) if model is not None else None
    if model is None or module is None:
        return False
    return always_bound(model, f"{module}.{class_name}", attr, truthy)


def construction_classes(model: ProjectModel, cls: str, attr: str) -> List[str]:
    """The classes whose construction sites `bound_chains(model, cls, attr)` reads."""
    found = _kept_by(model, cls, attr)
    if found is None:
        return []
    return [cls] + ([found[1]] if found[1] != cls else [])


def file_bound_chains(path: str, class_name: str, attr: str
                      ) -> Tuple[Optional[ProjectModel], List[Chain]]:
    """`bound_chains` for the class `class_name` defined at the top of the linted file
    `path`, with the project model that answered; `(None, [])` outside a project."""
    model = project_model_for(path)
    module = model.module_of(path) if model is not None else None
    if model is None or module is None:
        return model, []
    return model, bound_chains(model, f"{module}.{class_name}", attr)


def call_method(model: ProjectModel, cls: str) -> Optional[str]:
    """The method calling an instance of the project class `cls` runs, where the project
    defines it: its `__call__`, or the method a framework transform base's `__call__` runs
    (mmcv's `BaseTransform`: `transform`); None when the project defines neither."""
    chain = model.ancestors(cls)
    for index, ancestor in enumerate(chain):
        method = TRANSFORM_BASES.get(ancestor)
        if method is not None:  # the framework's own code is not read
            return method if any(method in (model.class_entry(c) or {}).get("methods", {})
                                 for c in chain[:index]) else None
        if "__call__" in (model.class_entry(ancestor) or {}).get("methods", {}):
            return "__call__"
    return None


def _kept_by(model: ProjectModel, cls: str, attr: str
             ) -> Optional[Tuple[str, str, Registry]]:
    """`(parameter, class whose __init__ keeps it, where its config dicts are built)`: a
    project class's `self.attr = param` (or `self.attr = Compose(param)` with a composer),
    else the framework's transform attribute of that name (the subclass's constructor
    argument of the same name)."""
    chain = model.ancestors(cls)
    for ancestor in chain:
        if framework_of([ancestor]) is not None:
            break  # the framework's own code is not read
        entry = model.class_entry(ancestor)
        if entry is None:
            continue
        if attr in entry.get("attr_params", {}):
            return entry["attr_params"][attr], ancestor, None
        wrapped = entry.get("attr_wrapped", {}).get(attr)
        if wrapped is not None:
            module = ancestor.rpartition(".")[0]
            registry = _composer_registry(model, model.resolve(module, wrapped[0]))
            if registry is not False:
                return wrapped[1], ancestor, registry
    framework = framework_of(chain)
    if framework is not None and attr in framework.transforms and \
            model.class_entry(cls) is not None:
        return attr, cls, ANY_REGISTRY if framework.builds_configs else None
    return None


def _composer_registry(model: ProjectModel, callee: Optional[str]):
    """Where the composer `callee` builds the config dicts of its list (`ANY_REGISTRY`, a
    project registry, None: not built); False when `callee` is no composer."""
    if callee in CONFIG_COMPOSERS:
        return ANY_REGISTRY
    if callee in COMPOSERS:
        return None
    entry = model.class_entry(callee) if callee else None
    if not callee or entry is None or not entry.get("composes"):
        return False
    built = entry.get("builds_from", [])
    if len(built) != 1:
        return None  # none, or several: which one builds a member is not known
    return model.resolve(callee.rpartition(".")[0], built[0])


def _init_params(model: ProjectModel, cls: str) -> List[str]:
    """The parameters of the nearest `__init__` in the project chain of `cls`."""
    owner = model.method_owner(cls, "__init__")
    entry = model.class_entry(owner) if owner else None
    return entry["methods"]["__init__"] if entry is not None else []


def _followed(model: ProjectModel, module: str, value: tuple, depth: int = 0
              ) -> Tuple[str, tuple]:
    """A name's one module-level value (`pipeline=train_pipeline`), in its own module."""
    while value[0] == "name" and depth < 4:
        found = model.assigned(module, value[1])
        if found is None:
            break
        module, value = found
        depth += 1
    return module, value


def _members(model: ProjectModel, module: str, value: tuple, depth: int,
             registry: Registry = None) -> List[str]:
    """The project classes a value calls in turn (stopping at the first unknown one)."""
    module, value = _followed(model, module, value)
    if depth > 4:
        return []
    config = _config_type(value)
    if config is not None:
        return _registered(model, config, registry)
    if value[0] != "call":
        return []
    built = _built(model, module, value)
    if built is not None:
        return _members(model, module, built[0], depth + 1, built[1])
    callee = model.resolve(module, value[1])
    if callee is None:
        return []
    listed = _composed_list(model, module, callee, value)
    if listed is not None:
        return _listed_members(model, listed[2], listed[0], depth, listed[1])
    entry = model.class_entry(callee)
    if entry is None or call_method(model, callee) is None:
        return []
    return [callee]


def _listed_members(model: ProjectModel, module: str, listed: list, depth: int,
                    registry: Registry = None) -> List[str]:
    chain: List[str] = []
    for member in listed:
        inner = _members(model, module, member, depth + 1, registry)
        chain.extend(inner)
        if not inner:
            break  # an unknown member: what follows it sees an unknown value
    return chain


def _composed_list(model: ProjectModel, module: str, callee: str, value: tuple
                   ) -> Optional[Tuple[list, Registry, str]]:
    """The list a composer is given, where its config dicts are built, and the module the
    list is written in (None: `callee` is no composer)."""
    registry = _composer_registry(model, callee)
    if registry is False:
        return None
    entry = model.class_entry(callee)
    if entry is not None and entry.get("composes"):
        param = entry["composes"]
        params = entry["methods"].get("__init__", [])
        index = params.index(param) if param in params else 0
    else:
        param, index = "transforms", 0
    args, keywords = value[2], value[3]
    listed = keywords.get(param) or (args[index] if index < len(args) else None)
    if listed is not None:
        module, listed = _followed(model, module, listed)
    if listed is None or listed[0] != "list":
        return [], registry, module
    return listed[1], registry, module


def _config_type(value: tuple) -> Optional[str]:
    """`"Expand"` for `dict(type="Expand", ...)` or `{"type": "Expand", ...}`, else None."""
    if value[0] == "dict":
        entries = value[1]
    elif value[0] == "call" and value[1] == "dict" and not value[2]:
        entries = value[3]
    else:
        return None
    kind = entries.get("type")
    if kind is None or kind[0] != "const":
        return None
    text = kind[1]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and \
            "\\" not in text:
        return text[1:-1]
    return None


def _built(model: ProjectModel, module: str, value: tuple) -> Optional[Tuple[tuple, Registry]]:
    """`(config, registry)` of `R.build(cfg)` or `build_from_cfg(cfg, R)`, else None."""
    callee, args = value[1], value[2]
    if callee.rpartition(".")[2] == "build_from_cfg" and len(args) >= 2 and \
            args[1][0] == "name":
        written = args[1][1]
    elif callee.endswith(".build") and len(args) == 1 and not value[3]:
        written = callee.rpartition(".")[0]
    else:
        return None
    registry = model.resolve(module, written)
    if registry is None:
        return None
    return args[0], registry


def _registered(model: ProjectModel, name: str, registry: Registry) -> List[str]:
    """The one project class registered as `name` where the build looks (`registry`),
    with a method its call runs; `[]` when none or several."""
    if registry is None:
        return []
    classes = {cls for where, cls in model.registered(name)
               if registry == ANY_REGISTRY or where == registry}
    if len(classes) != 1:
        return []
    [cls] = classes
    if model.class_entry(cls) is None or call_method(model, cls) is None:
        return []
    return [cls]
