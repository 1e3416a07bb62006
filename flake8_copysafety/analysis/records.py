"""Record objects: instances whose fields are the very objects they were built with.

`Graph(x=self.x[a:b])` keeps the stored view as `graph.x` when `Graph.__init__` keeps its
parameter as it is (`self.x = x`): a write through the field changes the stored data, and
`copy.copy(graph)` is a new object whose fields are the same objects. What proves a record:
a plain class of the module (no bases, decorators or metaclass; no `__setattr__`,
`__getattribute__`, `__copy__`, `__reduce__`/`__reduce_ex__`; nothing of a field's name in the
class body) whose `__init__` binds a parameter, never rebound, to `self.<field>` once; or a
framework record of `facts.frameworks.RECORD_CLASSES`, whose every keyword is a field.
"""

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple, TypeVar

import libcst as cst

from ..facts.frameworks import RECORD_CLASSES
from ..facts.semantics import Kind
from .values import VType

_V = TypeVar("_V")

# Methods that change how fields are set, read or copied: a class defining one is no record.
_CUSTOM_ACCESS = frozenset({"__setattr__", "__getattribute__", "__copy__", "__reduce__",
                            "__reduce_ex__", "__deepcopy__"})


@dataclass(frozen=True)
class RecordShape:
    """Which constructor arguments a record keeps as fields, and under which names."""

    positional: Tuple[Optional[str], ...]  # the field each positional argument fills
    keywords: Mapping[str, str]  # keyword parameter -> field
    any_keyword: bool = False  # every keyword argument is a field of its own name

    def has_field(self, name: str) -> bool:
        return self.any_keyword or name in self.keywords.values()

    def fields(self, call: cst.Call, values: Sequence[_V]) -> Optional[List[Tuple[str, _V]]]:
        """(field, value) for each argument the record keeps (`values`: one per argument,
        tracked values or the expressions); None when `*args`/`**kwargs` hide which argument
        goes where."""
        kept: List[Tuple[str, _V]] = []
        position = 0
        for arg, value in zip(call.args, values):
            if arg.star:
                return None
            if arg.keyword is None:
                name = self.positional[position] if position < len(self.positional) else None
                position += 1
            elif self.any_keyword:
                name = arg.keyword.value
            else:
                name = self.keywords.get(arg.keyword.value)
            if name is not None:
                kept.append((name, value))
        return kept


def record_shape(cls_name: Optional[str], classes: Mapping[str, cst.ClassDef]
                 ) -> Optional[RecordShape]:
    """The shape of the record class named `cls_name` (qualified for a framework record,
    the bare name for a class of the module), or None if it is not proven a record."""
    if cls_name is None:
        return None
    framework = RECORD_CLASSES.get(cls_name)
    if framework is not None:
        return RecordShape(framework, {}, any_keyword=True)
    cls = classes.get(cls_name)
    return _class_shape(cls) if cls is not None else None


def is_record(vtype: VType, classes: Mapping[str, cst.ClassDef]) -> bool:
    """Whether a value of this type is proven a record (made by a record constructor)."""
    if vtype.kind is Kind.RECORD:
        return True
    return vtype.kind is Kind.UNKNOWN and record_shape(vtype.cls, classes) is not None


def record_type(cls_name: str, kept: List[Tuple[str, VType]]) -> VType:
    return VType(Kind.RECORD, cls=cls_name, fields=tuple(kept))


_SHAPES: Dict[int, Tuple[cst.ClassDef, Optional[RecordShape]]] = {}


def _class_shape(cls: cst.ClassDef) -> Optional[RecordShape]:
    cached = _SHAPES.get(id(cls))
    if cached is not None and cached[0] is cls:
        return cached[1]
    shape = _read_shape(cls)
    if len(_SHAPES) > 4096:
        _SHAPES.clear()
    _SHAPES[id(cls)] = (cls, shape)
    return shape


