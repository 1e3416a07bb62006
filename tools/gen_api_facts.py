"""Measure what the public numpy and torch APIs return, and write it to `facts/api_facts.json`.

Each function and method is called on a small contiguous sample (a float32 3x4 ndarray or
tensor) with the first argument pattern it accepts. A row records the kind of the result,
whether it shares memory with the sample (`np.shares_memory`, the tensor's storage pointer),
and whether the call changed the sample in place. The linter reads the table and never
imports numpy or torch; `tests/test_api_facts.py` re-measures rows against the installed
versions.

    python tools/gen_api_facts.py            # rewrite the table
    python tools/gen_api_facts.py --check    # exit 1 if the table disagrees with this install
"""

import argparse
import contextlib
import inspect
import io
import json
import os
import signal
import sys
import warnings
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

OUT = os.path.join(os.path.dirname(__file__), "..", "flake8_copysafety", "facts",
                   "api_facts.json")

# Names whose call may touch files, global state, the terminal or the network, or never end.
_UNSAFE_WORDS = ("save", "load", "print", "seterr", "set_", "show", "info", "test", "lookfor",
                 "source", "who", "seed", "file", "compile", "jit", "manual", "use_",
                 "export", "import", "exit", "wait", "sleep", "fork", "thread", "open",
                 "profile", "debug", "hub", "cuda", "mps", "xpu", "distributed", "sparse",
                 "quantize", "memmap", "genfromtxt", "loadtxt", "fromregex", "frombuffer",
                 "deprecate", "get_", "register", "library", "vmap", "func", "autograd",
                 "backward", "allclose", "isclose", "shares_memory", "may_share_memory",
                 "storage", "pin_memory", "share_memory", "record_stream", "tolist", "item",
                 "__")
_PATTERNS: Tuple[str, ...] = ("f(x)", "f(x, -1)", "f(x, 0)", "f(x, 1)", "f(x, x)", "f([x, x])",
                              "f(x, 1, 0)", "f(x, x.dtype)", "f(x, 2, 0)")


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


@contextlib.contextmanager
def _limited(seconds: int = 2) -> Iterator[None]:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _safe_name(name: str) -> bool:
    low = name.lower()
    return not name.startswith("_") and not any(w in low for w in _UNSAFE_WORDS)


def _kind(value: Any, np, torch) -> str:
    if isinstance(value, torch.Tensor):
        return "tensor"
    if isinstance(value, np.ndarray):
        return "ndarray"
    if isinstance(value, tuple):
        return "tuple"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "dict"
    if value is None:
        return "none"
    if isinstance(value, (bool, int, float, complex, str, bytes, np.generic)):
        return "scalar"
    return "other"


def _parts(value: Any) -> List[Any]:
    if isinstance(value, (tuple, list)):
        return [p for v in value for p in _parts(v)]
    return [value]


def _shares(result: Any, sample: Any, np, torch) -> bool:
    for part in _parts(result):
        if isinstance(sample, np.ndarray) and isinstance(part, np.ndarray):
            if np.shares_memory(part, sample):
                return True
        elif isinstance(sample, torch.Tensor) and isinstance(part, torch.Tensor):
            try:
                if part.untyped_storage().data_ptr() == sample.untyped_storage().data_ptr():
                    return True
            except (RuntimeError, NotImplementedError):
                continue
    return False


def _measure(call: Callable[[Any], Any], makes: Tuple[Callable[[], Any], ...], np, torch
             ) -> Optional[Dict[str, Any]]:
    """The row of the first pattern that works on every sample: a result shares memory, or
    changes the input, only where it does so for each of them."""
    for pattern in _PATTERNS:
        rows = [_try(call, make, pattern, np, torch) for make in makes]
        if all(rows):
            first = rows[0]
            return {"result": first["result"], "call": pattern,
                    **{k: all(r[k] for r in rows) for k in ("shares", "same", "changes_input")}}
    return None


