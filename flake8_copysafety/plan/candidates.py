"""Which parts of a file could hold a finding, decided from the `ast` flake8 already parsed.

libcst is slow to parse and slower to walk (pure Python), so it only sees the top-level
statements that matter: dataset classes whose `__getitem__` may change stored data in place,
itself or through a helper (and their in-module bases), and functions/classes that keep a
`state_dict()` result and could change it or its module (state_dicts.py). Changes of
objects the code made itself, or of the index it was given, do not count (inplace_sites.py,
helper_calls.py). This module must not import libcst: most files stop here; tests check
that the narrow plan finds exactly what the wide one finds.
"""

import ast
import re
from dataclasses import dataclass, field
from typing import AbstractSet, Dict, Iterable, Iterator, List, Optional, Set, Tuple

from ..core.ast_nodes import nodes_of
from ..core.names import ImportTable, class_ancestors, dataset_entry, dotted_ast
from ..facts.frameworks import DatasetFramework, dataset_bases, framework_of
from ..project.entries import attributes_from_params
from ..project.module_paths import installed_file, project_file
from .ast_walk import Walked, called_name, inner_blocks
from ..facts.module_changes import TRAINING_CALL
from .gate import (PARAMETER_SNAPSHOT, framework_hook, helper_snapshot, iterable_dataset,
                   may_hold_write)
from .helper_calls import Helpers, called_names, may_hold_stored_data
from .inplace_sites import change_sites, changed_params
from .optimizer_results import optimizer_result_lines
from .receivers import LiveReceivers, Receivers
from .snapshot_candidates import (ADOPTION_WORDS, PRODUCER_WORDS, ProducerLinks,
                                  adopting_functions, keeps_state_dict, may_report,
                                  producer_links, producers_given, producers_of)

DATASET_BASES = dataset_bases()  # the framework table (facts/frameworks.py)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_MAX_DEPTH = 1000  # syntax-tree depth past which a statement is not analysed


@dataclass
class Plan:
    """What the libcst analysis must parse, and what the cheap pass already knows."""

    statements: List[int] = field(default_factory=list)  # indices into the module's body
    whole_module: bool = False  # module-level code keeps a state_dict: parse everything
    datasets: Set[str] = field(default_factory=set)  # names of dataset classes
    # Those among them that derive from a dataset base (not only `__getitem__` + `__len__`):
    # a container class of that shape (a spec, a config tree) is filled and changed through
    # its items on purpose, so only real datasets are followed beyond `__getitem__`.
    derived_datasets: Set[str] = field(default_factory=set)
    # Def paths of top-level functions that build a dataset of this module and change
    # something in place: the items it hands out by reference may be what changes.
    item_users: Set[str] = field(default_factory=set)
    # Def paths (("Trainer", "fit"), ("train",)) of functions and classes that mention
    # state_dict, and the functions that return a live one: libcst need not search for them.
    state_dict_scopes: Set[Tuple[str, ...]] = field(default_factory=set)
    producers: Set[str] = field(default_factory=set)
    receivers: Optional[Receivers] = None  # which state_dict() receivers are modules

    def __bool__(self) -> bool:
        return bool(self.statements) or self.whole_module


def _statements(body: Iterable[ast.stmt], into_defs: bool = True) -> Iterator[ast.stmt]:
    """Every statement, nested ones included, without descending into expressions (nor
    into function and class bodies unless `into_defs`)."""
    for stmt in body:
        yield stmt
        if not into_defs and isinstance(stmt, _DEFS):
            continue
        for inner in inner_blocks(stmt):
            yield from _statements(inner, into_defs)


def _lines_with(text: str, word: str) -> List[int]:
    found: List[int] = []
    start = 0
    while True:
        at = text.find(word, start)
        if at < 0:
            return found
        found.append(text.count("\n", 0, at) + 1)
        start = text.find("\n", at) + 1 or len(text)


def first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", ())
    return min([stmt.lineno] + [d.lineno for d in decorators])


