"""The one record every rule produces and every front end (flake8, CLI, verify) consumes."""

from dataclasses import dataclass, field
from typing import Optional, Tuple


@dataclass(frozen=True)
class Fix:
    """A safe rewrite: replace the source span with `replacement` (1-based lines, 0-based cols)."""

    start: Tuple[int, int]
    end: Tuple[int, int]
    replacement: str
    needs_import_copy: bool = False
    description: str = ""


@dataclass(frozen=True)
class Finding:
    """One finding. `line` is 1-based, `col` is 0-based, as flake8 expects from plugins."""

    line: int
    col: int
    code: str
    message: str
    end_line: Optional[int] = None
    end_col: Optional[int] = None
    fix: Optional[Fix] = field(default=None, compare=False)

    def flake8_text(self) -> str:
        return f"{self.code} {self.message}"
