"""The one record every rule produces and every front end (flake8, CLI, verify) consumes."""

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

# In a message being built: a placeholder for the line of a node, filled in once positions are
# known (and filled in again when a stored analysis is reused with its statements moved).
LINE_REF = "@@{}@@"
# What joins a static message's account of the problem to its fix (`rules/catalogue.py`).
FIX_LEAD = ". Fix: "


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

    @property
    def fix_title(self) -> Optional[str]:
        """The fix the message ends with (ruff's `fix_title`), if it names one."""
        _, lead, fix = self.message.rpartition(FIX_LEAD)
        return fix.removesuffix(".") if lead else None


@dataclass(frozen=True)
class PlacedFinding:
    """A finding with its message before the lines of the nodes it names were filled in
    (`template`, with `LINE_REF` placeholders) and those lines (`refs`, 1-based): what a
    reuse of the analysis needs to move them (`engine/reuse.py`)."""

    finding: Finding
    template: str
    refs: Dict[str, int] = field(default_factory=dict)
