"""The parsed pieces of a file ("regions") and the callees built from them."""

from dataclasses import dataclass
from typing import List

import libcst as cst

from .classes import ancestors_in, classes_by_name
from .flow import FileContext
from .live_sources import live_value
from .summaries import Callees


@dataclass
class Region:
    """One parsed piece of the file, and how many lines precede it."""

    module: cst.Module
    offset: int


def build_callees(ctx: FileContext, regions: List[Region]) -> Callees:
    """The functions and classes of the parsed regions, ready to be summarised (and
    attached to `ctx`)."""
    modules = [r.module for r in regions]
    classes = classes_by_name(modules)
    ctx.callees = Callees(ctx, modules, classes, ancestors_in(classes), live_value)
    return ctx.callees
