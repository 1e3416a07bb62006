"""Whether a module may hold the in-place change of a transform bound where a dataset is
built (`Digits(transform=Compose([ToTensor(), Normalize(...)]))` in the training script):
it defines a class with `__call__`, and belongs to a project on disk (not an installed
package, not stdin). Decided from the `ast` alone; the project model decides the rest."""

import ast
from typing import Optional

from ..project.files import file_on_disk, installed_file


def may_be_bound_transform(tree: ast.Module, filename: Optional[str]) -> bool:
    if not file_on_disk(filename):
        return False
    if not any(isinstance(stmt, ast.ClassDef) and any(
            isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and m.name == "__call__"
            for m in stmt.body) for stmt in tree.body):
        return False
    return not installed_file(filename)
