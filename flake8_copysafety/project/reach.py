"""Which datasets' analysis may run the code of a module: the "reached from" facts.

A dataset's `__getitem__` reaches the code of other modules in three ways, and only these
(the analysis follows nothing else): a function it calls by a bare name it imports
(`from .inverse import push`, re-exports in a package `__init__.py` followed), a method its
class inherits from a base of another module (a mixin), and a transform bound where the
dataset is built (`Digits(transform=Compose([...]))`, `project.bindings`). The reached code
reaches further the same ways. A change of the dataset's stored data made there is reported
in that module, on the line that makes it (as well as at the dataset's call); the module
learns from these facts which datasets to analyse for it.

    reaching_modules(model, "pkg.transforms.inverse")  # {"pkg.data.dataset", ...}

The edges come from the model's entries alone (resolved imports and bases); the transforms
bound at construction sites (registry pipelines included) come from `project.bindings`, for
every dataset of the project at once, on the first query that needs them.

The answer for every module is computed in one pass (a walk forwards from each dataset's
module and from each bound transform's module, not one walk backwards per asking file),
reading only the modules that pass: those whose text names a dataset (`dataset_modules`) and
those a walk enters, not every module of the project; once per project index: it is stored
beside the model's entries (`model.reach_cache`), keyed by the index's digest, so that the
parallel workers of one run, and later runs, read it instead of computing it again.
"""

import weakref
from typing import Dict, FrozenSet, List, Literal, Optional, Set, Tuple

from ..facts.frameworks import dataset_bases, framework_of
from .bindings import bound_chains, construction_classes
from .model import ProjectModel


class _Derived:
    """What this module derives from one model's entries, computed once per model."""

    def __init__(self) -> None:
        self.callees: Dict[str, Set[str]] = {}  # module -> `_callees`
        self.modules: Optional[List[str]] = None  # `dataset_modules`
        self.datasets: Dict[str, bool] = {}  # qualified class -> indexing may run it
        self.bindings: Optional[List[Tuple[str, FrozenSet[str]]]] = None
        self.reach: Optional[Dict[str, FrozenSet[str]]] = None


_DERIVED: "weakref.WeakKeyDictionary[ProjectModel, _Derived]" = weakref.WeakKeyDictionary()


def _derived(model: ProjectModel) -> _Derived:
    found = _DERIVED.get(model)
    if found is None:
        found = _DERIVED[model] = _Derived()
    return found


def reaching_modules(model: ProjectModel, module: str) -> Set[str]:
    """The modules holding a dataset whose analysis may run code of `module` (`module`
    itself included when it holds one). Empty for a module the model does not index."""
    return set(reach_index(model).get(module, ()))  # each module it holds has an entry


def reached_from(model: ProjectModel, owner: str) -> Set[str]:
    """The other modules whose code the analysis of the datasets of `owner` may run."""
    return {module for module, owners in reach_index(model).items()
            if owner in owners and module != owner}


def reach_index(model: ProjectModel) -> Dict[str, FrozenSet[str]]:
    """module -> `reaching_modules` of it, for every module that some dataset reaches:
    read from the model's cache when stored for this index, else computed and stored."""
    derived = _derived(model)
    if derived.reach is None:
        derived.reach = model.stored_reach(lambda: _reach_of_all(model))
    return derived.reach


def _reach_of_all(model: ProjectModel) -> Dict[str, FrozenSet[str]]:
    """One walk forwards (along "the analysis enters that module from here") from each
    dataset's module, and from the modules of the classes each dataset binds as a
    transform where it is built: every module a walk visits is reached by its dataset.
    Only the modules a walk visits are indexed, and those `dataset_modules` reads."""
    walks: Dict[FrozenSet[str], Set[str]] = {}

    def visited(starts: FrozenSet[str]) -> Set[str]:
        if starts not in walks:
            seen = set(starts)
            queue = list(starts)
            while queue:
                for callee in _callees(model, queue.pop()):
                    if callee not in seen:
                        seen.add(callee)
                        queue.append(callee)
            walks[starts] = seen
        return walks[starts]

    found: Dict[str, Set[str]] = {}
    for module in dataset_modules(model):
        for reached in visited(frozenset((module,))):
            found.setdefault(reached, set()).add(module)
    _binding_modules(model, set())  # fills `bindings`
    for owner, members in _derived(model).bindings or ():
        starts = frozenset(module for module, name in (m.rpartition(".")[::2] for m in members)
                           if name in (model.entries.get(module) or {}).get("classes", ()))
        for reached in visited(starts):
            found.setdefault(reached, set()).add(owner)
    return {module: frozenset(owners) for module, owners in found.items()}


# A class is a dataset when its ancestry holds a class defining `__getitem__` or a base of
# the framework table: the text of its module, or of a module it derives from, names one.
_DATASET_NAMES = frozenset({"__getitem__"} | {q.rpartition(".")[2] for q in dataset_bases()})


