"""Parse a candidate file once with libcst, run every rule, then attach positions."""

from typing import List, Optional, Set, Union

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .dataset_rules import check_datasets
from .findings import Finding, Fix
from .flow import FileContext
from .names import ImportTable
from .reporting import LINE_REF, RawFinding
from .rules import with_anchor
from .state_dict_rules import check_state_dicts


def parse(source: Union[str, bytes]) -> Optional[cst.Module]:
    """The module, or None when it is not valid Python (flake8 reports that itself)."""
    try:
        return cst.parse_module(source)
    except (cst.ParserSyntaxError, UnicodeDecodeError, ValueError, SyntaxError):
        return None


def analyse_source(source: Union[str, bytes], options, facts_used: Optional[Set[str]] = None
                   ) -> List[Finding]:
    """All findings for one file. `facts_used`, when given, receives the semantics keys
    (see `semantics.all_fact_keys`) the analysis consulted."""
    module = parse(source)
    if module is None:
        return []
    ctx = FileContext(module, ImportTable(module), set(options.copy_functions), facts_used)
    raw: List[RawFinding] = []
    if "__getitem__" in _text(source):
        raw.extend(check_datasets(ctx, options.dataset_bases))
    raw.extend(check_state_dicts(ctx))
    if not raw:
        return []
    # Positions are computed only now, and only for files with findings: they cost more
    # than the parse itself. `unsafe_skip_copy` keeps node identities intact.
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    findings = [_finding(r, positions) for r in raw]
    return sorted(set(findings), key=lambda f: (f.line, f.col, f.code))


def _text(source: Union[str, bytes]) -> str:
    return source if isinstance(source, str) else source.decode("utf-8", "replace")


def _finding(raw: RawFinding, positions) -> Finding:
    where = positions[raw.node]
    message = raw.message
    for name, node in raw.refs.items():
        message = message.replace(LINE_REF.format(name), str(positions[node].start.line))
    fix = None
    if raw.fix_site is not None and raw.fix_text is not None:
        span = positions[raw.fix_site]
        fix = Fix((span.start.line, span.start.column), (span.end.line, span.end.column),
                  raw.fix_text, raw.needs_import_copy,
                  f"replace with `{raw.fix_text}`")
    return Finding(where.start.line, where.start.column, raw.code,
                   with_anchor(raw.code, message), where.end.line, where.end.column, fix)
