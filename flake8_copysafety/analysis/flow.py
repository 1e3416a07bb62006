"""Follow tracked values through one function body, in order, and notice in-place changes.

The walker is shared by every rule family: a subclass says what creates a tracked value
(`source`) and what a change, a read, a call or a binding means (`on_*` hooks). Branches join
as "may alias"; loop bodies run twice so that what one iteration does reaches the next.
What a call returns is decided by `semantics` alone.

The walk is layered by concern: the environment (`env`), the state and hooks
(`walk_core`), expressions (`expressions`), calls and summaries (`calls`), statements
(`statements`).
"""

from .statements import StatementWalk
from .walk_core import Change, FileContext, Via, method_change, string_key

__all__ = ["Change", "FileContext", "FlowWalker", "Via", "method_change", "string_key"]


class FlowWalker(StatementWalk):
    """Walks statements with an environment of tracked names; subclasses add meaning."""