def region_spans(tree: ast.Module, chosen: "Plan") -> List[Tuple[int, int]]:
    """The first and last line (1-based, inclusive) of each statement the libcst analysis
    parses on its own (all but a `whole_module` plan), in the order it parses them."""
    return [(first_line(tree.body[i]), tree.body[i].end_lineno or tree.body[i].lineno)
            for i in chosen.statements]


def _covers(stmt: ast.stmt, lines: List[int]) -> bool:
    start, end = first_line(stmt), stmt.end_lineno or stmt.lineno
    return any(start <= line <= end for line in lines)


class DatasetNames:
    """Which classes are map-style datasets: by base (any import spelling, any in-module
    depth), by configured base, or by defining both `__getitem__` and `__len__`."""

    def __init__(self, classes: List[ast.ClassDef], imports: ImportTable,
                 extra_bases: Iterable[str]) -> None:
        self.by_name: Dict[str, ast.ClassDef] = {c.name: c for c in classes}
        self.imports = imports
        self.known = DATASET_BASES | set(extra_bases)
        self._memo: Dict[str, Optional[str]] = {}

    def ancestors(self, cls: ast.ClassDef) -> List[ast.ClassDef]:
        return class_ancestors(cls, _ast_base_names, self.by_name)

    def is_dataset(self, cls: ast.ClassDef) -> bool:
        return self._decide(cls) is not None

    def derives_from_base(self, cls: ast.ClassDef) -> bool:
        return self._decide(cls) == "base"

    def _decide(self, cls: ast.ClassDef) -> Optional[str]:
        """`"base"` (a known dataset base among its ancestors), "shape" (only `__getitem__`
        and `__len__`), or None."""
        if cls.name not in self._memo:
            methods: Set[str] = set()
            found: Optional[str] = None
            for member in self.ancestors(cls):
                methods |= {s.name for s in member.body if isinstance(s, ast.FunctionDef)}
                for base in member.bases:
                    base = base.value if isinstance(base, ast.Subscript) else base
                    name = dotted_ast(base)
                    if self.imports.qualify_ast(base) in self.known or name in self.known:
                        found = "base"
            if found is None and {"__getitem__", "__len__"} <= methods:
                found = "shape"
            self._memo[cls.name] = found
        return self._memo[cls.name]

    def framework(self, cls: ast.ClassDef) -> Optional[DatasetFramework]:
        """The framework table's entry for the class's in-module chain of bases."""
        return framework_of(self.imports.qualify_ast(b.value if isinstance(b, ast.Subscript)
                                                     else b)
                            for member in self.ancestors(cls) for b in member.bases)

    def entry(self, cls: ast.ClassDef) -> Optional[Tuple[ast.FunctionDef, str]]:
        """The method indexing enters first that the module defines (`__getitem__` of the
        class or of an in-module base, else the first hook its framework calls)."""
        framework = self.framework(cls)
        return dataset_entry(self.ancestors(cls), _method_named,
                             framework.entry if framework else ("__getitem__",))


def _changes_what_it_is_given(func: ast.AST, helpers: Helpers) -> bool:
    """A change site in `func`, or a call handing something to a helper that changes it
    (`[batchify(v) for v in values]`)."""
    return next(change_sites(func), None) is not None or \
        helpers.may_change(Walked(func), None, lambda value: True)


def _delegated_to(cls: ast.ClassDef, getitem: ast.FunctionDef,
                  classes: Dict[str, ast.ClassDef]
                  ) -> List[Tuple[ast.ClassDef, ast.FunctionDef]]:
    """`self.dataset.pull_item(i)` in `__getitem__`, where `__init__` keeps an instance of a
    class of this module in `self.dataset`: that class and its method (a wrapper dataset
    hands the reading of an item to the dataset it wraps)."""
    init = _method_named(cls, "__init__")
    if init is None or not init.args.args or not getitem.args.args:
        return []
    init_self, self_name = init.args.args[0].arg, getitem.args.args[0].arg
    held: Dict[str, str] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                isinstance(node.value.func, ast.Name) and node.value.func.id in classes:
            for target in node.targets:
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                        and target.value.id == init_self:
                    held[target.attr] = node.value.func.id
    found = []
    for node in ast.walk(getitem):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                isinstance(node.func.value, ast.Attribute) and \
                isinstance(node.func.value.value, ast.Name) and \
                node.func.value.value.id == self_name and node.func.value.attr in held:
            inner = classes[held[node.func.value.attr]]
            method = _method_named(inner, node.func.attr)
            if method is not None and method.args.args:
                found.append((inner, method))
    return found


