"""Findings that belong to a transform's module: the transform is bound where a dataset of
another module is built, and changes that dataset's stored data in place.

Linting `transforms.py` alone shows a `Normalize.__call__` that writes into its argument;
only the project model knows that the training script hands it, through
`Digits(transform=Compose([ToTensor(), Normalize(...)]))`, a view of `Digits`'s stored
images. Each such dataset is analysed in its own module, and the changes made by this
module's code are reported here, on the line that makes them.
"""

from dataclasses import replace
from pathlib import Path
from typing import List, Set, Tuple

from ..analysis.imports import load_module
from ..core.findings import LINE_REF, Finding
from ..facts.frameworks import framework_of
from ..project.bindings import bound_chains, call_method
from ..project.model import project_model_for
from ..rules.catalogue import with_anchor
from ..rules.datasets import check_datasets


def findings_in_bound_transforms(filename: str, options) -> List[Finding]:
    model = project_model_for(filename)
    module = model.module_of(filename) if model is not None else None
    if module is None:
        return []
    here = str(Path(filename).resolve())
    mine = {f"{module}.{name}" for name, cls in model.entries[module]["classes"].items()
            if call_method(model, f"{module}.{name}") in cls["methods"]}
    datasets: Set[Tuple[str, str]] = set()
    for qualified in model.classes():
        owner = qualified.rpartition(".")[0]
        if owner == module or (model.method_owner(qualified, "__getitem__") is None and
                               framework_of(model.ancestors(qualified)) is None):
            continue
        for attr in _kept_attributes(model, qualified):
            if any(member in mine for chain in bound_chains(model, qualified, attr)
                   for member in chain):
                datasets.add((owner, qualified.rpartition(".")[2]))
    found: List[Finding] = []
    for owner in sorted({o for o, _ in datasets}):
        names = {n for o, n in datasets if o == owner}
        foreign = load_module(model.files[owner], tuple(options.copy_functions))
        callees = foreign.callees() if foreign is not None else None
        if callees is None:
            continue
        for region, _ in foreign.regions:
            ctx = replace(callees.ctx, module=region)
            for raw in check_datasets(ctx, region, callees.classes, names):
                if raw.bound_at is None or raw.bound_at[0] != here:
                    continue
                message = raw.message
                for name, node in raw.refs.items():
                    line_there = f"{foreign.line_of(node) or '?'} of {foreign.path.name}"
                    message = message.replace(LINE_REF.format(name), line_there)
                _, line, col, end_line, end_col = raw.bound_at
                found.append(Finding(line, col, raw.code, with_anchor(raw.code, message),
                                     end_line, end_col))
    return sorted(set(found), key=lambda f: (f.line, f.col, f.code))


def _kept_attributes(model, qualified: str) -> Set[str]:
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
