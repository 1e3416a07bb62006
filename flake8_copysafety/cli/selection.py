"""Which codes a run reports: `select`, `ignore` and their `extend-` forms, as flake8 decides.

Every entry is a code prefix (`CPS`, `CPS1`, `CPS101`). By default every CPS code is selected
except the default-off ones (CPS104), which are implicitly ignored. An explicit selection
(`--select`, `--extend-select`) beats an implicit ignore, an explicit ignore beats an implicit
selection, and when a code matches both lists at the same level the longer prefix wins (a tie
ignores). So `--select CPS` turns CPS104 on, exactly as `flake8 --select=CPS` does.

One difference from flake8, on purpose: `--ignore` does not drop the default-off list, so
`--ignore CPS101` does not turn CPS104 on (`flake8 --ignore=...` replaces the defaults that
plugins extend and does turn it on).
"""

import os
import re
from fnmatch import fnmatch
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..rules.catalogue import DEFAULT_OFF, RULES

VALID_PREFIX = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$", re.ASCII)
DEFAULT_SELECT: Tuple[str, ...] = ("CPS",)


class SelectionError(ValueError):
    """A malformed code prefix in select/ignore."""


def parse_codes(value: Optional[Iterable[str]], option: str) -> Optional[Tuple[str, ...]]:
    """Normalise a comma/whitespace separated list (or a list of such strings) of prefixes."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    codes = []
    for item in value:
        for code in re.split(r"[,\s]+", str(item)):
            if not code:
                continue
            if not VALID_PREFIX.match(code):
                raise SelectionError(
                    f"{code!r} given to {option} is not a code prefix "
                    "(expected letters then digits, e.g. CPS or CPS101)"
                )
            if not any(known.startswith(code) for known in RULES):
                raise SelectionError(
                    f"{code!r} given to {option} matches no rule; known codes: "
                    f"{', '.join(RULES)}"
                )
            codes.append(code)
    return tuple(codes)


def _longest_first(codes: Iterable[str]) -> Tuple[str, ...]:
    return tuple(sorted(codes, reverse=True))


def per_file_ignored(path: str, entries: Sequence[Tuple[str, str, Tuple[str, ...]]]
                     ) -> Tuple[str, ...]:
    """The code prefixes `per-file-ignores` drops for `path`, matched as flake8 does: a
    glob against the file's name, or (made absolute against its configuration's directory)
    against the file's absolute path. `entries` hold (glob, base directory, codes)."""
    if not entries:
        return ()
    name, absolute = os.path.basename(path), os.path.abspath(path)
    found: List[str] = []
    for glob, base, codes in entries:
        if fnmatch(name, glob) or fnmatch(absolute, os.path.abspath(os.path.join(base, glob))):
            found.extend(codes)
    return tuple(found)


class Selection:
    """Decides, once per code, whether findings with that code are reported."""

    def __init__(
        self,
        select: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        extend_select: Sequence[str] = (),
        extend_ignore: Sequence[str] = (),
    ) -> None:
        self.selected_explicitly = _longest_first([*(select or ()), *extend_select])
        self.ignored_explicitly = _longest_first([*(ignore or ()), *extend_ignore])
        chosen = list(select) if select is not None else list(DEFAULT_SELECT)
        self.selected = _longest_first([*chosen, *extend_select])
        self.ignored = _longest_first([*(ignore or ()), *DEFAULT_OFF, *extend_ignore])
        self._cache: Dict[str, bool] = {}

    def __call__(self, code: str) -> bool:
        decision = self._cache.get(code)
        if decision is None:
            decision = self._cache[code] = self._decide(code)
        return decision

    def _decide(self, code: str) -> bool:
        sel_explicit = code.startswith(self.selected_explicitly)
        sel = sel_explicit or code.startswith(self.selected)
        ign_explicit = code.startswith(self.ignored_explicitly)
        ign = ign_explicit or code.startswith(self.ignored)
        if not ign:
            return sel
        if not sel:
            return False
        if sel_explicit != ign_explicit:
            return sel_explicit
        select = next(s for s in self.selected if code.startswith(s))
        ignore = next(i for i in self.ignored if code.startswith(i))
        return len(select) > len(ignore)
