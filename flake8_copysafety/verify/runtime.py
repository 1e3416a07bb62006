"""The runtime side of `copysafety verify`: run one corpus case under torch and observe,
generically, whether the original data changed.

This module runs in a worker process that `verify/corpus.py` starts (`serve`); it is the only place
that imports torch, and only inside functions. The worker imports torch once, then forks one
child per case, so each case starts with torch already loaded and cannot disturb the others:
a crash or a hang ends only that child. The worker itself never touches CUDA; a child that
runs a case on the GPU initialises CUDA for itself.

Two observers: `diff` (below) compares deep snapshots; `guard` runs the same steps under the
runtime guards of `copysafety run` (`guard/`) and counts the case mutated iff they saw a
change of stored data, a write through a state_dict, or a snapshot used (or still alive at
the end) after its module changed.

Three observation modes, chosen by what the case module defines:

* dataset mode (no `main`): every class of the module that defines `__getitem__` (with a
  `__len__`) and can be built without arguments is built (or, where the module defines
  `datasets()`, the datasets it returns: a folder case builds them as its project does);
  everything it stores (`vars()`) is deep-snapshotted, every item is read, then a
  `DataLoader` iterates it for two epochs. The case mutated iff the stored data differs from
  the snapshot afterwards.
* training mode (`train()` defined, no `main`): `train()` runs; each dataset of the
  module's classes is snapshotted as it is built, and the case mutated iff its stored data
  differs afterwards (a loop changed the items it handed out by reference).
* state-dict mode (`main()` defined): `main()` runs as written and again with
  `Module.state_dict` / `Optimizer.state_dict` patched to return a deep copy of the real
  result (and a Parameter given a tensor by `p.data = t` or `p.set_(t)` given a clone of it),
  with the same seeds. The case mutated iff what `main()` returns differs: sharing with the
  live module mattered.
"""

import copy
import io
import json
import os
import random
import sys
import traceback
import weakref
from typing import Any, Callable, Dict, List, Tuple

# The folder that holds the `flake8_copysafety` package: workers import it from there.
_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

MUTATED = "mutated"
UNCHANGED = "unchanged"
CRASHED = "crashed"
TIMEOUT = "timeout"

SEED = 0
EPOCHS = 2


# --------------------------------------------------------------------------- observation


def _seed_all() -> None:
    import numpy as np
    import torch

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)


def _load_case(path: str):
    import importlib.util

    folder = os.path.dirname(os.path.abspath(path))
    if os.path.basename(path) == "case.py":
        sys.path.insert(0, folder)  # a folder case imports its own modules (this child only)
    stem = os.path.splitext(os.path.basename(path))[0]
    name = "copysafety_case_" + "".join(c if c.isalnum() else "_" for c in stem)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def freeze(value: Any, _depth: int = 0) -> Any:
    """A deep, comparable, CPU-only snapshot of `value` (tensors are cloned to the CPU)."""
    import numpy as np
    import torch

    if _depth > 50:
        return ("deep", repr(type(value)))
    nxt = _depth + 1
    if isinstance(value, torch.nn.Module):
        return ("module", freeze(_REAL_MODULE_STATE_DICT(value), nxt))
    if isinstance(value, torch.optim.Optimizer):
        return ("optimizer", freeze(_REAL_OPTIMIZER_STATE_DICT(value), nxt))
    if isinstance(value, torch.Tensor):
        t = value.detach()
        return ("tensor", str(t.dtype), tuple(t.shape), t.to("cpu", copy=True))
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return ("objarray", value.shape, [freeze(v, nxt) for v in value.ravel().tolist()])
        return ("ndarray", str(value.dtype), value.shape, value.copy())
    if isinstance(value, np.generic):
        return ("npscalar", str(value.dtype), value.item())
    if isinstance(value, io.BytesIO):
        data = value.getvalue()
        try:
            loaded = torch.load(io.BytesIO(data), map_location="cpu", weights_only=False)
        except Exception:  # noqa: BLE001 - not a torch file: compare the bytes
            return ("bytes", data)
        return ("saved", freeze(loaded, nxt))
    if isinstance(value, dict):
        return ("dict", type(value).__name__,
                [(freeze(k, nxt), freeze(v, nxt)) for k, v in value.items()])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [freeze(v, nxt) for v in value])
    if isinstance(value, (set, frozenset)):
        return ("set", sorted(repr(v) for v in value))
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return ("atom", value)
    if type(value).__eq__ is not object.__eq__:
        try:
            return ("eq", copy.deepcopy(value))
        except Exception:  # noqa: BLE001
            return ("repr", repr(value))
    if hasattr(value, "__dict__") and not callable(value):
        return ("object", type(value).__name__, freeze(vars(value), nxt))
    return ("identity", type(value).__qualname__)