def _try(call, make, pattern, np, torch) -> Optional[Dict[str, Any]]:
    x = make()
    before = x.copy() if isinstance(x, np.ndarray) else x.clone()
    try:
        with _limited():
            result = eval(pattern, {"f": call, "x": x})  # noqa: S307 - fixed patterns
    except BaseException as error:  # noqa: BLE001 - any failure: try the next pattern
        if isinstance(error, KeyboardInterrupt):
            raise
        return None
    if isinstance(x, np.ndarray):
        changed = x.shape != before.shape or not np.array_equal(x, before, equal_nan=True)
    else:
        changed = x.shape != before.shape or not torch.equal(x, before)
    return {"result": _kind(result, np, torch), "shares": _shares(result, x, np, torch),
            "same": result is x, "changes_input": bool(changed)}


def _functions(module, prefix: str) -> Iterator[Tuple[str, Callable]]:
    for name in sorted(dir(module)):
        if not _safe_name(name):
            continue
        try:
            value = getattr(module, name)
        except Exception:  # noqa: BLE001 - lazy attributes that fail to import
            continue
        if callable(value) and not inspect.isclass(value) and not inspect.ismodule(value):
            yield f"{prefix}.{name}", value


def measure_all() -> Dict[str, Any]:
    import numpy as np
    import torch

    torch.manual_seed(0)
    np.random.seed(0)

    # Samples with negative and fractional values, so that `abs_`, `round_` and the like
    # visibly change them; a 2-D and a 3-D shape, so that a view found by chance on one
    # shape is not taken for the function's behaviour.
    def array():
        return np.arange(12, dtype=np.float32).reshape(3, 4) * 0.37 - 2

    def array3():
        return np.arange(24, dtype=np.float32).reshape(2, 3, 4) * 0.37 - 2

    def tensor():
        return torch.arange(12, dtype=torch.float32).reshape(3, 4) * 0.37 - 2

    def tensor3():
        return torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) * 0.37 - 2

    arrays, tensors = (array, array3), (tensor, tensor3)

    functions: Dict[str, Any] = {}
    for module, prefix, make in ((np, "numpy", arrays), (np.linalg, "numpy.linalg", arrays),
                                 (np.fft, "numpy.fft", arrays),
                                 (np.lib.stride_tricks, "numpy.lib.stride_tricks", arrays),
                                 (torch, "torch", tensors),
                                 (torch.nn.functional, "torch.nn.functional", tensors),
                                 (torch.linalg, "torch.linalg", tensors),
                                 (torch.fft, "torch.fft", tensors)):
        for name, func in _functions(module, prefix):
            row = _measure(func, make, np, torch)
            if row is not None:
                functions[name] = row
    methods: Dict[str, Dict[str, Any]] = {"ndarray": {}, "tensor": {}}
    for kind, cls, make in (("ndarray", np.ndarray, arrays), ("tensor", torch.Tensor, tensors)):
        for name in sorted(dir(cls)):
            if not _safe_name(name) or not callable(getattr(cls, name, None)):
                continue
            row = _measure(lambda x, *a, _n=name: getattr(x, _n)(*a), make, np, torch)
            if row is not None:
                methods[kind][name] = row
    return {"versions": {"numpy": np.__version__, "torch": torch.__version__.split("+")[0]},
            "functions": functions, "methods": methods}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--out", default=OUT)
    options = parser.parse_args(argv)
    table = measure_all()
    if options.check:
        with open(options.out, encoding="utf-8") as handle:
            stored = json.load(handle)
        differ = [k for k in ("functions", "methods") if stored.get(k) != table[k]]
        print("api facts agree with this install" if not differ else f"differ: {differ}")
        return 1 if differ else 0
    with open(options.out, "w", encoding="utf-8") as handle:
        json.dump(table, handle, indent=0, sort_keys=True)
        handle.write("\n")
    n = len(table["functions"]) + sum(len(v) for v in table["methods"].values())
    print(f"wrote {n} rows to {os.path.normpath(options.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