def _method_named(cls: ast.ClassDef, name: str) -> Optional[ast.FunctionDef]:
    return next((s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == name),
                None)


def _ast_base_names(cls: ast.ClassDef) -> List[Optional[str]]:
    return [dotted_ast(b.value if isinstance(b, ast.Subscript) else b) for b in cls.bases]


def plan(tree: ast.Module, text: str, imports: ImportTable,
         extra_bases: Iterable[str] = (), filename: Optional[str] = None,
         narrow: bool = True) -> Plan:
    """`narrow=False` keeps every dataset and every statement that keeps a state_dict,
    without asking whether it could change anything (the tests compare the two)."""
    result = Plan()
    getitem_lines = _lines_with(text, "__getitem__")
    state_dict_lines = _lines_with(text, "state_dict")
    snapshot_lines = _lines_matching(text, PARAMETER_SNAPSHOT)
    optimizer_lines = optimizer_result_lines(tree, imports) if "param" in text else []
    snapshot_lines += optimizer_lines
    helpers = Helpers(tree, imports, filename)
    chosen: Set[int] = set()  # dataset classes: their callees are parsed too
    keeping: Set[int] = set()  # state_dict users: only the producers they call are
    if getitem_lines or framework_hook(text) or iterable_dataset(text):
        located: List[Tuple[ast.ClassDef, int]] = []
        for index, top in enumerate(tree.body):
            located.extend((s, index) for s in _statements([top])
                           if isinstance(s, ast.ClassDef))
        names = DatasetNames([c for c, _ in located], imports, extra_bases)
        top_of = {id(c): i for c, i in located}
        handing: List[bool] = []  # asked once, for the first dataset the text leaves out
        for cls, index in located:
            if not names.is_dataset(cls):
                continue
            result.datasets.add(cls.name)
            if names.derives_from_base(cls):
                result.derived_datasets.add(cls.name)
            found = names.entry(cls)
            if found is None:
                continue
            getitem, name = found
            framework = names.framework(cls)
            transformed = framework is not None and framework.transformed_after == name \
                and project_file(filename) and \
                _binds_project_callable(filename, cls.name, framework.transforms)
            if not narrow or transformed or _may_change_data(getitem, helpers) or \
                    _calls_bound_callable(names.ancestors(cls), getitem, filename) or \
                    _hands_data_to_writing_module(filename, handing):
                chosen.update(top_of[id(a)] for a in names.ancestors(cls))
            for inner, method in _delegated_to(cls, getitem, {c.name: c for c, _ in located}):
                if not narrow or _may_change_data(method, helpers):
                    chosen.update(top_of[id(a)] for a in [cls, *names.ancestors(inner)])
        not_installed = not filename or not installed_file(filename)  # stdin included
        functions = {top.name: index for index, top in enumerate(tree.body)
                     if isinstance(top, ast.FunctionDef)}
        for index, top in enumerate(tree.body if not_installed else ()):
            if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            collating = {functions[name] for name in _collate_functions(top)
                         if name in functions and
                         _changes_what_it_is_given(tree.body[functions[name]], helpers)}
            collating = collating if result.derived_datasets & _called(top) else set()
            chosen |= collating  # the loader's collate_fn changes what it is given
            if collating or _builds_and_changes(top, result.derived_datasets, helpers):
                result.item_users.add(top.name)
                chosen.add(index)
                chosen.update(top_of[id(a)] for cls, _ in located if cls.name in
                              _called(top) for a in names.ancestors(cls))
    if snapshot_lines:
        state_dict_lines = sorted(set(state_dict_lines) | set(snapshot_lines))
    if not state_dict_lines and helper_snapshot(text):
        # no `state_dict` in the text: a snapshot taken only by an imported helper
        # (`a = take(m)`) is kept where that helper is called
        imported = _imported_producers(tree, imports, filename)
        state_dict_lines = sorted({n.lineno for n in nodes_of(tree, ast.Call)
                                   if called_name(n) in imported}) if imported else []
    if state_dict_lines:
        tops = [top for top in tree.body if _covers(top, state_dict_lines)]
        mentioning = {id(top) for top in tops}
        result.receivers = receivers = LiveReceivers(tree, imports, filename)
        live = receivers.live_state_dicts() if narrow else None
        producers = producers_of(tree.body, live, kept_lines=set(optimizer_lines))
        producers |= _imported_producers(tree, imports, filename, producers)
        # a helper making its argument's entries a module's Parameters makes it live there
        producers |= adopting_functions(tree.body, producers)
        result.producers = producers
        # the functions that call a producer keep what it returns, as if they called
        # `state_dict()` themselves
        producer_lines = [n.lineno for n in nodes_of(tree, ast.Call)
                          if called_name(n) in producers] if producers else []
        result.state_dict_scopes = _scopes_covering(
            tree.body, sorted(set(state_dict_lines) | set(producer_lines)), ())
        for index, top in enumerate(tree.body):
            if _covers(top, snapshot_lines) and _keeps_parameters(top, result.receivers):
                if isinstance(top, _DEFS) or isinstance(top, ast.ClassDef):
                    keeping.add(index)
                else:
                    result.whole_module = True
                continue
            if live is not None and not _shown_live(top, live, producers):
                continue  # no state_dict here is shown to be a module's or an optimizer's
            if not (producers or id(top) in mentioning) or \
                    not keeps_state_dict(Walked(top), producers,
                                         receivers.optimizer_state_dicts()):
                continue
            if not isinstance(top, _DEFS):
                result.whole_module = True
            elif not narrow or may_report([top], producers, helpers,
                                          receivers.optimizer_state_dicts(),
                                          receivers.changing_methods()) \
                    or _holder(top, receivers):
                keeping.add(index)
        if result.whole_module and narrow:
            result.whole_module = may_report(
                [s for s in tree.body if not isinstance(s, _DEFS)], producers, helpers,
                receivers.optimizer_state_dicts(), receivers.changing_methods())
        if keeping or result.whole_module:
            keeping |= {i for i, top in enumerate(tree.body)
                        if isinstance(top, _DEFS) and top.name in producers}
    # the module's functions a state_dict's keeper calls: their summaries say whether they
    # change what they are given (`apply_step(sd)`)
    statements = with_callees(tree, chosen | keeping)
    result.statements = sorted(i for i in statements if not _too_deep(tree.body[i]))
    if result.whole_module and any(_too_deep(s) for s in tree.body if not isinstance(s, _DEFS)):
        result.whole_module = False
    return result