def same(a: Any, b: Any) -> bool:
    """Whether two `freeze` snapshots are equal (NaN equals NaN)."""
    import numpy as np
    import torch

    if type(a) is not type(b):
        return False
    if isinstance(a, torch.Tensor):
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.is_floating_point() or a.is_complex():
            return bool(((a == b) | (torch.isnan(a) & torch.isnan(b))).all())
        return bool(torch.equal(a, b))
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        try:
            return bool(np.array_equal(a, b, equal_nan=True))
        except TypeError:
            return bool(np.array_equal(a, b))
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001
        return repr(a) == repr(b)


def _is_dataset_class(cls: type, module_name: str) -> bool:
    import inspect

    if getattr(cls, "__module__", None) != module_name:
        return False
    if _is_iterable_dataset(cls, module_name):
        return True
    getitem = getattr(cls, "__getitem__", None)
    getitem = inspect.unwrap(getitem) if getitem is not None else None  # `@lru_cache` too
    if not inspect.isfunction(getitem) or getitem.__module__ != module_name:
        return False  # e.g. torch's abstract Dataset.__getitem__, or a builtin's
    length = getattr(cls, "__len__", None)
    if length is None or not callable(length):
        return False
    return _constructible_bare(cls)


def _is_iterable_dataset(cls: type, module_name: str) -> bool:
    """An `IterableDataset` of the case whose own `__iter__` hands the items out."""
    import inspect

    from torch.utils.data import IterableDataset

    iterate = getattr(cls, "__iter__", None)
    if not (issubclass(cls, IterableDataset) and inspect.isfunction(iterate)
            and iterate.__module__ == module_name):
        return False
    return _constructible_bare(cls)


def _constructible_bare(cls: type) -> bool:
    """The case's class can be built with no arguments (the runner builds it so)."""
    import inspect

    try:
        params = inspect.signature(cls).parameters.values()
    except (TypeError, ValueError):
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
               for p in params)


def _identity(sample):
    return sample


def _dataset_classes(module) -> List[type]:
    return [obj for obj in vars(module).values()
            if isinstance(obj, type) and _is_dataset_class(obj, module.__name__)]


def _read_all(dataset) -> None:
    """Every item once, then two epochs through a DataLoader."""
    import torch
    from torch.utils.data import DataLoader, IterableDataset

    if isinstance(dataset, IterableDataset):
        for _ in dataset:
            pass
    else:
        for index in range(len(dataset)):
            dataset[index]
    loader = DataLoader(dataset, batch_size=None, num_workers=0, collate_fn=_identity)
    for _ in range(EPOCHS):
        with torch.device("cpu"):  # the loader's own seed tensor, whatever the default
            batches = iter(loader)
        for _ in batches:
            pass


class _CacheContents:
    """What the caches of dataset classes hand out is stored data too, though no attribute
    holds it (the cache lives on the function): each object a cached method returns is
    frozen the first time it comes out (as the cache keeps it), and compared at the end."""

    def __init__(self) -> None:
        self.kept: Dict[int, Tuple[Any, Any]] = {}  # id -> (object, snapshot)
        self._patched: List[Tuple[type, str, Any]] = []

    def watch(self, cls: type) -> None:
        import functools

        from ..guard.baselines import cached_members

        for name, cached in cached_members(cls).items():
            @functools.wraps(cached)
            def handed_out(*args, _cached=cached, **kwargs):
                result = _cached(*args, **kwargs)
                if id(result) not in self.kept:
                    self.kept[id(result)] = (result, freeze(result))
                return result

            self._patched.append((cls, name, cached))
            setattr(cls, name, handed_out)

    def changed(self) -> bool:
        return any(not same(before, freeze(obj)) for obj, before in self.kept.values())

    def restore(self) -> None:
        for cls, name, cached in reversed(self._patched):
            setattr(cls, name, cached)
        self._patched.clear()


