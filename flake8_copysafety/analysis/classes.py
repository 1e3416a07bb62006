"""The classes of the parsed code, by name, and each class's in-module ancestors."""

from typing import Dict, List, Optional

import libcst as cst

from ..core.names import class_ancestors, dotted
from .syntax import classes_in


def classes_by_name(regions: List[cst.Module]) -> Dict[str, cst.ClassDef]:
    return {c.name.value: c for region in regions for c in classes_in(region)}


def ancestors_in(classes: Dict[str, cst.ClassDef]):
    """`ancestors` bound to this module's classes (for the callee summaries)."""
    return lambda cls: ancestors(cls, classes)


def ancestors(cls: cst.ClassDef, classes: Dict[str, cst.ClassDef]) -> List[cst.ClassDef]:
    """The class and its bases defined in this module, nearest first."""
    return class_ancestors(cls, _cst_base_names, classes)


def _cst_base_names(cls: cst.ClassDef) -> List[Optional[str]]:
    return [dotted(a.value.value if isinstance(a.value, cst.Subscript) else a.value)
            for a in cls.bases]
