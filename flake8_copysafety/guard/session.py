"""A guard session: installs the dataset and state_dict guards into torch, collects what they
find (from DataLoader worker processes too), and takes them out again.

Guards observe only: they never copy, block or retry, and an error inside a guard is
swallowed, never raised into the program.
"""

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, TextIO, Tuple

from ..core.findings import Finding
from .places import Place, Places, display_path

NEEDS_TORCH = ('copysafety run needs torch (and numpy): pip install torch numpy, or '
               'pip install "flake8-copysafety[verify]"')


class TorchMissing(RuntimeError):
    """torch or numpy cannot be imported: the guards have nothing to watch."""


@dataclass(frozen=True)
class GuardFinding:
    """A finding of the guards: a code at a place in the user's source."""

    path: str
    line: int
    code: str
    message: str
    column: int = 1  # 1-based, as the linter prints it

    def finding(self) -> Finding:
        return Finding(self.line, self.column - 1, self.code, self.message)

    def text(self) -> str:
        return (f"{display_path(self.path)}:{self.line}:{self.column}: {self.code} "
                f"{self.finding().message}")


@dataclass
class GuardOptions:
    full: bool = False  # fingerprint all bytes of stored data, not a sample
    verbose: Optional[TextIO] = None  # where findings are written as they happen
    module: Optional[str] = None  # the module run with `-m`: its package is user code


@dataclass
class GuardSession:
    """Install with `start()`, take out with `stop()`; `findings` holds what was found."""

    options: GuardOptions = field(default_factory=GuardOptions)
    findings: List[GuardFinding] = field(default_factory=list)
    events: List[Tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.full = self.options.full
        self.places = Places(self._user_modules())
        self.pid = os.getpid()
        self._seen: Dict[Any, GuardFinding] = {}
        self._worker_dir: Optional[str] = None
        self.watch: Any = None
        self.datasets: Any = None
        self.snapshots: Any = None
        self.tracer: Any = None
        self._placed_later: set = set()  # findings an exact place may still replace
        self.active = False

    # --- install ---------------------------------------------------------------------------

    def start(self) -> "GuardSession":
        try:
            import numpy  # noqa: F401
            import torch  # noqa: F401
            import torch.utils.data  # noqa: F401
        except ImportError as exc:
            raise TorchMissing(f"{NEEDS_TORCH} ({exc})") from None
        from .dataset_guards import DatasetGuards
        from .localize import LineTracer
        from .snapshot_guards import Snapshots
        from .watch import Watch

        self.places = Places(self._user_modules())  # now that torch and numpy are imported
        self._worker_dir = tempfile.mkdtemp(prefix="copysafety-guard-")
        self.watch = Watch(self)
        self.tracer = LineTracer(self)
        self.datasets = DatasetGuards(self)
        self.snapshots = Snapshots(self)
        self.datasets.install()
        self.snapshots.install()
        self.active = True
        return self

    def _user_modules(self) -> Tuple[str, ...]:
        return (self.options.module,) if self.options.module else ()

    def stop(self) -> List[GuardFinding]:
        """Sweep the stored data once more, take the guards out, gather worker findings."""
        if not self.active:
            return self.findings
        self.check_now("when the program ended")
        self.tracer.stop(probe_last=False)
        self.datasets.uninstall()
        self.snapshots.uninstall()
        self.active = False
        self.collect_workers()
        if self._worker_dir:
            shutil.rmtree(self._worker_dir, ignore_errors=True)
            self._worker_dir = None
        return self.findings

    def __enter__(self) -> "GuardSession":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def check_now(self, when: str) -> None:
        """A sweep of every guarded dataset's stored data (end of a run, end of a test)."""
        if self.active and os.getpid() == self.pid:
            self.guarded(lambda: self.datasets.sweep(when, at_caller=False))
            self.collect_workers()

    # --- findings --------------------------------------------------------------------------

    def guarded(self, action: Callable[[], Any]) -> Any:
        """Run guard code with the mode quiet; never let it fail the program."""
        watch = self.watch
        if watch is not None:
            watch.quiet += 1
        try:
            return action()
        except Exception:  # noqa: BLE001
            return None
        finally:
            if watch is not None:
                watch.quiet -= 1

    def report(self, code: str, place: Optional[Place], message: str, key: Any = (),
               exact: bool = True) -> None:
        """`exact`: `place` is where the change was made; a finding that is not (found
        later, placed where it was found) gives way to an exact one of the same key."""
        if place is None:
            return  # nowhere in the user's code to point at
        found = GuardFinding(place.path, place.line, code, message, place.column)
        if os.getpid() != self.pid:
            if self._first(found, key, exact):
                self._to_parent(found, key, exact)
            return
        self._add(found, key, exact)

    def _first(self, found: GuardFinding, key: Any, exact: bool = True) -> bool:
        """One finding per code and key (a dataset's attribute, a snapshot), else per line;
        an exact one replaces one placed later."""
        where = (found.path, found.line, found.message)
        dedupe = (found.code,) + (tuple(key) if key else where)
        old = self._seen.get(dedupe)
        if old is not None and not (exact and id(old) in self._placed_later):
            return False
        if old is not None:
            self._placed_later.discard(id(old))
            if old in self.findings:
                self.findings.remove(old)
        self._seen[dedupe] = found
        if not exact:
            self._placed_later.add(id(found))
        return True

    def _add(self, found: GuardFinding, key: Any, exact: bool = True) -> None:
        if not self._first(found, key, exact):
            return
        self.findings.append(found)
        self.event(found.code, found.message)
        if self.options.verbose is not None:
            try:
                self.options.verbose.write(found.text() + "\n")
                self.options.verbose.flush()
            except (OSError, ValueError):
                pass

    def event(self, code: str, detail: str) -> None:
        """Something the guards saw: a finding, or a write-through that is not reported
        (an EMA written through `ema.state_dict()` on purpose)."""
        self.events.append((code, detail))

    def _to_parent(self, found: GuardFinding, key: Any, exact: bool) -> None:
        if not self._worker_dir:
            return
        line = json.dumps({"path": found.path, "line": found.line, "column": found.column,
                           "code": found.code,
                           "message": found.message, "key": [str(k) for k in key],
                           "exact": exact})
        try:
            with open(os.path.join(self._worker_dir, f"{os.getpid()}.jsonl"), "a",
                      encoding="utf-8") as handle:
                handle.write(line + "\n")
        except OSError:
            pass

    def collect_workers(self) -> None:
        """Findings that DataLoader worker processes wrote for this process."""
        if not self._worker_dir or not os.path.isdir(self._worker_dir):
            return
        for name in sorted(os.listdir(self._worker_dir)):
            path = os.path.join(self._worker_dir, name)
            try:
                with open(path, encoding="utf-8") as handle:
                    lines = handle.read().splitlines()
                os.remove(path)
            except OSError:
                continue
            for line in lines:
                try:
                    item = json.loads(line)
                    self._add(GuardFinding(item["path"], int(item["line"]), item["code"],
                                           item["message"], int(item.get("column", 1))),
                              tuple(item.get("key", ())), bool(item.get("exact", True)))
                except (ValueError, KeyError, TypeError):
                    continue


def torch_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("torch", "numpy"))


__all__ = ["GuardFinding", "GuardOptions", "GuardSession", "NEEDS_TORCH", "TorchMissing",
           "torch_available"]
