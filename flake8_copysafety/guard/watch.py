"""A torch function mode that sees every torch call while it is active: in-place changes of
stored dataset memory during `__getitem__` (with the line that made them), and writes through
or reads of tensors a `state_dict()` handed out.

The mode is on the stack only while something is watched (a `__getitem__` runs, or a
`state_dict()` result is alive), and is pushed and popped only from the guard's own wrappers,
never from inside a torch call. It always calls the function it is given, unchanged.
"""

import threading
from typing import Any, Dict, List

from ..facts.semantics import DIFFERENCE_OPERATIONS


_INPLACE_DUNDERS = frozenset(
    "__setitem__ __iadd__ __isub__ __imul__ __itruediv__ __ifloordiv__ __imod__ __ipow__ "
    "__iand__ __ior__ __ixor__ __ilshift__ __irshift__ __imatmul__".split())


# Calls that hand out a tensor's memory to code the mode does not see (numpy, C extensions):
# writes through what they return move no version counter (measured on torch 2.13).
_ESCAPES = frozenset("numpy __array__ __dlpack__ untyped_storage storage _typed_storage "
                     "data_ptr".split())
READ, WRITE, ESCAPE, CONVERT = "read", "write", "escape", "convert"
# Conversions that return their very tensor when nothing needs converting (CPS104), and
# `.cpu()`, which the linter proves a no-op for data on the CPU (CPS101 there).
_CONVERSIONS = frozenset("to type float double half int long bool byte short bfloat16 cuda "
                         "cpu".split())


def unproven_conversion(name: str, args: tuple, kwargs: dict) -> bool:
    """A no-op conversion the linter cannot prove one from the source (CPS104): not a move
    to the CPU written out (`.cpu()`, `.to("cpu")`), which it reads as a no-op (CPS101)."""
    if name == "cpu":
        return False
    if name == "to":
        given = list(args[1:]) + list(kwargs.values())
        return not (given and all(isinstance(a, str) and a.startswith("cpu") for a in given))
    return True


def call_kind(name: str) -> str:
    """What a torch call does to its first argument, by its name: WRITE (in place), ESCAPE
    (hands its memory out) or READ (anything else; `out=` and `inplace=True` aside)."""
    if (name.endswith("_") and not name.endswith("__")) or name in _INPLACE_DUNDERS:
        return WRITE
    if name in _CONVERSIONS:
        return CONVERT
    return ESCAPE if name in _ESCAPES else READ


def written_tensors(name: str, args: tuple, kwargs: dict) -> List[Any]:
    """The tensors a call changes in place: `out=`, `x.add_()`, `x[...] = v`, `x += v`,
    `F.relu(x, inplace=True)`, `torch._foreach_mul_(xs, ...)`, `nn.init.*_(x)`."""
    import torch

    out = kwargs.get("out")
    if out is not None:
        return [t for t in (out if isinstance(out, (list, tuple)) else (out,))
                if isinstance(t, torch.Tensor)]
    if not args:
        return []
    if (_KINDS.get(name) or call_kind(name)) is WRITE or kwargs.get("inplace") is True:
        first = args[0]
        if isinstance(first, torch.Tensor):
            return [first]
        if isinstance(first, (list, tuple)):
            return [t for t in first if isinstance(t, torch.Tensor)]
    return []


def copies_onto_itself(name: str, args: tuple) -> bool:
    """`x.copy_(y)` where `y` is `x`'s very memory, element for element: the values stay as
    they are (though the version counter moves), so it is no change of data."""
    import torch

    if name != "copy_" or len(args) < 2:
        return False
    target, source = args[0], args[1]
    return (isinstance(target, torch.Tensor) and isinstance(source, torch.Tensor)
            and source.layout == torch.strided and target.layout == torch.strided
            and source.device == target.device and source.dtype == target.dtype
            and source.shape == target.shape and source.stride() == target.stride()
            and source.is_conj() == target.is_conj() and source.is_neg() == target.is_neg()
            and source.data_ptr() == target.data_ptr() != 0)


