"""One lint pipeline for every front end: gate, parse, analyse, position, wrap errors.

Cheap when there is nothing to find: a substring test rejects most files before libcst is
even imported; libcst metadata (positions) is computed only for files that have findings.
"""

import re
from dataclasses import dataclass
from typing import List, Tuple, Union

from .findings import Finding
from .rules import with_anchor

# A file can only hold a finding if it defines __getitem__ or calls state_dict().
_CANDIDATE = re.compile(rb"__getitem__|state_dict\s*\(")


@dataclass(frozen=True)
class LintOptions:
    """User configuration shared by the flake8 plugin and the standalone command."""

    dataset_bases: Tuple[str, ...] = ()
    copy_functions: Tuple[str, ...] = ()


def is_candidate(source: Union[str, bytes]) -> bool:
    """The gate that decides whether a file is worth a parse."""
    data = source.encode("utf-8", "surrogateescape") if isinstance(source, str) else source
    return _CANDIDATE.search(data) is not None


def lint_source(
    source: Union[str, bytes], filename: str = "<string>", options: LintOptions = LintOptions()
) -> List[Finding]:
    """All findings for one file (every code, default-off ones included; no noqa filtering).

    Never raises: a file libcst cannot parse yields nothing (flake8 reports the syntax
    error itself), and an internal error becomes one CPS900 finding naming the file.
    """
    if not is_candidate(source):
        return []
    try:
        from .analysis import analyse_source

        return analyse_source(source, options)
    except RecursionError:
        return [_internal_error(filename, "the file is nested too deeply to analyse")]
    except Exception as exc:  # noqa: BLE001 - one clear finding instead of a traceback
        return [_internal_error(filename, f"{type(exc).__name__}: {exc}")]


def _internal_error(filename: str, why: str) -> Finding:
    message = f"copysafety could not analyse {filename}: {why}"
    return Finding(1, 0, "CPS900", with_anchor("CPS900", message))
