"""Finding the line that changed stored data when no torch call showed it (a list popped, a
dict entry set, an ndarray written by numpy): for a short window, the user's frames are traced
line by line and the suspected objects are compared after every line; the first difference
is placed at the user's line that ran last (the call into library code, where the change
happened inside it).

Tracing is costly, so it runs only while a dataset guard asks for it (a change already found
without its line, or a cache just filled), for a bounded number of lines, and never while
another tracer (a debugger, coverage) is installed.
"""

import sys
from types import FrameType
from typing import Any, Callable, Optional

from .places import Place, frame_column

LINE_BUDGET = 200_000  # line events one window may trace before it gives up


class LineTracer:
    """One window of line tracing; `probe()` returns True once it has placed a change."""

    def __init__(self, session) -> None:
        self.session = session
        self.probe: Optional[Callable[[Optional[Place]], bool]] = None
        self.owner: Any = None
        self._last: Optional[tuple] = None  # (code, line, lasti) of the user's line that ran
        self._lines = 0
        self._framed: list = []

    @property
    def active(self) -> bool:
        return self.probe is not None

    def start(self, owner: Any, probe: Callable[[Optional[Place]], bool]) -> bool:
        if self.probe is not None or sys.gettrace() is not None:
            return False
        self.owner, self.probe = owner, probe
        self._last, self._lines = None, 0
        is_library = self.session.places.is_library
        frame: Optional[FrameType] = sys._getframe(1)
        while frame is not None:  # the frames already running: the training loop above
            if not is_library(frame.f_code.co_filename):
                frame.f_trace = self._local
                self._framed.append(frame)
            frame = frame.f_back
        sys.settrace(self._global)
        return True

    def stop(self, probe_last: bool = True) -> None:
        """End the window (after a last probe: what the lines since the last event did)."""
        if self.probe is None:
            return
        if probe_last:
            self._probe()
        if sys.gettrace() == self._global:
            sys.settrace(None)
        for frame in self._framed:
            frame.f_trace = None
        self._framed.clear()
        self.probe, self.owner, self._last = None, None, None

    def _global(self, frame, event, arg):
        if event == "call" and self.probe is not None and \
                not self.session.places.is_library(frame.f_code.co_filename):
            return self._local
        return None

    def _local(self, frame, event, arg):
        if self.probe is None:
            return None
        if event == "line" or event == "return":
            if self._probe():
                return None
            if event == "line":
                self._last = (frame.f_code, frame.f_lineno, frame.f_lasti)
            self._lines += 1
            if self._lines > LINE_BUDGET:
                self.stop(probe_last=False)
                return None
        return self._local

    def _probe(self) -> bool:
        probe = self.probe
        if probe is None:
            return False
        watch = self.session.watch
        if watch is not None:
            watch.quiet += 1
        try:
            placed = probe(self._place())
        except Exception:  # noqa: BLE001 - a guard never breaks the program
            placed = False
        finally:
            if watch is not None:
                watch.quiet -= 1
        if placed:
            self.stop(probe_last=False)
        return placed

    def _place(self) -> Optional[Place]:
        if self._last is None:
            return None
        code, line, lasti = self._last
        return Place(code.co_filename, line, frame_column(code, lasti))