class Watch:
    """Holds the mode and decides when it is on the stack (per thread: modes are)."""

    def __init__(self, session) -> None:
        import torch
        from torch.overrides import TorchFunctionMode

        self._push = torch._C._push_on_torch_function_stack
        self._pop = torch._C._pop_torch_function_stack
        self._depth = torch._C._len_torch_function_stack
        self._stack_at = torch._C._get_function_stack_at
        self.session = session
        self._local = threading.local()
        self.quiet = 0  # > 0 while the guard itself calls torch
        watch, kinds = self, _KINDS

        class CopySafetyMode(TorchFunctionMode):
            def __torch_function__(self, func, types, args=(), kwargs=None):
                if kwargs:
                    if watch.quiet:
                        return func(*args, **kwargs)
                elif watch.quiet:
                    return func(*args)
                else:
                    name = getattr(func, "__name__", "")
                    if (kinds.get(name) is READ and not watch.session.snapshots.tracked
                            and (name not in DIFFERENCE_OPERATIONS
                                 or not watch.session.snapshots.handed)):
                        return func(*args)  # the common call: nothing to see
                return watch.observe(func, args, kwargs or {})

        self.mode = CopySafetyMode()

    # --- the stack ---------------------------------------------------------------------

    @property
    def _state(self):
        try:
            return self._local.state
        except AttributeError:
            state = self._local.state = _ThreadState()
            return state

    def hold(self) -> None:
        state = self._state
        state.holds += 1
        if not state.active:
            self._push(self.mode)  # what `with mode:` does, without its Python layers
            state.active = True

    def release(self) -> None:
        state = self._state
        state.holds = max(0, state.holds - 1)
        if state.holds == 0 and state.active and self._on_top():
            self._pop()
            state.active = False

    def _on_top(self) -> bool:
        depth = self._depth()
        return depth > 0 and self._stack_at(depth - 1) is self.mode

    @property
    def datasets(self) -> list:
        """The dataset guards whose `__getitem__` runs now on this thread, innermost last."""
        return self._state.datasets

    # --- one torch call ------------------------------------------------------------------

    def observe(self, func, args: tuple, kwargs: dict):
        import torch

        name = getattr(func, "__name__", "")
        kind = _KINDS.get(name)
        if kind is None:
            kind = _KINDS.setdefault(name, call_kind(name))
        snapshots = self.session.snapshots
        tracked = snapshots.tracked
        state = self._state
        written = written_tensors(name, args, kwargs) if kind is not ESCAPE else []
        before: List[Any] = []
        if written:
            self.quiet += 1
            try:
                if snapshots.handed:
                    snapshots.on_parameters_written(name, args[:2])  # `p.copy_(anchor_p)`
                unchanged = copies_onto_itself(name, args)
                for guard in state.datasets:
                    before.extend(guard.before_write(written, unchanged))
                if tracked:
                    before.extend(snapshots.before_write(written, unchanged))
            except Exception:  # noqa: BLE001 - a guard never breaks the program
                before = []
            finally:
                self.quiet -= 1
        else:
            self.quiet += 1
            try:
                if kind is ESCAPE and args and isinstance(args[0], torch.Tensor):
                    for guard in state.datasets:
                        guard.escaping(args[0])
                if tracked or snapshots.handed:
                    snapshots.on_read(name, args[:2])
            except Exception:  # noqa: BLE001
                pass
            finally:
                self.quiet -= 1
        result = func(*args, **kwargs)
        if kind is CONVERT and args and result is args[0] and state.datasets and \
                unproven_conversion(name, args, kwargs):
            for guard in state.datasets:
                guard.converted.add(id(result))
        if before or (tracked and args and isinstance(result, torch.Tensor)):
            self.quiet += 1
            try:
                for after in before:
                    after()
                if tracked and args and isinstance(args[0], torch.Tensor):
                    snapshots.derived(args[0], result)
            except Exception:  # noqa: BLE001
                pass
            finally:
                self.quiet -= 1
        return result


_KINDS: Dict[str, str] = {}  # call_kind by a torch function's name, as calls are seen


class _ThreadState:
    """The mode's bookkeeping on one thread: holds, whether it is on the stack, and the
    dataset guards whose `__getitem__` runs now."""

    __slots__ = ("holds", "active", "datasets")

    def __init__(self) -> None:
        self.holds, self.active = 0, False
        self.datasets: List[Any] = []
