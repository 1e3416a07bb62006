"""Whether a module may hold the in-place change of a transform bound where a dataset is
built (`Digits(transform=Compose([ToTensor(), Normalize(...)]))` in the training script):
it defines a class with `__call__` (or with the method a framework transform base's
`__call__` runs, `transform` of mmcv's `BaseTransform`), and belongs to a project on disk
(not an installed package, not stdin). Decided from the `ast` alone; the project model
decides the rest."""

import ast
from typing import Optional

from ..facts.frameworks import TRANSFORM_BASES
from ..project.files import file_on_disk, installed_file

_CALLED = frozenset({"__call__"} | set(TRANSFORM_BASES.values()))


def may_be_bound_transform(tree: ast.Module, filename: Optional[str]) -> bool:
    if not file_on_disk(filename):
        return False
    if not any(isinstance(stmt, ast.ClassDef) and any(
            isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name in _CALLED
            for m in stmt.body) for stmt in tree.body):
        return False
    return not installed_file(filename)
