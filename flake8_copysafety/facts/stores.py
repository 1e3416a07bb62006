"""Stores that hand out references, kept as data: calls whose result is an object something
keeps and hands out again, so that changing the result in place changes what every later
call returns.

- `REFERENCE_RETURNING`: methods of third-party store classes that return the objects the
  store holds, keyed by qualified name (`package.module.Class.method`, the class as its
  module defines it). A receiver counts only where it is shown to be an instance of that
  class: built from the imported class (`self.coco = COCO(ann_file)` in `__init__`), never
  from an attribute's name. `copysafety-reference-returning` (flake8) /
  `reference-returning` (`[tool.copysafety]`) adds a project's own store classes; those
  methods return the kept object itself.
- `CACHING_DECORATORS`: decorators that keep a function's result and return that same
  object to every later call with equal arguments (`functools.lru_cache`: "the cache
  returns the cached result", CPython `Lib/functools.py`, `_lru_cache_wrapper`).
"""

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, Optional

from .semantics import Kind

LIST_OF_KEPT = "list"  # a new list whose elements are the kept objects
KEPT = "object"  # the kept object itself


@dataclass(frozen=True)
class StoreMethod:
    """One method of a store class: what its result is, and what the kept objects are."""

    key: str  # `package.module.Class.method`
    returns: str = KEPT  # LIST_OF_KEPT or KEPT
    kind: Kind = Kind.UNKNOWN  # what each kept object is, where the store fixes it

    @property
    def owner(self) -> str:
        return self.key.rpartition(".")[0]


def _methods(*rows: StoreMethod) -> Dict[str, StoreMethod]:
    return {row.key: row for row in rows}


# pycocotools 2.0.11, `pycocotools/coco.py`: `createIndex` keeps every annotation, image and
# category dict of the loaded JSON in `self.anns`, `self.imgs`, `self.cats` (by id), and
# `loadAnns(ids)` is `[self.anns[id] for id in ids]` (`loadImgs`, `loadCats` likewise): a new
# list of the stored dicts themselves.
REFERENCE_RETURNING: Dict[str, StoreMethod] = _methods(
    StoreMethod("pycocotools.coco.COCO.loadAnns", LIST_OF_KEPT, Kind.DICT),
    StoreMethod("pycocotools.coco.COCO.loadImgs", LIST_OF_KEPT, Kind.DICT),
    StoreMethod("pycocotools.coco.COCO.loadCats", LIST_OF_KEPT, Kind.DICT),
)

CACHING_DECORATORS: FrozenSet[str] = frozenset({"functools.lru_cache", "functools.cache"})


def store_classes(configured: Iterable[str] = ()) -> FrozenSet[str]:
    """Every class with a method in the table or in `configured` (dotted method names)."""
    return frozenset({m.owner for m in REFERENCE_RETURNING.values()} |
                     {name.rpartition(".")[0] for name in configured if "." in name})


def store_method(name: str, configured: Iterable[str] = ()) -> Optional[StoreMethod]:
    """The table's row for `package.module.Class.method`, or a configured one (returning
    the kept object itself)."""
    found = REFERENCE_RETURNING.get(name)
    if found is None and name in configured:
        found = StoreMethod(name)
    return found


def fact_keys() -> FrozenSet[str]:
    """The facts a corpus case must exercise, named as `copysafety verify` reports them."""
    return frozenset({f"store:{k}" for k in REFERENCE_RETURNING} |
                     {f"cache:{k}" for k in CACHING_DECORATORS})
