"""The package's layers: imports only go down, and no module imports itself back in a circle.

Every import inside the package counts, the ones deferred into functions too: a deferred
import still ties the two modules together. An import under `if TYPE_CHECKING:` counts for the
layers (a type is knowledge too) but not for circles: it never runs.
"""

import ast
from pathlib import Path
from typing import Dict, List, Set

import flake8_copysafety

PACKAGE = Path(flake8_copysafety.__file__).resolve().parent
# Lowest first. A module may import modules of its own layer or of a lower one.
LAYERS = ["facts", "core", "project", "plan", "analysis", "rules", "engine", "worker", "fix",
          "guard", "verify", "cli"]
TOP = {"plugin", "__main__"}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom, root: Path) -> List[str]:
    """The package-relative modules an `ImportFrom` names (`from ..core import names` names
    `core.names`; `from ..core.names import dotted` names `core.names`)."""
    if node.level == 0:
        if not (node.module or "").startswith("flake8_copysafety"):
            return []
        base = (node.module or "").split(".")[1:]
    else:
        here = importer.split(".") if importer else []
        package = here if is_package else here[:-1]
        base = package[:len(package) - (node.level - 1)] + (node.module or "").split(".")
        base = [b for b in base if b]
    found = []
    for alias in node.names:
        candidate = ".".join(base + [alias.name])
        if _exists(candidate, root):
            found.append(candidate)
        elif base:
            found.append(".".join(base))
        else:
            found.append("")  # `from . import __version__`: the root package
    return found


def _exists(name: str, root: Path) -> bool:
    path = root.joinpath(*name.split(".")) if name else root
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _type_checking_only(tree: ast.Module) -> Set[int]:
    """The ids of the import nodes inside `if TYPE_CHECKING:` blocks."""
    found: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return found


def import_graph(root: Path = PACKAGE, typing_imports: bool = True) -> Dict[str, Set[str]]:
    """Module -> the package modules it imports (names relative to the package)."""
    graph: Dict[str, Set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        name = _module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = set() if typing_imports else _type_checking_only(tree)
        targets: Set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                targets.update(_resolve(name, path.name == "__init__.py", node, root))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("flake8_copysafety."):
                        targets.add(alias.name.split(".", 1)[1])
        graph[name] = {t for t in targets if t != name}
    return graph


def _rank(module: str) -> int:
    if module == "":
        return -1  # the root package: its version only
    head = module.split(".")[0]
    if head in TOP:
        return len(LAYERS)
    return LAYERS.index(head)


def test_every_module_belongs_to_a_layer():
    for module in import_graph():
        head = module.split(".")[0]
        assert module == "" or head in TOP or head in LAYERS or head == "docs", module


def test_imports_only_go_down():
    upward = [(m, t) for m, targets in import_graph().items() for t in targets
              if _rank(t) > _rank(m)]
    assert upward == []


def test_the_root_package_imports_nothing_of_its_own():
    assert import_graph()[""] == set()


def cycles_in(graph: Dict[str, Set[str]]) -> List[List[str]]:
    state: Dict[str, int] = {}
    cycles: List[List[str]] = []

    def visit(node: str, trail: List[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return cycles


def test_no_import_cycles():
    assert cycles_in(import_graph(typing_imports=False)) == []


def test_a_deferred_import_circle_is_seen(tmp_path):
    """The check is not vacuous: two modules importing each other, one inside a function."""
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "a.py").write_text("from .b import x\n")
    (tmp_path / "core" / "b.py").write_text("def f():\n    from ..core.a import y\n")
    graph = import_graph(tmp_path)
    assert graph["core.a"] == {"core.b"} and graph["core.b"] == {"core.a"}
    assert cycles_in(graph) == [["core.a", "core.b", "core.a"]]


def test_a_type_checking_import_counts_for_layers_not_circles(tmp_path):
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (tmp_path / "core" / "a.py").write_text("from .b import x\n")
    (tmp_path / "core" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n")
    assert import_graph(tmp_path)["core.b"] == {"core.a"}
    assert import_graph(tmp_path, typing_imports=False)["core.b"] == set()