def _read_shape(cls: cst.ClassDef) -> Optional[RecordShape]:
    if cls.decorators or cls.keywords or any(
            not (isinstance(b.value, cst.Name) and b.value.value == "object") for b in cls.bases):
        return None
    if not isinstance(cls.body, cst.IndentedBlock):
        return None
    init = None
    defined = set()
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef):
            if stmt.name.value in _CUSTOM_ACCESS:
                return None
            if stmt.name.value == "__init__":
                init = stmt
            defined.add(stmt.name.value)
        else:
            defined.update(_bound_names(stmt))
    if init is None or not isinstance(init.body, cst.IndentedBlock):
        return None
    params = init.params
    if params.star_arg is not cst.MaybeSentinel.DEFAULT and \
            not isinstance(params.star_arg, cst.ParamStar):
        return None  # `*args`: positions past it are not the parameters listed
    ordered = list(params.posonly_params) + list(params.params)
    if not ordered:
        return None
    self_name = ordered[0].name.value
    names = [p.name.value for p in ordered[1:]] + [p.name.value for p in params.kwonly_params]
    kept = _kept_parameters(init, self_name, frozenset(names))
    kept = {p: f for p, f in kept.items() if f not in defined}
    if not kept:
        return None
    positional = tuple(kept.get(p.name.value) for p in ordered[1:])
    keywords = {p: f for p, f in kept.items()
                if p not in {q.name.value for q in params.posonly_params}}
    return RecordShape(positional, keywords)


def _kept_parameters(init: cst.FunctionDef, self_name: str, params: FrozenSet[str]
                     ) -> Dict[str, str]:
    """parameter -> field, for `self.<field> = <parameter>` at the top of `__init__`, where
    neither the parameter nor the field is bound anywhere else in it."""
    kept: Dict[str, str] = {}
    bound: Dict[str, int] = {}
    for node in _assignment_targets(init):
        key = _target_key(node, self_name)
        if key is not None:
            bound[key] = bound.get(key, 0) + 1
    for stmt in init.body.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
                continue
            target, value = small.targets[0].target, small.value
            if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and \
                    target.value.value == self_name and isinstance(value, cst.Name) and \
                    value.value in params:
                field = target.attr.value
                if bound.get(f".{field}") == 1 and not bound.get(value.value):
                    kept[value.value] = field
    return kept


def _assignment_targets(func: cst.FunctionDef) -> List[cst.BaseExpression]:
    found: List[cst.BaseExpression] = []

    class _Targets(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            found.extend(_flatten(node.target))

        def visit_AugAssign(self, node: cst.AugAssign) -> None:
            found.append(node.target)

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            found.append(node.target)

        def visit_For(self, node: cst.For) -> None:
            found.extend(_flatten(node.target))

        def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
            found.append(node.target)

        def visit_AsName(self, node: cst.AsName) -> None:
            found.extend(_flatten(node.name))

    func.body.visit(_Targets())
    return found


def _flatten(target: cst.BaseExpression) -> List[cst.BaseExpression]:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [t for e in target.elements for t in _flatten(e.value)]
    if isinstance(target, cst.StarredElement):
        return _flatten(target.value)
    return [target]


def _target_key(node: cst.BaseExpression, self_name: str) -> Optional[str]:
    """`name` for a local name, `.field` for `self.field`."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and \
            node.value.value == self_name:
        return f".{node.attr.value}"
    return None


def _bound_names(stmt: cst.CSTNode) -> List[str]:
    """Names a class-body statement binds (a class attribute, a property, a nested class)."""
    if isinstance(stmt, cst.ClassDef):
        return [stmt.name.value]
    names: List[str] = []
    if isinstance(stmt, cst.SimpleStatementLine):
        for small in stmt.body:
            targets = []
            if isinstance(small, cst.Assign):
                targets = [t for a in small.targets for t in _flatten(a.target)]
            elif isinstance(small, (cst.AnnAssign, cst.AugAssign)):
                targets = [small.target]
            names.extend(t.value for t in targets if isinstance(t, cst.Name))
    return names
