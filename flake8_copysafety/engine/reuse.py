"""The last libcst analysis of a file, reused after an edit that cannot change its findings.

An editor lints a file on every save, each time in a fresh flake8 process; after an edit the
whole-file result cache (`engine/cache.py`) misses, and importing libcst alone costs more
than plain flake8's whole run on one file. Yet the libcst analysis reads only:

- the text of the statements the `ast` plan chose, each parsed on its own;
- the plan's decisions (dataset classes, item users, state_dict scopes and producers);
- the import table, the settings and the file's path;
- the project modules it consulted (their contents, as the result cache records them);
- the answers of the plan's receiver evidence (`plan/receivers.py`), recorded as asked.

A save that changes none of them (an edit of another function or of module-level code, or
lines added above, which only move the chosen statements) gets the last findings back, each
line moved with its statement, and libcst is not imported. The receiver evidence is asked
again, cheaply on the `ast`, and must answer as before. A plan that parses the whole module
is never reused: any edit changes its text.
"""

import hashlib
from dataclasses import replace
from typing import Any, List, Optional, Sequence, Tuple

from ..core.findings import LINE_REF, Finding, Fix, PlacedFinding
from ..core.source import source_lines
from ..plan.candidates import Plan, region_spans
from ..project.module_paths import recording_modules
from .cache import (Invalid, ResultCache, dependencies, dependencies_unchanged, finding_as_json,
                    finding_from_json)

Spans = List[Tuple[int, int]]
# A line of the file as (index of the chosen statement, line within it, 0 for its first).
Place = Tuple[int, int]


class _Unplain(Exception):
    """A value that has no JSON form here: the analysis is not stored."""


def _plain(value: Any) -> Any:
    """A JSON form that keeps tuples, sets and dicts apart (receiver arguments are def
    paths, tuples used as keys)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"tuple": [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((_plain(v) for v in value), key=repr)}
    if isinstance(value, dict):
        return {"dict": sorted(([_plain(k), _plain(v)] for k, v in value.items()), key=repr)}
    raise _Unplain(type(value).__name__)


def _unplain(value: Any) -> Any:
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    if isinstance(value, dict):
        if "tuple" in value:
            return tuple(_unplain(v) for v in value["tuple"])
        if "set" in value:
            return {_unplain(v) for v in value["set"]}
        return {_unplain(k): _unplain(v) for k, v in value["dict"]}
    return value


class RecordingReceivers:
    """The plan's receiver evidence, with every question the analysis asks and its answer
    written down (attributes read count as questions without arguments)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.asked: List[list] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value):
            self.asked.append([name, None, _plain(value)])
            return value

        def asking(*args: Any) -> Any:
            answer = value(*args)
            self.asked.append([name, _plain(args), _plain(answer)])
            return answer

        return asking


def _answers_as_before(receivers: Any, asked: Any) -> bool:
    """Whether the receiver evidence answers the questions recorded as before; only its
    public questions are asked again (the record is data from disk)."""
    if not isinstance(asked, list):
        raise Invalid("receiver questions")
    if asked and receivers is None:
        return False
    for question in asked:
        if not (isinstance(question, list) and len(question) == 3 and
                isinstance(question[0], str) and question[0].isidentifier() and
                not question[0].startswith("_")):
            raise Invalid("a receiver question")
        name, args, answer = question
        if args is not None and not isinstance(args, dict):
            raise Invalid("a receiver question's arguments")
        value = getattr(receivers, name, None)
        if args is not None:
            value = value(*_unplain(args)) if callable(value) else None
        try:
            if _plain(value) != answer:
                return False
        except _Unplain:
            return False
    return True


def analysis_key(text: str, tree, chosen: Plan, imports, settings: str) -> Optional[str]:
    """What the libcst analysis reads of the file, as a digest; None for a plan that parses
    the whole module."""
    if chosen.whole_module:
        return None
    lines = source_lines(text)
    decisions = [sorted(chosen.datasets), sorted(chosen.derived_datasets),
                 sorted(chosen.item_users), sorted(chosen.state_dict_scopes),
                 sorted(chosen.producers), chosen.receivers is None,
                 sorted(imports.aliases.items()), sorted(imports.relative.items()),
                 sorted(imports.module_level_defs), settings]
    digest = hashlib.blake2b(repr(decisions).encode("utf-8", "surrogatepass"), digest_size=16)
    for start, end in region_spans(tree, chosen):
        digest.update(b"\0")
        digest.update("".join(lines[start - 1:end]).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _place(line: Optional[int], spans: Spans) -> Place:
    for index, (start, end) in enumerate(spans):
        if line is not None and start <= line <= end:
            return index, line - start
    raise _Unplain("a line outside the chosen statements")


def _line(place: Sequence[int], spans: Spans) -> int:
    return spans[place[0]][0] + place[1]


def _stored(placed: PlacedFinding, spans: Spans) -> dict:
    f = placed.finding
    fix = f.fix
    return {
        "code": f.code, "template": placed.template,
        "at": [_place(f.line, spans), f.col,
               None if f.end_line is None else _place(f.end_line, spans), f.end_col],
        "refs": {name: _place(line, spans) for name, line in placed.refs.items()},
        "fix": None if fix is None else [
            _place(fix.start[0], spans), fix.start[1], _place(fix.end[0], spans), fix.end[1],
            fix.replacement, fix.needs_import_copy, fix.description],
    }


def _restored(item: dict, spans: Spans) -> Finding:
    start, col, end, end_col = item["at"]
    message = item["template"]
    for name, place in item["refs"].items():
        message = message.replace(LINE_REF.format(name), str(_line(place, spans)))
    fix = item["fix"]
    if fix is not None:
        fix = Fix((_line(fix[0], spans), fix[1]), (_line(fix[2], spans), fix[3]), *fix[4:])
    return Finding(_line(start, spans), col, item["code"], message,
                   None if end is None else _line(end, spans), end_col, fix)


def analyse_reusing(cache: ResultCache, filename: str, settings: str, text: str, tree,
                    imports, chosen: Plan, options) -> List[Finding]:
    """The findings of the libcst analysis of `chosen`, reused from the last analysis of
    this file when nothing it reads has changed, else analysed and stored."""
    key = analysis_key(text, tree, chosen, imports, settings)
    spans = region_spans(tree, chosen)
    name = cache.entry_name(filename, settings + "\0statements")
    entry = cache.read(name) if key is not None else None
    if entry is not None and entry.get("key") == key:
        try:
            if dependencies_unchanged(entry.get("deps")) and \
                    _answers_as_before(chosen.receivers, entry.get("asked")):
                # checked as the result cache checks its findings
                return [finding_from_json(finding_as_json(_restored(item, spans)))
                        for item in entry["findings"]]
        except (Invalid, KeyError, IndexError, TypeError, ValueError, AttributeError,
                RecursionError):
            pass  # not the layout written here: analysed, and written again
    from .analyse import analyse_plan_placed  # the first import of libcst happens here

    receivers = None if chosen.receivers is None else RecordingReceivers(chosen.receivers)
    with recording_modules() as modules:
        placed = analyse_plan_placed(text, tree, imports, replace(chosen, receivers=receivers),
                                     options, None, filename)
    if key is not None:
        try:
            cache.write(name, {"key": key, "deps": dependencies(modules),
                               "asked": receivers.asked if receivers else [],
                               "findings": [_stored(p, spans) for p in placed]})
        except (_Unplain, OSError):
            pass
    return [p.finding for p in placed]
