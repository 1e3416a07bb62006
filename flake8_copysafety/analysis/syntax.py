"""Cheap walks over libcst trees: statements only, never expressions.

libcst's visitors are pure Python and visit every token-level node; the analysis needs only
the statement structure to find classes, functions and assignments.
"""

from typing import Iterable, Iterator, List, Optional, Tuple, cast

import libcst as cst

DefPath = Tuple[str, ...]


def _blocks(stmt: cst.CSTNode) -> Iterator[Iterable[cst.CSTNode]]:
    """The statement lists directly inside a compound statement."""
    body = getattr(stmt, "body", None)
    if isinstance(body, cst.BaseSuite):
        yield body.body
    orelse = getattr(stmt, "orelse", None)
    if isinstance(orelse, cst.If):
        yield [orelse]
    elif orelse is not None and isinstance(getattr(orelse, "body", None), cst.BaseSuite):
        yield orelse.body.body
    for handler in getattr(stmt, "handlers", ()):
        yield handler.body.body
    final = getattr(stmt, "finalbody", None)
    if final is not None:
        yield final.body.body
    for case in getattr(stmt, "cases", ()):
        yield case.body.body


def statements(body: Iterable[cst.CSTNode], into_defs: bool = True) -> Iterator[cst.CSTNode]:
    """Every statement under `body`, nested ones included."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and not into_defs:
            continue
        if isinstance(stmt, cst.BaseCompoundStatement):
            for block in _blocks(stmt):
                yield from statements(block, into_defs)


def small_statements(body: Iterable[cst.CSTNode]) -> Iterator[cst.BaseSmallStatement]:
    """Assignments, expressions and the like, skipping nested functions and classes."""
    for stmt in statements(body, into_defs=False):
        if isinstance(stmt, cst.BaseSmallStatement):  # the body of `def f(): x = 1`
            yield stmt
        elif isinstance(stmt, cst.SimpleStatementLine):
            yield from stmt.body
        elif isinstance(stmt, cst.BaseCompoundStatement) and isinstance(
                getattr(stmt, "body", None), cst.SimpleStatementSuite) and not isinstance(
                stmt, (cst.FunctionDef, cst.ClassDef)):
            yield from cast(cst.SimpleStatementSuite, stmt.body).body


def classes_in(module: cst.Module) -> List[cst.ClassDef]:
    return [s for s in statements(module.body) if isinstance(s, cst.ClassDef)]


def functions_with_paths(body: Iterable[cst.CSTNode], path: DefPath = (),
                         owner: Optional[cst.ClassDef] = None
                         ) -> Iterator[Tuple[DefPath, cst.FunctionDef, Optional[cst.ClassDef]]]:
    """Every function with its def path (as `candidates` names them) and its class, if a
    method."""
    for stmt in statements(body, into_defs=False):
        if isinstance(stmt, cst.FunctionDef):
            inner = path + (stmt.name.value,)
            yield inner, stmt, owner
            if isinstance(stmt.body, cst.IndentedBlock):
                yield from functions_with_paths(stmt.body.body, inner, None)
        elif isinstance(stmt, cst.ClassDef) and isinstance(stmt.body, cst.IndentedBlock):
            yield from functions_with_paths(stmt.body.body, path + (stmt.name.value,), stmt)


# Nodes with nothing under them but whitespace and punctuation.
TOKEN_NODES = (cst.Name, cst.BaseNumber, cst.SimpleString, cst.BaseParenthesizableWhitespace,
               cst.TrailingWhitespace, cst.EmptyLine, cst.Newline, cst.Comment,
               cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp,
               cst.BaseAugOp, cst.AssignEqual, cst.Colon, cst.Comma, cst.Dot, cst.Semicolon,
               cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
               cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.ImportStar)


def all_nodes(roots: Iterable[cst.CSTNode], into_tokens: bool = True
              ) -> Iterator[cst.CSTNode]:
    """Every node under `roots` (roots included), in no particular order. Reads `children`
    directly: a libcst visitor rebuilds each node as it goes, many times slower (and
    `children` itself rebuilds the node's children: `into_tokens=False` leaves the
    whitespace and punctuation under `TOKEN_NODES` unvisited, for a walk that needs none)."""
    stack = list(roots)
    while stack:
        node = stack.pop()
        yield node
        if into_tokens or not isinstance(node, TOKEN_NODES):
            stack.extend(node.children)
