"""Findings that belong to another module than the dataset's: the code that changes the
stored data lives there (a transform bound where the dataset is built, a helper function it
imports, a mixin's method) and the dataset's `__getitem__` reaches it.

Linting `inverse.py` alone shows a `push_transform` that appends to its argument; only the
project model knows that a dataset of `dataset.py` hands it, through a transform, a record
it stores. Such a change is reported twice, on two lines of two files: here, on the line
that makes it, and in the dataset's module, on the statement that hands the stored data to it
(`engine/analyse.py`), so that linting either file alone (an editor's save, a hook on
staged files) shows it; a `noqa` on either line silences that line. The dataset's module
is analysed once per process and content for every module it reaches, from every class
and function it defines, as a module another one imports (`analysis/imports.py`).
"""

from dataclasses import replace
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple

from ..core.findings import LINE_REF, Finding
from ..plan.reach_gate import may_be_reached
from ..project.module_paths import file_digest
from ..project.model import project_model_for, project_roots
from ..project.reach import dataset_classes, reach_index, reaching_modules

_analysed: Dict[tuple, Tuple[List[Tuple[str, Finding]], tuple]] = {}


def prepare_projects(paths, options=None, jobs: int = 1) -> None:
    """Build (or read) the model's digest and reach index of the projects of `paths` here,
    before parallel workers start: forked workers inherit them, others read them from the
    cache on disk, instead of each hashing and building them. With `options`, the analysis
    of every dataset module that reaches another module is done here too, shared out over
    `jobs` processes, so that each worker inherits it instead of doing all of it again."""
    done = set()
    wanted: List[Tuple[str, FrozenSet[str]]] = []
    for path in paths:
        roots = tuple(project_roots(path))
        if not roots or roots in done:
            continue
        done.add(roots)
        model = project_model_for(path)
        if model is not None:
            index = reach_index(model)
            if options is not None:
                wanted.extend(_owners_asked(model, index))
    if wanted:
        _analyse_ahead(sorted(set(wanted)), options, jobs)


def _owners_asked(model, index) -> List[Tuple[str, FrozenSet[str]]]:
    """`(file, dataset classes)` of the dataset modules that `findings_reached_here` will
    ask about: those reaching another module whose text may hold the line of a change."""
    owners = set()
    for module, reaching in index.items():
        others = reaching - {module}
        if not others or module not in model.files:
            continue
        path = model.files[module]
        data = _read(path)
        if data is not None and may_be_reached(data, str(path)):
            owners |= others
    return [(str(model.files[o]), frozenset(dataset_classes(model, o)))
            for o in owners if o in model.files]


def _analyse_ahead(wanted: List[Tuple[str, FrozenSet[str]]], options, jobs: int) -> None:
    """`_changes_elsewhere` of each of `wanted`, in `jobs` forked processes (each module
    analysed once in all), kept in this process for the workers forked after it."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return  # no fork here: the workers inherit nothing, each analyses what it needs
    # The largest modules first, so that no process is left with a large one at the end.
    wanted.sort(key=lambda item: -_size(item[0]))
    from concurrent.futures import ProcessPoolExecutor

    try:
        with ProcessPoolExecutor(max(1, min(jobs, len(wanted))), mp_context=context) as pool:
            results = list(pool.map(_analysed_elsewhere, [(p, n, options) for p, n in wanted]))
    except Exception:  # noqa: BLE001 - the workers analyse what they need themselves
        return
    for (path, names), (digest, found) in zip(wanted, results):
        if digest is None or digest != file_digest(path):
            continue  # changed meanwhile: analysed again where it is asked for
        key = (path, digest, names, options.values())
        files = tuple((p, file_digest(p)) for p in sorted({p for p, _ in found}))
        _analysed[key] = (found, files)


def _analysed_elsewhere(task) -> Tuple[Optional[str], List[Tuple[str, Finding]]]:
    path, names, options = task
    return file_digest(path), _changes_elsewhere(Path(path), names, options)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def findings_reached_here(filename: str, options) -> List[Finding]:
    """The changes that datasets of other modules make in this file, on their lines."""
    model = project_model_for(filename)
    module = model.module_of(filename) if model is not None else None
    if model is None or module is None:
        return []
    here = str(Path(filename).resolve())
    found: List[Finding] = []
    for owner in sorted(reaching_modules(model, module) - {module}):
        names = frozenset(dataset_classes(model, owner))
        for path, finding in _changes_elsewhere(model.files[owner], names, options):
            if path == here:
                found.append(finding)
    kept: Dict[Tuple[int, str], Finding] = {}
    for finding in sorted(set(found), key=lambda f: (f.line, f.col, f.code, f.message)):
        kept.setdefault((finding.line, finding.code), finding)
    return list(kept.values())


def _changes_elsewhere(path: Path, names, options) -> List[Tuple[str, Finding]]:
    """`(file, finding there)` for every change the datasets `names` of the module at
    `path` make in other files. Kept per process while the dataset's module and the files
    it reports into are unchanged (the project model itself is read once per process)."""
    digest = file_digest(path)  # each file hashed once per process while unchanged
    if digest is None:
        return []
    key = (str(path), digest, names, options.values())
    kept = _analysed.get(key)
    if kept is not None and all(file_digest(p) == h for p, h in kept[1]):
        return kept[0]
    _analysed[key] = ([], ())  # a cycle sees nothing rather than recursing
    try:
        found = _analyse_elsewhere(path, names, options)
    except Exception:  # noqa: BLE001 - the dataset's own lint reports its failure
        found = []
    files = tuple((p, file_digest(p)) for p in sorted({p for p, _ in found}))
    _analysed[key] = (found, files)
    return found


def _read(path: Path) -> Optional[bytes]:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _analyse_elsewhere(path: Path, names, options) -> List[Tuple[str, Finding]]:
    """The dataset classes `names` of the module at `path`, analysed from every class and
    function it defines (as a module another one imports: not only what its own plan
    chose, since a change made elsewhere may run where its own lint sees nothing)."""
    from ..analysis.imports import load_module  # libcst
    from ..rules.datasets import check_datasets

    foreign = load_module(path, tuple(options.copy_functions))
    callees = foreign.callees() if foreign is not None else None
    if foreign is None or callees is None:
        return []
    own = str(path.resolve())
    found: List[Tuple[str, Finding]] = []
    for region, _ in foreign.regions:
        ctx = replace(callees.ctx, module=region)
        for raw in check_datasets(ctx, region, callees.classes, set(names)):
            if raw.changed_at is None:
                continue
            there = str(Path(raw.changed_at[0]).resolve())
            if there == own:
                continue
            message = raw.message
            for name, node in raw.refs.items():
                line_there = f"{foreign.line_of(node) or '?'} of {foreign.path.name}"
                message = message.replace(LINE_REF.format(name), line_there)
            _, line, col, end_line, end_col = raw.changed_at
            found.append((there, Finding(line, col, raw.code, message, end_line, end_col)))
    return found
