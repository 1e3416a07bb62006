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

Each test is a list of alternatives, each with the words one of which its pattern cannot
match without (`state_dict` for `.state_dict(`): a word is looked for by a substring search,
many times faster than a regular expression trying every alternative at every position of
the text, and the pattern runs only where the word occurs. The answer is the pattern's.
"""

import re

# CPS203: a collection of a module's parameters kept (`list(m.parameters())`,
# `dict(m.named_parameters())`, `[p for p in m.parameters()]`) or `copy.copy(...)`.
_KEPT_PARAMETERS = (r"\b(?:list|tuple|dict)\s*\(\s*[\w.]+\s*\.\s*(?:named_)?parameters\s*\("
                    r"|\bin\s+[\w.]+\s*\.\s*(?:named_)?parameters\s*\(\s*\)\s*[\]}]")
_COPY_COPY = r"\bcopy\s*\.\s*copy\s*\("
PARAMETER_SNAPSHOT = _KEPT_PARAMETERS + "|" + _COPY_COPY
# A finding of the file's own: its alternatives, each with the words one of which it needs.
_RULE_PARTS = (
    (("__getitem__",), r"def\s+__getitem__\b"),
    (("state_dict",), r"\.\s*state_dict\s*\("),
    (("parameters",), _KEPT_PARAMETERS),
    (("copy",), _COPY_COPY),
)
# What a change of stored data made in a function looks like in text.
MUTATING_METHODS = ("append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear",
                    "update", "popitem", "setdefault", "fill", "put", "itemset", "partition",
                    "resize")
MUTATING_FUNCTIONS = ("copyto", "shuffle", "put", "fill_diagonal")
WRITE_KEYWORDS = ("out", "dst", "inplace")
_AUGMENTED = r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)"
# Its alternatives, the most often found first (`None`: no word is needed).
_WRITE_PARTS = (
    (None, r"\]\s*%s?=(?!=)" % _AUGMENTED),
    (None, r"\.(?:%s)\s*\(" % "|".join(MUTATING_METHODS)),
    (None, r"%s=" % _AUGMENTED),
    (None, r"[A-Za-z0-9]_\s*\("),
    (MUTATING_FUNCTIONS, r"\b(?:%s)\s*\(" % "|".join(MUTATING_FUNCTIONS)),
    (WRITE_KEYWORDS, r"\b(?:%s)\s*=(?!=)" % "|".join(WRITE_KEYWORDS)),
    (("del",), r"\bdel\b"),
)
HOOKS = ("_transform", "get", "get_data_info", "prepare_data")
PACKAGES = ("mmengine", "monai", "torch_geometric")
_HOOK = r"def\s+(?:%s)\s*\(" % "|".join(HOOKS)
_PACKAGE = r"\b(?:%s)\b" % "|".join(PACKAGES)


# A snapshot taken by a helper of another project module (`start = take(model)`): the file
# imports names and hands a value to what consumes a state_dict or reads parameters; the plan
# asks the project model whether an imported name returns a live one.
CONSUMERS = ("load_state_dict", "save")  # kept equal to facts by a test
_CONSUME_PARTS = ((CONSUMERS, r"\b(?:%s)\s*\(" % "|".join(CONSUMERS)),
                  (("parameters",), r"\.\s*(?:named_)?parameters\s*\("))
_IMPORTS_NAMES = r"(?m:^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t])"

_PARAM_GROUPS = r"\bparam_groups\b"
_PARAMETERS = r"\.\s*parameters\s*\("

_ITER = r"def\s+__iter__\b"
_ITERABLE = r"\bIterableDataset\b"


def helper_snapshot(source) -> bool:
    """A state_dict consumed or parameters read, and names imported from a module."""
    return _any(_CONSUME_PARTS, source) and _found(_IMPORTS_NAMES, source)


def optimizer_in_file(source) -> bool:
    """An optimizer class's param groups named, and a module's parameters taken."""
    return _has(("param_groups",), source) and _has(("parameters",), source) and \
        _found(_PARAM_GROUPS, source) and _found(_PARAMETERS, source)


def iterable_dataset(source) -> bool:
    """An `__iter__` defined, and `IterableDataset` named."""
    return _has(("IterableDataset",), source) and _has(("__iter__",), source) and \
        _found(_ITER, source) and _found(_ITERABLE, source)


def framework_hook(source) -> bool:
    """A hook of a framework's `__getitem__` defined, and such a framework named."""
    return _has(PACKAGES, source) and _found(_PACKAGE, source) and _found(_HOOK, source)


def is_candidate(source) -> bool:
    """Whether `source` (bytes or str) could hold a finding; False means: skip the file."""
    return _any(_RULE_PARTS, source) or _any(_WRITE_PARTS, source) or \
        framework_hook(source) or iterable_dataset(source) or helper_snapshot(source) or \
        optimizer_in_file(source)


def may_hold_write(source) -> bool:
    """Whether `source` may change a value in place (a necessary condition for holding
    the line of a change that a dataset of another module reaches)."""
    return _any(_WRITE_PARTS, source)


def needs_plan(source) -> bool:
    """Whether the file may hold a dataset or a state_dict use of its own (else only the
    changes a dataset of another module reaches, which the project model checks)."""
    return _any(_RULE_PARTS, source) or framework_hook(source) or \
        iterable_dataset(source) or helper_snapshot(source) or optimizer_in_file(source)


def _found(pattern: str, source) -> bool:
    """`re`'s own cache keeps each pattern compiled once it is used: flake8, which passes
    text, never compiles the bytes forms, and a run whose first file fails the first test
    compiles nothing more (importing this module is part of every flake8 run)."""
    if isinstance(source, str):
        return re.search(pattern, source, re.ASCII) is not None
    return re.search(pattern.encode("ascii"), source) is not None


def _has(words, source) -> bool:
    """Whether one of `words` (ASCII) occurs in `source`: a substring search."""
    if isinstance(source, str):
        return any(word in source for word in words)
    return any(word.encode("ascii") in source for word in words)


def _any(parts, source) -> bool:
    """Whether one of the alternatives `(words or None, pattern)` matches, its pattern
    searched for only where one of its words occurs."""
    return any((words is None or _has(words, source)) and _found(pattern, source)
               for words, pattern in parts)
