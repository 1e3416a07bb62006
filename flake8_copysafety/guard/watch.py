"""A torch function mode that sees every torch call while it is active: in-place changes of
stored dataset memory during `__getitem__` (with the line that made them), and writes through
or reads of tensors a `state_dict()` handed out.

The mode is on the stack only while something is watched (a `__getitem__` runs, or a
`state_dict()` result is alive), and is pushed and popped only from the guard's own wrappers,
never from inside a torch call. It always calls the function it is given, unchanged.
"""

import threading
from typing import Any, List

_INPLACE_DUNDERS = frozenset(
    "__setitem__ __iadd__ __isub__ __imul__ __itruediv__ __ifloordiv__ __imod__ __ipow__ "
    "__iand__ __ior__ __ixor__ __ilshift__ __irshift__ __imatmul__".split())


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
    if (name.endswith("_") and not name.endswith("__")) or name in _INPLACE_DUNDERS \
            or kwargs.get("inplace") is True:
        first = args[0]
        if isinstance(first, torch.Tensor):
            return [first]
        if isinstance(first, (list, tuple)):
            return [t for t in first if isinstance(t, torch.Tensor)]
    return []


class Watch:
    """Holds the mode and decides when it is on the stack (per thread: modes are)."""

    def __init__(self, session) -> None:
        from torch.overrides import TorchFunctionMode

        self.session = session
        self._local = threading.local()
        self.quiet = 0  # > 0 while the guard itself calls torch
        watch = self

        class CopySafetyMode(TorchFunctionMode):
            def __torch_function__(self, func, types, args=(), kwargs=None):
                if kwargs is None:
                    kwargs = {}
                if watch.quiet:
                    return func(*args, **kwargs)
                return watch.observe(func, args, kwargs)

        self.mode = CopySafetyMode()

    # --- the stack ---------------------------------------------------------------------

    @property
    def _state(self):
        local = self._local
        if not hasattr(local, "holds"):
            local.holds, local.active, local.datasets = 0, False, []
        return local

    def hold(self) -> None:
        state = self._state
        state.holds += 1
        if not state.active:
            self.mode.__enter__()
            state.active = True

    def release(self) -> None:
        state = self._state
        state.holds = max(0, state.holds - 1)
        if state.holds == 0 and state.active and self._on_top():
            self.mode.__exit__(None, None, None)
            state.active = False

    def _on_top(self) -> bool:
        import torch

        depth = torch._C._len_torch_function_stack()
        return depth > 0 and torch._C._get_function_stack_at(depth - 1) is self.mode

    @property
    def datasets(self) -> list:
        """The dataset guards whose `__getitem__` runs now on this thread, innermost last."""
        return self._state.datasets

    # --- one torch call ------------------------------------------------------------------

    def observe(self, func, args: tuple, kwargs: dict):
        import torch

        session = self.session
        snapshots = session.snapshots
        state = self._state
        tracked = snapshots.tracked if snapshots is not None else None
        name = getattr(func, "__name__", "")
        written = written_tensors(name, args, kwargs)
        before: List[Any] = []
        if written:
            self.quiet += 1
            try:
                for guard in state.datasets:
                    before.extend(guard.before_write(written))
                if tracked:
                    before.extend(snapshots.before_write(written))
            except Exception:  # noqa: BLE001 - a guard never breaks the program
                before = []
            finally:
                self.quiet -= 1
        elif tracked:
            self.quiet += 1
            try:
                snapshots.on_read(args[:2])
            except Exception:  # noqa: BLE001
                pass
            finally:
                self.quiet -= 1
        result = func(*args, **kwargs)
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
