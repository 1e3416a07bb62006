"""Which files a run checks: named files, and `*.py` files found under named directories.

Exclusion patterns are shell globs. A pattern without a slash (`build`, `*.egg-info`) matches
any single path component; a pattern with a slash (`tests/data`, `src/gen_*.py`) matches a
path relative to the directory it came from (the configuration file's directory, or the
working directory for `--exclude`) and excludes everything under what it matches. Exclusions
apply to named files too, so a pre-commit run (which names files) skips what a directory walk
would skip.

Nothing is skipped without a word: what is not a regular file (a FIFO or a socket named
`*.py`, which would block the run), a broken symbolic link and a directory that cannot be
read each get a notice.
"""

import os
import stat
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Set, Tuple

DEFAULT_EXCLUDE: Tuple[str, ...] = (
    ".git", ".hg", ".svn", ".tox", ".nox", ".eggs", ".venv", "venv", "env", "__pycache__",
    "build", "dist", "*.egg-info", "node_modules", "site-packages", ".copysafety_cache",
)
STDIN = "-"


class PathError(ValueError):
    """A named path that does not exist."""


@dataclass(frozen=True)
class Exclude:
    glob: str
    base: str  # absolute directory that a pattern with a slash is relative to


class Excluder:
    def __init__(self, patterns: Sequence[Exclude]) -> None:
        self._names = [p.glob for p in patterns if "/" not in p.glob.strip("/")]
        self._paths = [
            (p.glob.strip("/"), p.base) for p in patterns if "/" in p.glob.strip("/")
        ]

    def name_excluded(self, name: str) -> bool:
        return any(fnmatch(name, glob) for glob in self._names)

    def path_excluded(self, path: str) -> bool:
        """Whether an absolute path, or a directory above it, matches a pattern with a slash."""
        for glob, base in self._paths:
            try:
                rel = os.path.relpath(path, base)
            except ValueError:  # another drive on Windows
                continue
            if rel == os.curdir or rel.startswith(os.pardir):
                continue
            parts = Path(rel).parts
            for end in range(1, len(parts) + 1):
                if fnmatch("/".join(parts[:end]), glob):
                    return True
        return False

    def excluded(self, path: str, components: Sequence[str]) -> bool:
        return any(self.name_excluded(c) for c in components) or self.path_excluded(path)


def _components_under_cwd(path: str) -> Tuple[str, ...]:
    """The parts of a named path that exclusions look at: those below the working directory."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, os.getcwd())
    except ValueError:
        rel = os.pardir
    if rel.startswith(os.pardir):
        return (os.path.basename(absolute),)
    return tuple(part for part in Path(rel).parts if part != os.curdir)


def discover(paths: Sequence[str], excluder: Excluder,
             notices: Optional[List[str]] = None) -> List[str]:
    """The files to check, in a stable order, each once; `-` stands for standard input.
    What was passed over for a reason the user should know is appended to `notices`."""
    notices = notices if notices is not None else []
    missing = [p for p in paths if p != STDIN and not os.path.exists(p)]
    if missing:
        raise PathError(f"{missing[0]}: no such file or directory")
    seen: Set[str] = set()
    found: List[str] = []
    for path in paths:
        for item in _expand(path, excluder, notices):
            key = STDIN if item == STDIN else os.path.normcase(os.path.abspath(item))
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _regular(path: str, notices: List[str]) -> bool:
    """Whether `path` is a regular file (or a link to one); a notice for anything else."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        notices.append(f"{path}: broken symbolic link, skipped")
        return False
    except OSError as exc:
        notices.append(f"{path}: cannot be read ({exc.strerror or exc}), skipped")
        return False
    if stat.S_ISREG(mode):
        return True
    notices.append(f"{path}: not a regular file ({_kind(mode)}), skipped")
    return False


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def _expand(path: str, excluder: Excluder, notices: List[str]) -> Iterator[str]:
    if path == STDIN:
        yield STDIN
        return
    display = os.path.normpath(path)
    if excluder.excluded(os.path.abspath(display), _components_under_cwd(display)):
        return
    if not os.path.isdir(display):
        if _regular(display, notices):
            yield display
        return

    def unreadable(error: OSError) -> None:
        notices.append(f"{error.filename}: directory cannot be read "
                       f"({error.strerror or error}), skipped")

    for root, dirnames, filenames in os.walk(display, onerror=unreadable):
        dirnames[:] = sorted(
            d for d in dirnames
            if not excluder.name_excluded(d)
            and not excluder.path_excluded(os.path.abspath(os.path.join(root, d)))
        )
        for name in sorted(filenames):
            if not name.endswith(".py") or excluder.name_excluded(name):
                continue
            full = os.path.normpath(os.path.join(root, name))
            if not excluder.path_excluded(os.path.abspath(full)) and _regular(full, notices):
                yield full


def make_excluder(
    cli: Optional[Sequence[str]], configured: Optional[Sequence[str]], config_dir: Path,
) -> Excluder:
    """Defaults plus the command line's `--exclude` (if given) or else the configured ones."""
    patterns = [Exclude(g, os.getcwd()) for g in DEFAULT_EXCLUDE]
    if cli is not None:
        patterns += [Exclude(g, os.getcwd()) for g in cli]
    elif configured:
        patterns += [Exclude(g, str(config_dir)) for g in configured]
    return Excluder(patterns)