def _returning(value: Any) -> Callable[[], Any]:
    return lambda: value


def _datasets_to_read(module) -> List[Callable[[], Any]]:
    """How dataset mode builds each dataset it reads: the module's own `datasets()` factory
    (a folder case builds them as its project does), else each dataset class, bare."""
    factory = getattr(module, "datasets", None)
    if callable(factory):
        return [_returning(built) for built in factory()]
    return list(_dataset_classes(module))


def observe_datasets(module) -> Tuple[str, str]:
    makers = _datasets_to_read(module)
    if not makers:
        return UNCHANGED, "no dataset class and no main() to observe"
    classes: List[type] = []
    changed: List[str] = []
    for make in makers:
        dataset = make()
        cls = type(dataset)
        classes.append(cls)
        before = freeze(vars(dataset))
        caches = _CacheContents()
        caches.watch(cls)
        try:
            _read_all(dataset)
        finally:
            caches.restore()
        if not same(before, freeze(vars(dataset))) or caches.changed():
            changed.append(cls.__name__)
    if changed:
        return MUTATED, "stored data changed: " + ", ".join(changed)
    return UNCHANGED, "stored data unchanged: " + ", ".join(c.__name__ for c in classes)


_REAL_MODULE_STATE_DICT: Callable = None  # type: ignore[assignment]
_REAL_OPTIMIZER_STATE_DICT: Callable = None  # type: ignore[assignment]


def _remember_real_state_dicts() -> None:
    global _REAL_MODULE_STATE_DICT, _REAL_OPTIMIZER_STATE_DICT
    import torch

    if _REAL_MODULE_STATE_DICT is None:
        _REAL_MODULE_STATE_DICT = torch.nn.Module.state_dict
        _REAL_OPTIMIZER_STATE_DICT = torch.optim.Optimizer.state_dict


class _SnapshotStateDicts:
    """While active, `state_dict()` returns a deep copy: what a user who believed it was a
    snapshot expected. `Module.state_dict` recurses into children through `state_dict`, so
    only the outermost call copies. (`Module.load_state_dict` and
    `Optimizer.load_state_dict` do not call `state_dict()` — checked on torch 2.13 — so
    loading behaves the same under the patch.) A Parameter given a tensor as its memory
    (`p.data = t`, `p.set_(t)`) gets a clone of it: the user who kept `t` as a snapshot
    (initial weights rewound into the module) believed the module took a copy."""

    def __enter__(self):
        import torch

        depth = [0]
        base = torch._C.TensorBase
        own = torch.nn.Parameter.__dict__
        self.data, self.set_ = own.get("data"), own.get("set_")

        def clone(value):
            return value.detach().clone() if isinstance(value, torch.Tensor) else value

        def set_data(parameter, value, _real=base.data):
            _real.__set__(parameter, clone(value))

        def set_(parameter, *args, _real=base.set_, **kwargs):
            if len(args) == 1 and not kwargs:
                args = (clone(args[0]),)
            return _real(parameter, *args, **kwargs)

        torch.nn.Parameter.data = property(base.data.__get__, set_data)
        torch.nn.Parameter.set_ = set_

        def wrap(real):
            def state_dict(self, *args, **kwargs):
                depth[0] += 1
                try:
                    result = real(self, *args, **kwargs)
                finally:
                    depth[0] -= 1
                return copy.deepcopy(result) if depth[0] == 0 else result

            state_dict.__wrapped__ = real
            return state_dict

        torch.nn.Module.state_dict = wrap(_REAL_MODULE_STATE_DICT)
        torch.optim.Optimizer.state_dict = wrap(_REAL_OPTIMIZER_STATE_DICT)
        return self

    def __exit__(self, *exc):
        import torch

        torch.nn.Module.state_dict = _REAL_MODULE_STATE_DICT
        torch.optim.Optimizer.state_dict = _REAL_OPTIMIZER_STATE_DICT
        for name, own in (("data", self.data), ("set_", self.set_)):
            if own is None:
                delattr(torch.nn.Parameter, name)
            else:
                setattr(torch.nn.Parameter, name, own)
        return False


