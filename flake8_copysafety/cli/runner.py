"""Check files, one by one or in worker processes: lint, filter, fix, and say what was found.

Everything a worker needs travels in `Settings` (picklable); a worker returns one
`FileReport` per file, and writes the file itself when fixing, so no two processes ever
write the same file.
"""

import ast
import errno
import gc
import io
import os
import signal
import stat
import sys
import tempfile
import threading
import time
import tokenize
from concurrent.futures import InvalidStateError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, List, Optional, Sequence, Tuple

from ..core.findings import Finding
from ..core.source import decode, split_lines
from ..engine.pipeline import LintOptions, lint_source
from ..fix.rewrites import (apply_fixes, copy_name_taken, import_copy_insertion, imports_copy,
                            newline_of)
from .noqa import NoqaMap
from .selection import Selection, per_file_ignored

PARALLEL_MIN_FILES = 8  # below this, starting worker processes costs more than it saves
PROGRESS_MIN_FILES = 200  # a progress line only for runs this long, and only on a terminal
MAX_FIX_PASSES = 5


@dataclass(frozen=True)
class Settings:
    options: LintOptions
    selection: Selection
    disable_noqa: bool = False
    mode: str = "check"  # "check", "fix" (write fixes) or "diff" (compute them only)
    # per-file-ignores: (glob, the directory it is relative to, code prefixes)
    per_file_ignores: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = ()
    cache_dir: Optional[str] = None  # where results of unchanged files are kept; None: off


@dataclass
class FileReport:
    path: str
    findings: List[Finding] = field(default_factory=list)
    # Where `import copy` goes when a reported fix needs it: (1-based line, text to insert).
    import_insertion: Optional[Tuple[int, str]] = None
    error: Optional[str] = None
    fixed_count: int = 0
    original: Optional[str] = None  # set with `fixed` when fixing changed the text
    fixed: Optional[str] = None


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask where the platform has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _encoding_of(raw: bytes) -> str:
    """The encoding Python reads the file with (`utf-8-sig` keeps a BOM on writing)."""
    try:
        return tokenize.detect_encoding(io.BytesIO(raw).readline)[0]
    except (SyntaxError, LookupError):
        return "utf-8"


def _reportable(findings: Iterable[Finding], text: Optional[str], settings: Settings,
                path: str = "") -> List[Finding]:
    """Selected findings that neither `per-file-ignores` nor a `# noqa` suppresses; fixes on
    noqa'd lines are removed."""
    dropped = per_file_ignored(path, settings.per_file_ignores)
    chosen = [f for f in findings
              if settings.selection(f.code) and not (dropped and f.code.startswith(dropped))]
    if not chosen or text is None or settings.disable_noqa:
        return sorted(chosen, key=_order)
    noqa = NoqaMap(text)
    if noqa.file_ignored:
        return []
    kept = []
    for finding in chosen:
        if noqa.suppressed(finding.line, finding.code):
            continue
        fix = finding.fix
        if fix is not None and any(noqa.suppressed(line, finding.code)
                                   for line in range(fix.start[0], fix.end[0] + 1)):
            finding = replace(finding, fix=None)
        kept.append(finding)
    return sorted(kept, key=_order)


def _order(finding: Finding) -> Tuple[int, int, str]:
    return finding.line, finding.col, finding.code


def _settle_imports(report: FileReport, text: Optional[str]) -> None:
    """Drop fixes needing `import copy` that cannot get it; note where it would go."""
    if text is None or not any(f.fix and f.fix.needs_import_copy for f in report.findings):
        return
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return
    if imports_copy(tree):
        return
    if copy_name_taken(tree):
        report.findings = [
            replace(f, fix=None) if f.fix and f.fix.needs_import_copy else f
            for f in report.findings
        ]
        return
    lines = split_lines(text)
    report.import_insertion = import_copy_insertion(tree, len(lines), newline_of(lines))


def check_source(path: str, raw: bytes, settings: Settings) -> FileReport:
    """Lint (and, in fix modes, fix) one file's content; writes nothing."""
    report = FileReport(path)
    findings = lint_source(raw, path, settings.options, report_unchecked=True,
                           cache_dir=settings.cache_dir)
    if not findings:
        return report
    text = decode(raw)
    report.findings = _reportable(findings, text, settings, path)
    if settings.mode != "check" and text is not None:
        current = text
        for _ in range(MAX_FIX_PASSES):
            fixable = [f for f in report.findings if f.fix is not None]
            if not fixable:
                break
            outcome = apply_fixes(current, fixable)
            if not outcome.applied:
                break
            current = outcome.text
            report.fixed_count += len(outcome.applied)
            report.findings = _reportable(
                lint_source(current, path, settings.options, report_unchecked=True,
                            cache_dir=settings.cache_dir), current, settings, path)
            if len([f for f in report.findings if f.fix is not None]) >= len(fixable):
                break  # no progress: stop instead of rewriting the same span again
        if current != text:
            report.original, report.fixed = text, current
        text = current
    _settle_imports(report, text)
    return report


