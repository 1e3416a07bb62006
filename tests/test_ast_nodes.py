"""`core.ast_nodes`: the nodes of one walk, in `ast.walk`'s order, for the tree asked about."""

import ast
from pathlib import Path

from flake8_copysafety.core import names
from flake8_copysafety.core.ast_nodes import nodes_of

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "flake8_copysafety").glob("**/*.py")) + sorted(
    (ROOT / "tests" / "eval_files").glob("*.py"))


def test_the_walk_is_ast_walk():
    for path in SOURCES:
        tree = ast.parse(path.read_text("utf-8"))
        assert nodes_of(tree, ast.AST) == list(ast.walk(tree)), path
        assert nodes_of(tree, ast.Call, ast.Assign) == [
            n for n in ast.walk(tree) if isinstance(n, (ast.Call, ast.Assign))], path


def test_answers_follow_the_tree_asked_about():
    one = ast.parse("f(x)\n")
    other = ast.parse("a = 1\nb = 2\n")
    for _ in range(2):
        assert [type(n) for n in nodes_of(one, ast.stmt)] == [ast.Expr]
        assert [type(n) for n in nodes_of(other, ast.stmt)] == [ast.Assign, ast.Assign]
    assert nodes_of(other.body[1], ast.Constant)[0].value == 2


def test_import_statements_in_ast_walk_order():
    """The import table reads only statements, in the order `ast.walk` gives them."""
    for path in SOURCES:
        tree = ast.parse(path.read_text("utf-8"))
        assert [n for n in names._statements(tree) if isinstance(n, ast.stmt)] == [
            n for n in ast.walk(tree) if isinstance(n, ast.stmt)], path
