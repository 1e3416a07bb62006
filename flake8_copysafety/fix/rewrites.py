"""Apply the safe rewrites (`Finding.fix`) to source text, touching nothing else.

A fix replaces one span of the original text (1-based lines, 0-based columns, end exclusive),
so comments and formatting elsewhere stay as they were. Fixes are applied bottom-up; identical
fixes (two findings sharing one copy site) count once; a fix overlapping one earlier in the
file is dropped (a later pass may apply it). A fix whose replacement calls `copy.deepcopy`
(`needs_import_copy`) adds `import copy` unless the module already has it: into the
standard-library group of the module's leading imports, in alphabetical place (isort's
order: plain imports, then `from` imports), or as a group of its own before the first
import; with no imports, after the module docstring and `__future__` imports. If the module
binds the name `copy` to something else, such fixes are not applied. If the result would not
compile, nothing is applied.
"""

import ast
import difflib
import warnings
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple, Union

from ..core.findings import Finding, Fix
from ..core.source import split_lines
from ..project.module_paths import is_standard_library


@dataclass
class FixOutcome:
    text: str
    applied: List[Finding] = field(default_factory=list)
    skipped: List[Tuple[Finding, str]] = field(default_factory=list)
    import_added: bool = False
    error: Optional[str] = None


def _offsets(lines: Sequence[str]) -> List[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _content_length(line: str) -> int:
    return len(line.rstrip("\r\n"))


def _offset(lines: Sequence[str], starts: Sequence[int], pos: Tuple[int, int]) -> Optional[int]:
    line, col = pos
    if not 1 <= line <= len(lines) or not 0 <= col <= _content_length(lines[line - 1]):
        return None
    return starts[line - 1] + col


def newline_of(lines: Sequence[str]) -> str:
    for line in lines:
        for ending in ("\r\n", "\n", "\r"):
            if line.endswith(ending):
                return ending
    return "\n"


def _compiles(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<fixed>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


# --- `import copy` -----------------------------------------------------------------------

def _module_level(body: Sequence[ast.stmt]):
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If):
            yield from _module_level(stmt.body)
            yield from _module_level(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            for part in (stmt.body, stmt.orelse, stmt.finalbody):
                yield from _module_level(part)
            for handler in stmt.handlers:
                yield from _module_level(handler.body)


def imports_copy(tree: ast.Module) -> bool:
    """Whether the module binds `copy` to the copy module at module level."""
    return any(
        isinstance(stmt, ast.Import)
        and any(a.name == "copy" and a.asname in (None, "copy") for a in stmt.names)
        for stmt in _module_level(tree.body)
    )


def copy_name_taken(tree: ast.Module) -> bool:
    """Whether anything other than `import copy` binds the name `copy` anywhere."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "copy" and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, ast.arg) and node.arg == "copy":
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and node.name == "copy":
            return True
        if isinstance(node, ast.ExceptHandler) and node.name == "copy":
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound != "copy":
                    continue
                if not (isinstance(node, ast.Import) and alias.name == "copy"):
                    return True
        if type(node).__name__ in ("MatchAs", "MatchStar") \
                and getattr(node, "name", None) == "copy":
            return True
    return False


def import_copy_insertion(tree: ast.Module, line_count: int, newline: str) -> Tuple[int, str]:
    """Where `import copy` goes (the 1-based line it is inserted before) and the text to
    insert there (see the module's docstring)."""
    body = tree.body
    index = 0
    header_end = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        header_end = body[0].end_lineno or body[0].lineno
        index = 1
    while index < len(body) and _is_future_import(body[index]):
        header_end = body[index].end_lineno or body[index].lineno
        index += 1
    text = "import copy" + newline
    groups = _import_groups(body[index:])
    for group in groups:
        if any(_is_stdlib_import(stmt) for stmt in group):
            for stmt in group:
                if isinstance(stmt, ast.ImportFrom) or stmt.names[0].name > "copy":
                    return stmt.lineno, text
            return (group[-1].end_lineno or group[-1].lineno) + 1, text
    if groups:
        return groups[0][0].lineno, text + newline
    if index < len(body):
        following = body[index]
        first = min([following.lineno] +
                    [d.lineno for d in getattr(following, "decorator_list", [])])
        if first > header_end and header_end == 0:
            return first, text
    return min(header_end + 1, line_count + 1), text


def _import_groups(body: Sequence[ast.stmt]) -> List[List[Union[ast.Import, ast.ImportFrom]]]:
    """The module's leading import statements, split where a blank line (or a comment)
    separates them, as isort writes groups."""
    groups: List[List[Union[ast.Import, ast.ImportFrom]]] = []
    previous_end = None
    for stmt in body:
        if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
            break
        if previous_end is None or stmt.lineno > previous_end + 1:
            groups.append([])
        groups[-1].append(stmt)
        previous_end = stmt.end_lineno or stmt.lineno
    return groups


def _is_future_import(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__" and stmt.level == 0


def _is_stdlib_import(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Import):
        return all(is_standard_library(a.name.split(".")[0]) for a in stmt.names)
    return isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and \
        is_standard_library((stmt.module or "").split(".")[0])


def add_import_copy(text: str) -> str:
    """`text` with `import copy` added at the top of the import block."""
    tree = ast.parse(text)
    lines = split_lines(text)
    at, inserted = import_copy_insertion(tree, len(lines), newline_of(lines))
    if at > len(lines):
        prefix = newline_of(lines) if lines and not lines[-1].endswith(("\n", "\r")) else ""
        return text + prefix + inserted
    return "".join(lines[:at - 1]) + inserted + "".join(lines[at - 1:])


# --- spans --------------------------------------------------------------------------------

def apply_fixes(text: str, findings: Sequence[Finding]) -> FixOutcome:
    """Apply every usable fix of `findings` to `text`."""
    outcome = FixOutcome(text)
    lines = split_lines(text)
    starts = _offsets(lines)
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        outcome.error = f"the file does not parse: {exc}"
        return outcome
    has_import = imports_copy(tree)
    name_taken = not has_import and copy_name_taken(tree)

    spans: List[Tuple[int, int, Fix, List[Finding]]] = []
    for finding in findings:
        fix = finding.fix
        if fix is None:
            continue
        if fix.needs_import_copy and name_taken:
            outcome.skipped.append((finding, "the name `copy` is bound to something else"))
            continue
        begin, end = _offset(lines, starts, fix.start), _offset(lines, starts, fix.end)
        if begin is None or end is None or end < begin:
            outcome.skipped.append((finding, "the fix span is outside the file"))
            continue
        same = next((s for s in spans if (s[0], s[1], s[2].replacement)
                     == (begin, end, fix.replacement)), None)
        if same is not None:
            same[3].append(finding)
        else:
            spans.append((begin, end, fix, [finding]))

    spans.sort(key=lambda s: (s[0], s[1]))
    kept: List[Tuple[int, int, Fix, List[Finding]]] = []
    for span in spans:
        if kept and (span[0] < kept[-1][1] or span[0] == kept[-1][0] == span[1]):
            outcome.skipped.extend((f, "overlaps another fix") for f in span[3])
            continue
        kept.append(span)
    if not kept:
        return outcome

    new = text
    for begin, end, fix, _ in reversed(kept):
        new = new[:begin] + fix.replacement + new[end:]
    needs_import = any(span[2].needs_import_copy for span in kept) and not has_import
    if needs_import:
        try:
            new = add_import_copy(new)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            pass  # caught below: the result must compile
    if not _compiles(new):
        outcome.error = "the fixed file would not compile; nothing was changed"
        return outcome
    outcome.text = new
    outcome.import_added = needs_import
    outcome.applied = [f for span in kept for f in span[3]]
    return outcome


def unified_diff(path: str, before: str, after: str) -> str:
    """A `git apply`-able diff of one file."""
    old, new = split_lines(before), split_lines(after)
    out = []
    for line in difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