def _imported_producers(tree: ast.Module, imports: ImportTable,
                        filename: Optional[str], local: AbstractSet[str] = frozenset()
                        ) -> Set[str]:
    """Functions this module imports from other modules of its project that return a live
    state_dict or parameter list of what they are given, or keep one on an object
    (`producers_of` on that module's `ast`, from the project model; `local`: this module's
    producers, a method of the instance it hands them): calling one keeps it.
    The analysis decides with the caller's evidence whether the argument is a module."""
    if not project_file(filename):
        return set()
    called = {n.func.id for n in nodes_of(tree, ast.Call) if isinstance(n.func, ast.Name)}
    names = {name for name in called if name in imports.aliases or name in imports.relative}
    if not names:
        return set()
    from ..project.model import project_model_for

    model = project_model_for(filename)
    module = model.module_of(filename) if model is not None else None
    if model is None or module is None:
        return set()
    found: Set[str] = set()
    for name in sorted(names):
        qualified = model.resolve(module, name)
        owner, _, attr = (qualified or "").rpartition(".")
        if not owner or owner == module or owner not in model.files:
            continue
        data = model.text(owner)
        if data is None:
            other = model.tree(owner)
            produced = producers_of(other.body, known=local) if other is not None else set()
        elif not model.mentions(owner, PRODUCER_WORDS + ADOPTION_WORDS + tuple(local)):
            continue  # no producer of its own, no call of one of `local`, no adoption
        else:  # the same for every module importing it: made once per model and content
            links = model.derived("producer links", owner, data,
                                  lambda: _module_producer_links(model, owner, data), kept=None)
            produced = producers_given(links, local)
        if attr in produced:
            found.add(name)
    return found