def _storage_key(tensor) -> Tuple[str, int]:
    return str(tensor.device), tensor.untyped_storage().data_ptr()


class _SnapshotParameters:
    """While active, the case's kept collections of parameters hold copies: the case is
    loaded again with every `list(...)`, `tuple(...)`, `dict(...)`, list or dict
    comprehension and `copy.copy(...)` wrapped so that, where its result holds
    `nn.Parameter`s or tensors on a parameter's memory (`p.detach()`, `p.data`, `p.cpu()` of
    CPU data), or is a module, it holds detached clones (a deep copy) instead. An optimizer
    built on such clones is given the real parameters back, so training is the same. What a
    user who kept "the global weights" believed they kept (CPS203)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.saved = None
        self.saved_differentiation: Dict[str, Any] = {}
        self.registration = None
        # every parameter a module registers while the case runs, by its memory (weakly)
        self.memories: Dict[Tuple[str, int], Any] = {}

    def _registered(self, module, name, parameter) -> None:
        if parameter is not None:
            self.memories[_storage_key(parameter)] = weakref.ref(parameter)

    def _on_parameter(self, tensor) -> bool:
        try:
            key = _storage_key(tensor)
        except (RuntimeError, NotImplementedError):
            return False
        known = self.memories.get(key)
        parameter = known() if known is not None else None
        return parameter is not None and _storage_key(parameter) == key

    def load(self):
        import ast
        import types

        import torch

        originals = self.originals = {}
        self.registration = \
            torch.nn.modules.module.register_module_parameter_registration_hook(
                self._registered)

        def clone(value):
            if isinstance(value, torch.nn.Parameter) or (
                    isinstance(value, torch.Tensor) and self._on_parameter(value)):
                copied = value.detach().clone()
                originals[id(copied)] = (copied, value)
                return copied
            return value

        def kept(value):
            if isinstance(value, torch.nn.Module):
                return copy.deepcopy(value)
            if isinstance(value, dict):
                return type(value)((k, clone(v)) for k, v in value.items())
            if isinstance(value, (list, tuple)):
                return type(value)(clone(v) for v in value)
            return value

        def parameters_only(value):
            return isinstance(value, (list, tuple)) and bool(value) and all(
                isinstance(v, torch.nn.Parameter) for v in value)

        def kept_result(value):
            """A method's result that is a list of the module's own Parameters (a project
            optimizer's `return group["params"]`), or a tuple holding one: copies."""
            if parameters_only(value):
                return kept(value)
            if isinstance(value, tuple) and any(parameters_only(v) for v in value):
                return tuple(kept(v) if parameters_only(v) else v for v in value)
            return value

        class Wrap(ast.NodeTransformer):
            def visit_Call(self, node):
                self.generic_visit(node)
                func = node.func
                name = func.id if isinstance(func, ast.Name) else (
                    f"{getattr(func.value, 'id', '')}.{func.attr}"
                    if isinstance(func, ast.Attribute) else "")
                if name in ("list", "tuple", "dict", "copy.copy"):
                    return ast.Call(ast.Name("__copysafety_kept__", ast.Load()), [node], [])
                if isinstance(func, ast.Attribute):  # `theta = opt.step(w)`: what it returns
                    return ast.Call(ast.Name("__copysafety_kept_result__", ast.Load()),
                                    [node], [])
                return node

            def visit_ListComp(self, node):
                self.generic_visit(node)
                return ast.Call(ast.Name("__copysafety_kept__", ast.Load()), [node], [])

            visit_DictComp = visit_ListComp

        with open(self.path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), self.path)
        tree = ast.fix_missing_locations(Wrap().visit(tree))
        module = types.ModuleType("copysafety_case_kept")
        module.__file__ = self.path
        module.__dict__["__copysafety_kept__"] = kept
        module.__dict__["__copysafety_kept_result__"] = kept_result
        try:
            exec(compile(tree, self.path, "exec"), module.__dict__)  # noqa: S102 - a case
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return module

    def __enter__(self):
        import torch

        originals, real_init = self.originals, torch.optim.Optimizer.__init__

        def real(tensor):
            known = originals.get(id(tensor))
            return known[1] if known is not None and known[0] is tensor else tensor

        def init(self, params, *args, **kwargs):
            groups = []
            for group in list(params):
                if isinstance(group, dict):
                    inner = group["params"]
                    inner = [inner] if isinstance(inner, torch.Tensor) else list(inner)
                    group = dict(group, params=[real(p) for p in inner])
                else:
                    group = real(group)
                groups.append(group)
            real_init(self, groups, *args, **kwargs)

        self.saved = real_init
        torch.optim.Optimizer.__init__ = init
        self.saved_differentiation = self._differentiate_the_real_parameters(real)
        return self

    @staticmethod
    def _differentiate_the_real_parameters(real) -> Dict[str, Any]:
        """`torch.autograd.grad(loss, kept)` given such clones differentiates with respect to
        the real parameters, as an optimizer built on them steps the real ones: the inputs of
        a differentiation are graph nodes, used by identity (`DIFFERENTIATION_INPUTS`)."""
        import torch

        from ..facts.module_changes import DIFFERENTIATION_INPUTS

        def swap(value):
            if isinstance(value, torch.Tensor):
                return real(value)
            if isinstance(value, dict):
                return {k: real(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return type(value)(real(v) for v in value)
            return value

        def wrapped(function, position, keyword):
            def differentiate(*args, **kwargs):
                if keyword in kwargs:
                    kwargs[keyword] = swap(kwargs[keyword])
                elif len(args) > position:
                    args = args[:position] + (swap(args[position]),) + args[position + 1:]
                return function(*args, **kwargs)
            return differentiate

        saved = {}
        for qualified, (position, keyword) in DIFFERENTIATION_INPUTS.items():
            name = qualified.rpartition(".")[2]
            saved[name] = getattr(torch.autograd, name)
            setattr(torch.autograd, name, wrapped(saved[name], position, keyword))
        return saved

    def __exit__(self, *exc):
        import torch

        if self.saved is not None:
            torch.optim.Optimizer.__init__ = self.saved
        for name, function in self.saved_differentiation.items():
            setattr(torch.autograd, name, function)
        self.saved_differentiation = {}
        if self.registration is not None:
            self.registration.remove()
            self.registration = None
        return False


def _keeps_parameters(module) -> bool:
    """Whether the case is about kept parameters (CPS203, by its markers)."""
    from .markers import parse_markers

    try:
        with open(module.__file__, encoding="utf-8") as handle:
            markers = parse_markers(handle.read())
    except (OSError, AttributeError, TypeError):
        return False
    return "CPS203" in {code for _, code in markers.expected} | set(markers.near_miss)


def observe_main(module) -> Tuple[str, str]:
    _seed_all()
    as_written = freeze(module.main())
    _seed_all()
    with _SnapshotStateDicts():
        if _keeps_parameters(module):
            kept = _SnapshotParameters(module.__file__)
            believed = kept.load()
            _seed_all()
            with kept:
                snapshots = freeze(believed.main())
        else:
            snapshots = freeze(module.main())
    _seed_all()
    again = freeze(module.main())
    if not same(as_written, again):
        raise RuntimeError("main() is not deterministic under fixed seeds; cannot compare")
    if same(as_written, snapshots):
        return UNCHANGED, "main() returns the same as with state_dict() deep-copied"
    return MUTATED, "main() returns something else when state_dict() is deep-copied"


def observe_with_guard(path: str) -> Tuple[str, str]:
    """The same steps as the diff observer, judged by what the runtime guards saw."""
    import gc

    from ..guard.session import GuardSession

    session = GuardSession().start()
    left_alive: List[str] = []
    try:
        module = _load_case(path)
        main = getattr(module, "main", None)
        if callable(main):
            returned = [main()]  # what main() returns keeps its snapshots alive
            session.guarded(lambda: session.snapshots.returned(returned[0]))
            gc.collect()
            left_alive = session.snapshots.stale_alive()
            returned.clear()
        elif callable(getattr(module, "train", None)):
            for cls in _training_dataset_classes(module):
                session.datasets.wrap(cls)
            module.train()
        else:
            for cls in _dataset_classes(module):
                session.datasets.wrap(cls)
            for make in _datasets_to_read(module):
                dataset = make()
                session.datasets.wrap(type(dataset))
                _read_all(dataset)
    finally:
        session.stop()
    seen = [detail for _, detail in session.events] + left_alive
    if seen:
        return MUTATED, "the guards saw: " + "; ".join(seen[:3])
    return UNCHANGED, "the guards saw no change"


def run_case(path: str, device: str, observer: str = "diff") -> Tuple[str, str]:
    """Run one case on `device` ('cpu' or 'cuda') in this process: (verdict, detail)."""
    import numpy  # noqa: F401 - cases use it; fail here, clearly, if it is missing
    import torch

    _remember_real_state_dicts()
    torch.set_num_threads(1)
    if device == "cuda":
        torch.set_default_device("cuda")
    _seed_all()
    if observer == "guard":
        return observe_with_guard(path)
    module = _load_case(path)
    main = getattr(module, "main", None)
    if callable(main):
        return observe_main(module)
    if callable(getattr(module, "train", None)):
        return observe_training(module)
    return observe_datasets(module)


def _training_dataset_classes(module) -> List[type]:
    """The datasets `train()` builds: the module's own classes that derive from
    `torch.utils.data.Dataset` and define `__getitem__` (other classes with `__getitem__`,
    a spec tree the function fills, are no datasets here, as for the runtime guards)."""
    from torch.utils.data import Dataset

    return [c for c in vars(module).values() if isinstance(c, type)
            and getattr(c, "__module__", None) == module.__name__
            and "__getitem__" in vars(c) and issubclass(c, Dataset)]


def observe_training(module) -> Tuple[str, str]:
    """Training mode (`train()` defined): every dataset of the module's classes (deriving
    from `torch.utils.data.Dataset`) that `train()` builds is snapshotted as soon as it is
    built; it mutated iff what it stores differs from that snapshot once `train()` has
    returned (the loop changed items the dataset handed out by reference)."""
    built: List[Tuple[Any, Any]] = []
    caches: Dict[type, _CacheContents] = {}
    for cls in _training_dataset_classes(module):
        def init(self, *args, _real=cls.__init__, **kwargs):
            _real(self, *args, **kwargs)
            built.append((self, freeze(vars(self))))
        setattr(cls, "__init__", init)
        caches[cls] = _CacheContents()
        caches[cls].watch(cls)
    try:
        module.train()
    finally:
        for contents in caches.values():
            contents.restore()
    changed = [type(d).__name__ for d, before in built if not same(before, freeze(vars(d)))
               or caches[type(d)].changed()]
    if changed:
        return MUTATED, "stored data changed by train(): " + ", ".join(changed)
    return UNCHANGED, "stored data unchanged by train(): " + ", ".join(
        type(d).__name__ for d, _ in built) if built else "train() built no dataset"


# --------------------------------------------------------------------------- the worker


def _child_result(path: str, device: str, observer: str = "diff") -> Dict[str, str]:
    try:
        verdict, detail = run_case(path, device, observer)
    except BaseException as exc:  # noqa: BLE001 - a crashing case is a verdict, not an error
        lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
        where = ""
        for frame in traceback.extract_tb(exc.__traceback__):
            if os.path.abspath(frame.filename) == os.path.abspath(path):
                where = f" (line {frame.lineno})"
        last = lines[-1].strip() if lines else repr(exc)
        return {"verdict": CRASHED, "detail": last + where}
    return {"verdict": verdict, "detail": detail}


def _in_child(job: Callable[[], Dict[str, Any]], timeout: float) -> Dict[str, Any]:
    """Run `job` in a forked child with a time limit; a crash or hang ends only the child."""
    import select
    import signal
    import time

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            os.close(read_end)
            os.setpgid(0, 0)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            result = job()
            data = json.dumps(result).encode("utf-8")
            while data:
                data = data[os.write(write_end, data):]
        finally:
            os._exit(0)
    os.close(write_end)
    chunks: List[bytes] = []
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([read_end], [], [], left)
        if not ready:
            continue
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    if timed_out:
        for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
            try:
                kill()
                break
            except OSError:
                continue
        os.waitpid(pid, 0)
        return {"verdict": TIMEOUT, "detail": f"still running after {timeout:g} s"}
    _, status = os.waitpid(pid, 0)
    if chunks:
        try:
            return json.loads(b"".join(chunks).decode("utf-8"))
        except ValueError:
            pass
    if os.WIFSIGNALED(status):
        return {"verdict": CRASHED, "detail": f"killed by signal {os.WTERMSIG(status)}"}
    return {"verdict": CRASHED, "detail": f"exited with status {os.WEXITSTATUS(status)}"}


def _in_subprocess(args: List[str], timeout: float) -> Dict[str, Any]:
    """Where `fork` does not exist: a fresh interpreter per job (slower: it imports torch)."""
    import subprocess

    root = _PACKAGE_PARENT
    code = ("import sys; sys.path[0] = %r; from flake8_copysafety.verify.runtime import "
            "_one_shot; _one_shot(sys.argv[1:])" % root)
    try:
        done = subprocess.run([sys.executable, "-c", code] + args, capture_output=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"verdict": TIMEOUT, "detail": f"still running after {timeout:g} s"}
    try:
        return json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"verdict": CRASHED, "detail": f"exited with status {done.returncode}"}


def _one_shot(args: List[str]) -> None:
    out = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)
    if args[0] == "cuda?":
        result = _cuda_probe()
    else:
        result = _child_result(args[0], args[1], args[2] if len(args) > 2 else "diff")
    out.write(json.dumps(result) + "\n")
    out.flush()


