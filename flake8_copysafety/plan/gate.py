"""The text gate: can this file hold a finding at all? Imports nothing but `re`.

flake8 imports every installed plugin in every run, also for one file in an editor, and most
files cannot hold a finding. The test that decides lives here, away from the dataclasses,
the `ast` plan and libcst, so that a plugin importing only this module costs a run almost
nothing until a file passes.

The test is a necessary condition for every rule, and no more:
- CPS1xx need a dataset class that defines `__getitem__`: the text `def __getitem__`
  (`async def __getitem__` contains it too);
- a change of a dataset's stored data made by code of another module (a transform bound
  where the dataset is built, a helper function, a mixin's method) is reported in that
  module, on its line: the text of a write the analysis counts (`x[i] =`, `x += `, `del`,
  `.add_(`, `.append(`, `np.copyto(`, `out=`, ...; the lists below, kept equal to
  `facts/semantics.py` by a test), and the project model decides whether a dataset reaches
  the module (`project/reach.py`);
- a dataset of a framework whose `__getitem__` calls a hook the subclass overrides (PyG's
  `get`) need not define `__getitem__`: the text `def get(` (a hook of the framework table,
  `facts/frameworks.py`) together with the name of a package that holds such a framework
  (`torch_geometric`); a test keeps both lists equal to the table's;
- a registered transform of a framework base whose `__call__` runs `transform` (mmcv's
  `BaseTransform`) is reported in its own module like any other: its change is a write;
- an iterable-style dataset hands its items out from `__iter__`: the text `def __iter__`
  together with `IterableDataset`;
- CPS2xx need a call of a `state_dict` attribute, `m.state_dict()`: the text `.state_dict(`,
  with any whitespace (line breaks inside brackets included) around the dot and before the
  parenthesis. `load_state_dict(`, `def state_dict(` and `get_model_state_dict(` do not pass
  alone; a snapshot taken by a helper of another module (`start = take(model)`) needs names
  imported (`from steps import take`) and a consumer of it (`load_state_dict(`, `save(`) or a
  read of parameters (`.parameters(`) in the file.
  CPS203 needs a kept collection of parameters: `list(`/`tuple(`/`dict(` of
  `x.parameters()`/`x.named_parameters()`, a comprehension over one, or `copy.copy(`; or
  what a project optimizer's method returns (`group["params"]`): the text `param_groups`
  (the class defined in the file) with `.parameters(` (one built on a module), or, for a
  class imported by name, the helper clause above.

Bytes and text give the same answer: the patterns are ASCII, and neither UTF-8 nor the
`surrogateescape` error handler turns a non-ASCII character into ASCII bytes.
"""

import re

# CPS203: a collection of a module's parameters kept (`list(m.parameters())`,
# `dict(m.named_parameters())`, `[p for p in m.parameters()]`) or `copy.copy(...)`.
_KEPT_PARAMETERS = (r"\b(?:list|tuple|dict)\s*\(\s*[\w.]+\s*\.\s*(?:named_)?parameters\s*\("
                    r"|\bin\s+[\w.]+\s*\.\s*(?:named_)?parameters\s*\(\s*\)\s*[\]}]")
_COPY_COPY = r"\bcopy\s*\.\s*copy\s*\("
PARAMETER_SNAPSHOT = _KEPT_PARAMETERS + "|" + _COPY_COPY
_GETITEM = r"def\s+__getitem__\b"
_STATE_DICT_CALL = r"\.\s*state_dict\s*\("
_RULES = _GETITEM + "|" + _STATE_DICT_CALL + "|" + PARAMETER_SNAPSHOT
# What a change of stored data made in a function looks like in text.
MUTATING_METHODS = ("append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear",
                    "update", "popitem", "setdefault", "fill", "put", "itemset", "partition",
                    "resize")
MUTATING_FUNCTIONS = ("copyto", "shuffle", "put", "fill_diagonal")
WRITE_KEYWORDS = ("out", "dst", "inplace")
_AUGMENTED = r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)"
_WRITE = (r"\]\s*%s?=(?!=)|%s=|[A-Za-z0-9]_\s*\(|\.(?:%s)\s*\(|\b(?:%s)\s*\(|\b(?:%s)\s*="
          r"(?!=)|\bdel\b" % (_AUGMENTED, _AUGMENTED, "|".join(MUTATING_METHODS),
                              "|".join(MUTATING_FUNCTIONS), "|".join(WRITE_KEYWORDS)))