def _module_producer_links(model, module: str, data: bytes) -> ProducerLinks:
    tree = model.tree(module, data)
    return producer_links(tree.body) if tree is not None else \
        (frozenset(), (), (frozenset(), ()))


def _lines_matching(text: str, pattern: str) -> List[int]:
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(pattern, text)]


def _keeps_parameters(top: ast.stmt, receivers: LiveReceivers) -> bool:
    """Whether `top` keeps a module's parameters (CPS203) where an optimizer may step."""
    methods = receivers.training_methods()
    text_steps = any(isinstance(n, ast.Call) and (
        called_name(n) in ("step", "load_state_dict") or called_name(n) in methods
        or TRAINING_CALL.search(called_name(n))) for n in ast.walk(top))
    return text_steps or isinstance(top, ast.ClassDef)


def _shown_live(top: ast.stmt, live: Set[int], producers: Set[str]) -> bool:
    for node in ast.walk(top):
        if isinstance(node, ast.Call) and (id(node) in live or (
                producers and called_name(node) in producers)):
            return True
    return False


def _holder(top: ast.stmt, receivers: LiveReceivers) -> bool:
    """A class that keeps a module's `state_dict()` on `self` in a method whose callers
    train between calls (a snapshot holder): the module changes outside the class."""
    if not isinstance(top, ast.ClassDef):
        return False
    for method in top.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or \
                not method.args.args:
            continue
        self_name = method.args.args[0].arg
        path = (top.name, method.name)
        for node in ast.walk(method):
            if not (isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and dotted_ast(t.value) == self_name
                    for t in node.targets)):
                continue
            for call in ast.walk(node.value):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and \
                        call.func.attr == "state_dict" and receivers.kind(
                            path, dotted_ast(call.func.value) or "") is not None and \
                        receivers.trained_between_calls(path):
                    return True
    return False


def _may_change_data(getitem: ast.FunctionDef, helpers: Helpers) -> bool:
    """Whether `__getitem__` may change stored data in place, itself or through a helper;
    changes of objects it made itself, or of the index it was given, do not count."""
    self_name = getitem.args.args[0].arg if getitem.args.args else None
    changes = changed_params(getitem)
    if changes is None or (self_name is not None and self_name in changes):
        return True
    return helpers.may_change(Walked(getitem), self_name,
                              may_hold_stored_data(getitem, self_name))


def _calls_bound_callable(classes: List[ast.ClassDef], getitem: ast.FunctionDef,
                          filename: Optional[str]) -> bool:
    """`classes`: the dataset class, then its bases in this module.

    Whether `__getitem__`, or a method of the class it calls, uses `self.<attr>` where
    `__init__` keeps a constructor argument in `<attr>` (calls it, hands it to a function,
    loops over its members) and the project binds a callable class of its own there where
    it builds the dataset (`project.bindings`, from the `ast` index): only then can the
    analysis find a change inside it. Never for installed packages or stdin."""
    if not project_file(filename):
        return False
    kept: Set[str] = set()
    for cls in classes:
        init = _method_named(cls, "__init__")
        if init is not None and init.args.args:
            kept |= set(attributes_from_params(init))
    if not kept:
        return False
    used: Set[str] = set()
    pending, seen = [getitem], set()
    while pending:
        method = pending.pop()
        if id(method) in seen or not method.args.args:
            continue
        seen.add(id(method))
        self_name = method.args.args[0].arg
        for node in ast.walk(method):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                    node.value.id == self_name:
                if node.attr in kept:
                    used.add(node.attr)
                called = next((m for m in (_method_named(c, node.attr) for c in classes)
                               if m is not None), None)
                if called is not None:
                    pending.append(called)
    return _binds_project_callable(filename, classes[0].name, used)