def _cuda_probe() -> Dict[str, Any]:
    import torch

    return {"cuda": bool(torch.cuda.is_available())}


def _uses_optimizers(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return b"optim" in handle.read()
    except OSError:
        return False


def _warm_up() -> None:
    """Pay once, before forking, for what torch imports lazily on first use (building an
    optimizer imports torch._dynamo: ~2 s that every state-dict case would pay again)."""
    import torch

    try:
        torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    except Exception:  # noqa: BLE001 - only an optimisation
        pass


def serve() -> None:
    """The worker loop: JSON requests on stdin, one JSON reply line each on stdout."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)  # stray prints (from imports) must not corrupt the protocol

    def reply(obj: Dict[str, Any]) -> None:
        protocol.write(json.dumps(obj) + "\n")
        protocol.flush()

    try:
        import numpy  # noqa: F401
        import torch
        import torch.utils.data  # noqa: F401
    except Exception as exc:  # noqa: BLE001
        reply({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    _remember_real_state_dicts()
    warmed = False
    reply({"ready": True, "torch": torch.__version__, "fork": hasattr(os, "fork")})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        timeout = float(request.get("timeout", 60))
        if request["op"] == "cuda?":
            if hasattr(os, "fork"):
                result = _in_child(_cuda_probe, timeout)
            else:
                result = _in_subprocess(["cuda?"], timeout)
        else:
            path, device = request["path"], request["device"]
            observer = request.get("observer", "diff")
            if not warmed and _uses_optimizers(path):
                _warm_up()
                warmed = True
            if hasattr(os, "fork"):
                result = _in_child(lambda: _child_result(path, device, observer), timeout)
            else:
                result = _in_subprocess([path, device, observer], timeout)
        result["id"] = request["id"]
        reply(result)


def worker_command() -> List[str]:
    """The command line that starts a worker with this package importable."""
    root = _PACKAGE_PARENT
    code = ("import sys; sys.path[0] = %r; from flake8_copysafety.verify.runtime import "
            "serve; serve()" % root)
    return [sys.executable, "-c", code]


if __name__ == "__main__":  # pragma: no cover
    serve()


__all__ = ["MUTATED", "UNCHANGED", "CRASHED", "TIMEOUT", "freeze", "same", "run_case",
           "serve", "worker_command"]
