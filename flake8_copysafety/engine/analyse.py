"""The libcst analysis of the parts of a file the `ast` plan chose: parse, run rules, place."""

import ast
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Set, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ..analysis.flow import FileContext
from ..analysis.imports import (bound_transforms, imported_callee, imported_class,
                                imported_class_method, imported_instance_helper,
                                imported_return, inherited_method)
from ..analysis.regions import Region, build_callees
from ..core.findings import LINE_REF, Finding, Fix, PlacedFinding
from ..core.names import ImportTable
from ..core.source import Unchecked, source_lines
from ..plan.candidates import Plan, region_spans
from ..rules.families import FAMILIES
from ..rules.reporting import RawFinding


def analyse_plan(text: str, tree: ast.Module, imports: ImportTable, chosen: Plan, options,
                 facts_used: Optional[Set[str]] = None, filename: Optional[str] = None
                 ) -> List[Finding]:
    return [placed.finding for placed in
            analyse_plan_placed(text, tree, imports, chosen, options, facts_used, filename)]


def analyse_plan_placed(text: str, tree: ast.Module, imports: ImportTable, chosen: Plan,
                        options, facts_used: Optional[Set[str]] = None,
                        filename: Optional[str] = None) -> List[PlacedFinding]:
    """The findings of this file: its own, and the changes its datasets make in other
    files, at the statement here that hands the stored data to the code that changes it,
    with the copy's fix. The other file reports the same change on its own line
    (`engine/reached.py`); this one is where a lint of the dataset's module alone (an
    editor's save, a hook on staged files) sees it."""
    regions = _parse_regions(text, tree, chosen)
    base = FileContext(regions[0].module, imports, set(options.copy_functions), facts_used,
                       path=filename, follow_import=imported_callee,
                       follow_return=imported_return,
                       bound_transforms=bound_transforms, follow_method=inherited_method,
                       follow_instance_helper=imported_instance_helper,
                       follow_class=imported_class, follow_class_method=imported_class_method,
                       reference_returning=frozenset(options.reference_returning))
    base.receivers = chosen.receivers
    callees = build_callees(base, regions)
    callees.state_dict_producers = chosen.producers
    classes = callees.classes
    raw: List[RawFinding] = []
    for region in regions:
        ctx = replace(base, module=region.module)
        for family in FAMILIES:
            raw.extend(family.check(ctx, region.module, classes, chosen))
    if not raw:
        return []
    positions = _Positions(regions)
    found: List[PlacedFinding] = []
    for r in raw:
        if r.changed_at is None or _same_file(r.changed_at[0], filename):
            found.append(_finding(r, positions))
        else:
            try:
                found.append(_finding(replace(r, changed_at=None), positions))
            except KeyError:  # the framework's own code runs the transform: no call here
                pass
    return _one_per_line(found)


def _same_file(a: str, b: Optional[str]) -> bool:
    try:
        return b is not None and Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError, ValueError):
        return False


class _Positions:
    """Where nodes are in the file. A finding's message may name a line in another region
    (a helper's), so nodes are looked up in every region; each region's positions are
    computed once, and only when asked for (they cost more than the parse)."""

    def __init__(self, regions: List[Region]) -> None:
        self.regions = regions
        self._maps: Dict[int, Mapping[cst.CSTNode, CodeRange]] = {}

    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        for index, region in enumerate(self.regions):
            if index not in self._maps:
                # `unsafe_skip_copy` keeps node identities intact.
                wrapper = MetadataWrapper(region.module, unsafe_skip_copy=True)
                self._maps[index] = wrapper.resolve(PositionProvider)
            found = self._maps[index].get(node)
            if found is not None:
                offset = region.offset
                return CodeRange((found.start.line + offset, found.start.column),
                                 (found.end.line + offset, found.end.column))
        raise KeyError("a finding refers to code outside the analysed regions")


def _one_per_line(found: List[PlacedFinding]) -> List[PlacedFinding]:
    """`x.mul_(0).add_(2)` is one change to report, not two: one finding per line and code."""
    kept: Dict[Tuple[int, str], PlacedFinding] = {}
    for placed in sorted(found, key=lambda p: (p.finding.line, p.finding.col, p.finding.code)):
        kept.setdefault((placed.finding.line, placed.finding.code), placed)
    return list(kept.values())


def _parse_regions(text: str, tree: ast.Module, chosen: Plan) -> List[Region]:
    try:
        if chosen.whole_module:
            return [Region(cst.parse_module(text), 0)]
        lines = source_lines(text)
        regions = []
        for start, end in region_spans(tree, chosen):
            regions.append(Region(cst.parse_module("".join(lines[start - 1:end])), start - 1))
        return regions
    except cst.ParserSyntaxError as exc:  # valid for `ast`, not for libcst's grammar
        raise Unchecked("libcst cannot parse it",
                        exc.raw_line + (0 if chosen.whole_module else start - 1),
                        exc.raw_column) from None


def _finding(raw: RawFinding, positions: _Positions) -> PlacedFinding:
    if raw.changed_at is not None:  # a change made elsewhere in this file: on its own line
        _, line, col, end_line, end_col = raw.changed_at
        where = CodeRange((line, col), (end_line, end_col))
    else:
        where = positions[raw.node]
    refs = {name: positions[node].start.line for name, node in raw.refs.items()}
    message = raw.message
    for name, line in refs.items():
        message = message.replace(LINE_REF.format(name), str(line))
    fix = None
    if raw.fix_site is not None and raw.fix_text is not None:
        span = positions[raw.fix_site]
        fix = Fix((span.start.line, span.start.column), (span.end.line, span.end.column),
                  raw.fix_text, raw.needs_import_copy, f"replace with `{raw.fix_text}`")
    return PlacedFinding(Finding(where.start.line, where.start.column, raw.code, message,
                                 where.end.line, where.end.column, fix), raw.message, refs)