def _hands_data_to_writing_module(filename: Optional[str], asked: List[bool]) -> bool:
    """Whether the datasets of this module may hand their data to code of another module
    of the project whose text shows a write (`project/reach.py`): a change made there is
    reported here too, at the call that hands the data over, so the datasets are analysed
    whatever their own text shows. The files read are recorded (the result depends on
    them). Never for installed packages or stdin; asked once per plan (`asked`)."""
    if not asked:
        asked.append(project_file(filename) and _reaches_a_write(str(filename)))
    return asked[0]


def _reaches_a_write(filename: str) -> bool:
    from ..project.module_paths import note_file, read_regular
    from ..project.model import project_model_for
    from ..project.reach import reached_from

    model = project_model_for(filename)
    module = model.module_of(filename) if model is not None else None
    if model is None or module is None:
        return False
    for other in sorted(reached_from(model, module)):
        path = model.files[other]
        note_file(path)
        data = read_regular(path)
        if data is not None and may_hold_write(data):
            return True
    return False


def _binds_project_callable(filename: Optional[str], class_name: str,
                            attrs: Iterable[str]) -> bool:
    """Whether the project binds a callable class of its own to one of `attrs` where it
    builds the dataset (the project model, built on demand)."""
    if not attrs or not filename:
        return False
    from ..project.bindings import file_bound_chains

    return any(file_bound_chains(filename, class_name, attr)[1] for attr in sorted(attrs))


def _called(func: ast.AST) -> Set[str]:
    return {n.func.id for n in ast.walk(func) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)}


def _collate_functions(func: ast.AST) -> Set[str]:
    """Module functions given as `collate_fn=name` to a call in `func` (a data loader)."""
    return {kw.value.id for n in ast.walk(func) if isinstance(n, ast.Call)
            for kw in n.keywords if kw.arg == "collate_fn" and isinstance(kw.value, ast.Name)}


def _builds_and_changes(func: ast.AST, datasets: Set[str], helpers: Helpers) -> bool:
    """A function that builds one of the module's datasets and changes something in place,
    itself or through a helper it hands something to (what it changes may be an item the
    dataset handed out by reference)."""
    if not datasets & _called(func):
        return False
    return _changes_what_it_is_given(func, helpers)


def _too_deep(node: ast.AST) -> bool:
    """Nesting no hand-written dataset or training loop has (generated code, stress tests):
    libcst's parser is slow on it, so such statements are left out, silently."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > _MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(current))
    return False


def _scopes_covering(body: List[ast.stmt], lines: List[int], path: Tuple[str, ...]
                     ) -> Set[Tuple[str, ...]]:
    """Def paths of the functions and classes whose lines hold any of `lines`."""
    found: Set[Tuple[str, ...]] = set()
    for stmt in _statements(body, into_defs=False):
        if isinstance(stmt, _DEFS) and _covers(stmt, lines):
            inner = path + (stmt.name,)
            found.add(inner)
            found |= _scopes_covering(stmt.body, lines, inner)
    return found


def with_callees(tree: ast.Module, chosen: Set[int]) -> Set[int]:
    """Add the module's own functions and classes that chosen code calls, transitively, so
    the analysis can follow data into them."""
    defs = {top.name: index for index, top in enumerate(tree.body) if isinstance(top, _DEFS)}
    result, pending = set(chosen), list(chosen)
    while pending:
        index = pending.pop()
        for name in called_names(tree.body[index]):
            callee = defs.get(name)
            if callee is not None and callee not in result:
                result.add(callee)
                pending.append(callee)
    return result
