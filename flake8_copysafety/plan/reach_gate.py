"""Whether a module may hold the line of a change that a dataset of another module makes
(through a transform bound where the dataset is built, a helper function it imports, a
mixin's method): a file of a project on disk (not an installed package, not stdin) whose
text shows a write. Decided from the text alone; the project model decides the rest
(`project/reach.py`)."""

from typing import Optional

from ..project.module_paths import project_file
from .gate import may_hold_write


def may_be_reached(source, filename: Optional[str]) -> bool:
    return project_file(filename) and may_hold_write(source)  # the path test is cheaper