HOOKS = ("_transform", "get", "get_data_info", "prepare_data")
PACKAGES = ("mmengine", "monai", "torch_geometric")
_HOOK = r"def\s+(?:%s)\s*\(" % "|".join(HOOKS)
_PACKAGE = r"\b(?:%s)\b" % "|".join(PACKAGES)


# A snapshot taken by a helper of another project module (`start = take(model)`): the file
# imports names and hands a value to what consumes a state_dict or reads parameters; the plan
# asks the project model whether an imported name returns a live one.
CONSUMERS = ("load_state_dict", "save")  # kept equal to facts by a test
_CONSUMES = r"\b(?:%s)\s*\(|\.\s*(?:named_)?parameters\s*\(" % "|".join(CONSUMERS)
_IMPORTS_NAMES = r"(?m:^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t])"

_PARAM_GROUPS = r"\bparam_groups\b"
_PARAMETERS = r"\.\s*parameters\s*\("

_ITER = r"def\s+__iter__\b"
_ITERABLE = r"\bIterableDataset\b"


# A word every match of a pattern holds, tested with `in` before the pattern is searched:
# most files lack it, and a substring test costs a small part of a search that scans the
# whole text trying every alternative at each position. Kept sound by a test
# (`tests/test_gate.py`: each pattern's matches over the corpus hold one of its words).
NEEDLES = {
    _GETITEM: ("__getitem__",),
    _STATE_DICT_CALL: ("state_dict",),
    _KEPT_PARAMETERS: ("parameters",),
    _COPY_COPY: ("copy",),
    _HOOK: ("def",),
    _PACKAGE: PACKAGES,
    _CONSUMES: CONSUMERS + ("parameters",),
    _IMPORTS_NAMES: ("import",),
    _PARAM_GROUPS: ("param_groups",),
    _PARAMETERS: ("parameters",),
    _ITER: ("__iter__",),
    _ITERABLE: ("IterableDataset",),
}
_OWN_RULES = (_GETITEM, _STATE_DICT_CALL, _KEPT_PARAMETERS, _COPY_COPY)


def helper_snapshot(source) -> bool:
    """A state_dict consumed or parameters read, and names imported from a module."""
    return _found(_CONSUMES, source) and _found(_IMPORTS_NAMES, source)


def optimizer_in_file(source) -> bool:
    """An optimizer class's param groups named, and a module's parameters taken."""
    return _found(_PARAM_GROUPS, source) and _found(_PARAMETERS, source)


def iterable_dataset(source) -> bool:
    """An `__iter__` defined, and `IterableDataset` named."""
    return _found(_ITERABLE, source) and _found(_ITER, source)


def framework_hook(source) -> bool:
    """A hook of a framework's `__getitem__` defined, and such a framework named."""
    return _found(_PACKAGE, source) and _found(_HOOK, source)


def is_candidate(source) -> bool:
    """Whether `source` (bytes or str) could hold a finding; False means: skip the file."""
    return may_hold_write(source) or needs_plan(source)


def may_hold_write(source) -> bool:
    """Whether `source` may change a value in place (a necessary condition for holding
    the line of a change that a dataset of another module reaches)."""
    return _remembered(source, "write", lambda: _found(_WRITE, source))


def needs_plan(source) -> bool:
    """Whether the file may hold a dataset or a state_dict use of its own (else only the
    changes a dataset of another module reaches, which the project model checks)."""
    return _remembered(source, "plan", lambda: any(
        _found(p, source) for p in _OWN_RULES) or framework_hook(source) or
        iterable_dataset(source) or helper_snapshot(source) or optimizer_in_file(source))


# The answers for the last text asked about: a front end asks for one file's text several
# times (the plugin's test, then the pipeline's, with and without a result cache). Held by
# identity, with the text itself kept alive, so an answer never outlives its text.
_last: tuple = (None, {})


def _remembered(source, question: str, answer) -> bool:
    global _last
    held = _last  # one read: a thread asking about another text replaces it whole
    if held[0] is not source:
        held = _last = (source, {})
    known = held[1]
    if question not in known:
        known[question] = answer()
    return known[question]


def _found(pattern: str, source) -> bool:
    """`re`'s own cache keeps each pattern compiled once it is used: flake8, which passes
    text, never compiles the bytes forms, and a run whose first file fails the first test
    compiles nothing more (importing this module is part of every flake8 run)."""
    needles = NEEDLES.get(pattern, ())
    if isinstance(source, str):
        if needles and not any(n in source for n in needles):
            return False
        return re.search(pattern, source, re.ASCII) is not None
    if needles and not any(n.encode("ascii") in source for n in needles):
        return False
    return re.search(pattern.encode("ascii"), source) is not None