def dataset_modules(model: ProjectModel) -> List[str]:
    """The modules holding a class that indexing may run (`dataset_classes`), in the order
    of `model.files`, found without indexing every module: a module's class derives from
    a dataset of another module only through a name its text holds, the dataset's own
    name or the name a module re-exporting it binds (`from .base import Base as B`). So,
    from the modules defining `__getitem__` or naming a framework base in a class's bases,
    the modules naming a dataset found so far, or such a re-exported name, in a class's
    bases or an import's rename (`model.modules_deriving`), are read in turn until none
    is new."""
    derived = _derived(model)
    if derived.modules is not None:
        return derived.modules
    names: Set[str] = set(_DATASET_NAMES)
    asked: Set[str] = set()
    read: List[str] = []  # modules whose classes were asked about, in the order read
    holding: Set[str] = set()
    new = set(names)
    while new:
        for module in model.modules_deriving(new, among=set(model.files) - set(read)):
            read.append(module)
            for name in dataset_classes(model, module):
                holding.add(module)
                names.add(name)
        asked |= new
        for module in read:  # names bound to a dataset (or a framework base) elsewhere
            entry = model.entries.get(module)
            for local, (_, _, name) in (entry or {}).get("imports", {}).items():
                if name is not None and name in names:
                    names.add(local)
        new = names - asked
    order = {module: index for index, module in enumerate(model.files)}
    derived.modules = sorted(holding, key=order.__getitem__)
    return derived.modules


def dataset_classes(model: ProjectModel, module: str) -> List[str]:
    """The module's datasets: a base of the framework table, or a `__getitem__` and a
    `__len__` of their own or inherited (as the module's own lint decides: an indexable
    class without a length is no map-style dataset)."""
    entry = model.entries.get(module)
    if entry is None:
        return []
    return [name for name in entry["classes"] if _is_dataset(model, f"{module}.{name}")]


def _is_dataset(model: ProjectModel, qualified: str) -> bool:
    known = _derived(model).datasets
    if qualified not in known:
        known[qualified] = framework_of(model.ancestors(qualified)) is not None or all(
            model.method_owner(qualified, name) is not None
            for name in ("__getitem__", "__len__"))
    return known[qualified]


def _has_dataset(model: ProjectModel, module: str) -> bool:
    return bool(dataset_classes(model, module))


def _binding_modules(model: ProjectModel, classes: Set[str]) -> Set[str]:
    """The modules of datasets that bind one of `classes` as a transform where they are
    built (a member of a chain of an attribute that may hold transforms)."""
    derived = _derived(model)
    if derived.bindings is None:
        derived.bindings = []
        datasets = [f"{module}.{name}" for module in dataset_modules(model)
                    for name in dataset_classes(model, module)]
        # Where the datasets are built: every module found in one pass for all of them.
        model.find_constructions({site.rpartition(".")[2] for q in datasets
                                  for attr in _kept_attributes(model, q)
                                  for site in construction_classes(model, q, attr)})
        for qualified in datasets:
            members = frozenset(member for attr in _kept_attributes(model, qualified)
                                for chain in bound_chains(model, qualified, attr)
                                for member in chain)
            if members:
                derived.bindings.append((qualified.rpartition(".")[0], members))
    return {owner for owner, members in derived.bindings if members & classes}


def _kept_attributes(model: ProjectModel, qualified: str) -> Set[str]:
    """The attributes that may hold transforms given where the dataset is built: kept from
    a constructor parameter (as it is, or composed), or the framework's transform ones."""
    kept: Set[str] = set()
    chain = model.ancestors(qualified)
    for ancestor in chain:
        entry = model.class_entry(ancestor)
        if entry is not None:
            kept |= set(entry.get("attr_params", {})) | set(entry.get("attr_wrapped", {}))
    framework = framework_of(chain)
    if framework is not None:
        kept |= set(framework.transforms)
    return kept


def _callees(model: ProjectModel, module: str) -> Set[str]:
    """The other modules `module` imports a function from, or derives a class from one of
    their classes (the ways the analysis enters another module from it)."""
    derived = _derived(model)
    found = derived.callees.get(module)
    if found is None:
        found = set()
        entry = model.entries.get(module)
        for local, (_, _, name) in (entry or {}).get("imports", {}).items():
            if name is None:
                continue  # `import a.b`: its functions are called as `b.f()`, not followed
            target = _defining_module(model, model.resolve(module, local), "functions")
            if target is not None and target != module:
                found.add(target)
        for name in (entry or {}).get("classes", ()):
            for base in model.bases(f"{module}.{name}"):
                target = _defining_module(model, base, "classes")
                if target is not None and target != module:
                    found.add(target)
        derived.callees[module] = found
    return found


def _defining_module(model: ProjectModel, qualified,
                     kind: Literal["classes", "functions"]):
    if not qualified:
        return None
    module, _, name = qualified.rpartition(".")
    entry = model.entries.get(module)
    return module if entry is not None and name in entry[kind] else None