def check_path(path: str, settings: Settings) -> FileReport:
    """Read, check, and in "fix" mode write back one file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return FileReport(path, error=f"cannot read file: {exc.strerror or exc}")
    report = check_source(path, raw, settings)
    if settings.mode == "fix" and report.fixed is not None:
        try:
            write_atomically(path, report.fixed.encode(_encoding_of(raw)))
        except (OSError, UnicodeEncodeError, LookupError) as exc:
            report.error = f"cannot write the fixed file: {exc}"
            report.fixed = report.original = None
            report.fixed_count = 0
    return report


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's content so that at every moment, an interrupt or a crash
    included, it holds either its old text or all of the new: a temporary file in the same
    folder (one file system: the rename is atomic), flushed to disk, given the file's mode,
    then renamed over it. A symbolic link keeps pointing where it did: its target is
    replaced."""
    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    if not os.access(target, os.W_OK):  # a rename would replace a file its owner locked
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
    folder, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".copysafety-fix",
                                         dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:  # an interrupt too: the file in hand is abandoned, not cut short
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


class Interrupted(KeyboardInterrupt):
    """SIGTERM, read as Ctrl-C: the file in hand is finished or abandoned, then the run
    stops (`main` turns it into exit status 130)."""


def _interrupt(signum, frame) -> None:
    raise Interrupted()


def _worker_start(parent: int) -> None:
    """A pool worker ends with its parent, however the parent ends (`kill -9` included):
    Linux sends it SIGTERM then (PR_SET_PDEATHSIG), and SIGTERM abandons the file in hand.
    Elsewhere the worker sees the parent gone before each file (`_check_one`)."""
    signal.signal(signal.SIGTERM, _worker_signal)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)


_IN_HAND: List[str] = []  # the file a pool worker is checking (or fixing) now


def _worker_signal(signum, frame) -> None:
    """SIGTERM in a pool worker: abandon the file in hand (unwinding removes its temporary
    file) and exit; with none in hand, exit at once."""
    if _IN_HAND:
        raise Interrupted()
    os._exit(1)


def _check_one(args: Tuple[str, Settings, int]) -> FileReport:
    path, settings, parent = args
    if os.getppid() != parent:  # the run that asked for it is gone: write nothing
        os._exit(1)
    _IN_HAND.append(path)
    try:
        return check_path(path, settings)
    except Interrupted:
        os._exit(1)  # the run is over: no more files, and nobody waits for this one
    finally:
        _IN_HAND.clear()


class Progress:
    """A self-erasing `checked N/M files` line on a terminal's stderr; silent elsewhere."""

    def __init__(self, total: int, stream=None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = total >= PROGRESS_MIN_FILES and _isatty(self.stream)
        self.done = 0
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done == self.total:
            self._last = now
            self.stream.write(f"\rcopysafety: checked {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def run(paths: Sequence[str], settings: Settings, jobs: int,
        on_report: Callable[[FileReport], None], progress: Optional[Progress] = None) -> None:
    """Check `paths`, calling `on_report` for each in order."""
    progress = progress or Progress(len(paths))
    previous = None
    if settings.mode == "fix" and threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        for report in _reports(paths, settings, jobs):
            progress.step()
            on_report(report)
    finally:
        progress.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _reports(paths: Sequence[str], settings: Settings, jobs: int) -> Iterator[FileReport]:
    jobs = min(jobs, len(paths))
    if jobs <= 1 or len(paths) <= PARALLEL_MIN_FILES:
        for path in paths:
            yield check_path(path, settings)
        return
    from ..engine.reached import prepare_projects

    try:  # forked workers inherit what is built here; others read it from the cache
        # With no result cache every file is analysed: its dataset modules' analysis too,
        # done here once. (With one, most files are answered from it, and need none.)
        prepare_projects(paths, settings.options if settings.cache_dir is None else None,
                         jobs)
    except Exception:  # noqa: BLE001 - the workers build it themselves, and report
        pass
    # What the workers inherit is never garbage: kept out of the collector's scans (in each
    # worker, and here), which otherwise walk the whole project model again and again.
    gc.freeze()
    done = 0
    parent = os.getpid()
    try:
        executor = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start,
                                       initargs=(parent,))
    except (OSError, NotImplementedError, ValueError):
        executor = None  # no processes here (a sandbox, no /dev/shm): check serially
        gc.unfreeze()
    if executor is not None:
        chunk = max(1, min(32, len(paths) // (jobs * 4)))
        interrupted = False
        try:
            for report in executor.map(_check_one, [(p, settings, parent) for p in paths],
                                       chunksize=chunk):
                done += 1
                yield report
        except (BrokenProcessPool, OSError):
            pass  # a worker died (killed, out of memory): finish the rest here
        except BaseException:  # Ctrl-C, SIGTERM, the consumer gone: stop the pool now
            interrupted = True
            _quiet_pool_threads()
            _stop_workers(executor)
            raise
        finally:
            executor.shutdown(wait=not interrupted, cancel_futures=True)
            gc.unfreeze()
    for path in paths[done:]:
        yield check_path(path, settings)


def _quiet_pool_threads() -> None:
    """After an interrupt, the pool's manager thread may still complete a future that the
    shutdown cancelled and fail with InvalidStateError (CPython 3.11's concurrent.futures):
    that is no error of the run, and its traceback is not printed."""
    previous = threading.excepthook

    def hook(args: "threading.ExceptHookArgs") -> None:
        if args.exc_type is not InvalidStateError:
            previous(args)

    threading.excepthook = hook


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """SIGTERM to each worker: each abandons the file in hand (`write_atomically`)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, AttributeError, ValueError):
            pass
