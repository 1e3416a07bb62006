"""One lint pipeline for every front end: gate, plan, analyse, wrap errors.

Cheap when there is nothing to find: a substring test rejects most files; for the rest, the
`ast` tree (flake8 parsed it already) tells which statements could hold a finding, and only
those are parsed with libcst, which is not even imported until a file needs it.
"""

import ast
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, List, Optional, Set, Union

from ..core.findings import Finding
from ..core.options import LintOptions  # noqa: F401 - the front ends import it here
from ..core.source import Unchecked
from ..plan.gate import is_candidate, needs_plan  # noqa: F401 - the front ends import it here
from ..plan.reach_gate import may_be_reached
from ..rules.catalogue import RULES

# Deeply nested code is valid Python up to CPython's own limits; give the analysis room.
_RECURSION_LIMIT = 20_000


# (source, filename, options, cache folder) -> findings, or None
Delegate = Callable[[str, str, LintOptions, Optional[str]], Optional[List[Finding]]]


def lint_source(
    source: Union[str, bytes],
    filename: str = "<string>",
    options: LintOptions = LintOptions(),
    tree: Optional[ast.Module] = None,
    facts_used: Optional[Set[str]] = None,
    report_unchecked: bool = False,
    cache_dir: Optional[str] = None,
    delegate: Optional[Delegate] = None,
) -> List[Finding]:
    """All findings for one file (every code, default-off ones included; no noqa filtering).

    Never raises: a file that is not valid Python yields nothing (flake8 reports the syntax
    error itself) or, with `report_unchecked` (the `copysafety` command), one CPS901 finding
    at the parser's position; an internal error becomes one CPS900 finding naming the file.
    With `cache_dir`, a result stored there for the same content, settings and project
    modules is reused (`engine/cache.py`). `delegate`, when the result cache has no answer,
    is asked for the findings first (the editor worker: `worker/client.py`); when it returns
    None the file is analysed here.
    """
    if report_unchecked:  # the worker answers as flake8's plugin does
        delegate = None
    try:
        if cache_dir is not None and facts_used is None:
            return _lint_cached(source, filename, options, tree, report_unchecked, cache_dir,
                                delegate)
        if not needs_plan(source) and not may_be_reached(source, filename):
            # (both imply `is_candidate`, the front ends' first test)
            return _unreadable(source, filename) if report_unchecked else []
        found = _delegated(delegate, source, filename, options, cache_dir, facts_used)
        if found is not None:
            return found
        with _room_to_recurse():
            return _lint(source, filename, options, tree, facts_used,
                         strict=report_unchecked)
    except Unchecked as exc:
        return [_unchecked(filename, exc)] if report_unchecked else []
    except RecursionError:
        return [_internal_error(filename, "the file is nested too deeply to analyse")]
    except Exception as exc:  # noqa: BLE001 - one clear finding instead of a traceback
        return [_internal_error(filename, f"{type(exc).__name__}: {exc}")]


def analyse_source(source, options: LintOptions = LintOptions(),
                   facts_used: Optional[Set[str]] = None) -> List[Finding]:
    """All findings for one unnamed piece of source (the corpus verifier's entry point).
    `facts_used`, when given, receives the semantics keys the analysis consulted."""
    return lint_source(source, "<string>", options, facts_used=facts_used)


def _lint_cached(source, filename, options, tree, report_unchecked, cache_dir, delegate
                 ) -> List[Finding]:
    from ..project.module_paths import recording_modules
    from .cache import ResultCache, content_hash

    cache = ResultCache(cache_dir)
    raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    content = content_hash(raw)
    settings = repr(options.values() + (report_unchecked,))
    found = cache.get(filename, settings, content)
    if found is not None:
        return found  # the text gate's regular expressions cost more than this look-up
    if not needs_plan(source) and not may_be_reached(source, filename):
        found = _unreadable(source, filename) if report_unchecked else []
        cache.put(filename, settings, content, (), found)  # depends on the text and path alone
        return found
    found = _delegated(delegate, source, filename, options, cache_dir, None)
    if found is not None:
        return found  # the delegate stored it
    with recording_modules() as modules:
        try:
            with _room_to_recurse():
                found = _lint(source, filename, options, tree, None, (cache, settings),
                              strict=report_unchecked)
        except Unchecked as exc:
            found = [_unchecked(filename, exc)] if report_unchecked else []
    cache.put(filename, settings, content, modules, found)
    return found


def _delegated(delegate, source, filename, options, cache_dir, facts_used
               ) -> Optional[List[Finding]]:
    if delegate is None or facts_used is not None or not isinstance(source, str):
        return None
    return delegate(source, filename, options, cache_dir)


def _unreadable(source, filename: str) -> List[Finding]:
    """CPS901 for a file without candidates that Python cannot read or parse: the command
    says which files it did not check, also those it would otherwise skip."""
    from ..core.source import python_refuses, python_text

    text = python_text(source)
    refused = Unchecked.from_decoding(source) if text is None else \
        python_refuses(text, only_ast=True)
    return [] if refused is None else [_unchecked(filename, refused)]


def _lint(source, filename, options, tree, facts_used, reusing=None, strict=False
          ) -> List[Finding]:
    """`reusing`: the result cache and settings under which the last analysis of the
    file's chosen statements may be reused (`engine/reuse.py`). `strict` (the command): a
    file CPython would not compile is not checked (CPS901), although its `ast` may be
    whole; flake8 reports such files itself (E999)."""
    from ..core.names import ImportTable
    from ..core.source import python_refuses, python_text
    from ..plan.candidates import plan

    text = python_text(source)
    if text is None:
        raise Unchecked.from_decoding(source)
    if strict:
        if tree is None and needs_plan(text):
            tree = _parsed(text, filename)  # parsed once: compiled here, planned below
        refused = python_refuses(text, tree=tree)
        if refused is not None:
            raise refused
    found: List[Finding] = []
    if needs_plan(text):
        if tree is None:
            tree = _parsed(text, filename)
            if tree is None:
                raise Unchecked.from_parser(text)
        imports = ImportTable(tree)
        chosen = plan(tree, text, imports, options.dataset_bases, filename)
        if chosen and reusing is not None:
            from .reuse import analyse_reusing

            found = analyse_reusing(reusing[0], filename, reusing[1], text, tree, imports,
                                    chosen, options)
        elif chosen:
            from .analyse import analyse_plan  # the first import of libcst happens here

            found = analyse_plan(text, tree, imports, chosen, options, facts_used, filename)
    if may_be_reached(text, filename):
        from .reached import findings_reached_here

        found = found + findings_reached_here(filename, options)
    return found


def _parsed(text: str, filename: str):
    """The file's `ast`, shared with the project model (parsed once in a process, by
    whichever asks first)."""
    from ..core.source import parse_quietly
    from ..project.model import share_tree, shared_tree

    tree = shared_tree(filename, text)
    if tree is None:
        tree = parse_quietly(text)
        share_tree(filename, text, tree)
    return tree


@contextmanager
def _room_to_recurse() -> Iterator[None]:
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, _RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def _unchecked(filename: str, exc: Unchecked) -> Finding:
    return Finding(exc.line, exc.col, "CPS901",
                   RULES["CPS901"].format(filename=filename, why=exc.why))


def _internal_error(filename: str, why: str) -> Finding:
    return Finding(1, 0, "CPS900", RULES["CPS900"].format(filename=filename, why=why))
